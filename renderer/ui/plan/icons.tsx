/** Icons of the plan tools and lists (decorative: the control that holds one carries the accessible name). */
const PATHS: Record<string, string> = {
  select: 'M5 3l14 8-6 1.5L10 19z',
  point: 'M12 12m-3 0a3 3 0 106 0a3 3 0 10-6 0 M12 3v4 M12 17v4 M3 12h4 M17 12h4',
  line: 'M5 19L19 5 M5 19h.01 M19 5h.01',
  polyline: 'M3 17l5-8 6 5 7-9',
  contour: 'M6 5c6-3 13 0 13 6s-5 9-10 8S2 8 6 5z',
  ellipse: 'M12 12m-9 0a9 6 0 1018 0a9 6 0 10-18 0',
  arrow: 'M5 19L18 6 M11 6h7v7',
  needle: 'M3 4l11 11 M14 15l3 3 M17 18l3 2-2-3 M3 4h3 M3 4v3',
  eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z M12 12m-3 0a3 3 0 106 0a3 3 0 10-6 0',
  'eye-off': 'M3 3l18 18 M10.6 5.1A10 10 0 0112 5c6 0 10 7 10 7a17 17 0 01-3.2 3.9 M6.6 6.6C3.9 8.3 2 12 2 12s4 7 10 7a9.8 9.8 0 005.4-1.6',
  lock: 'M6 11h12v9H6z M8 11V8a4 4 0 018 0v3',
  unlock: 'M6 11h12v9H6z M8 11V8a4 4 0 017.7-1.5',
  trash: 'M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13',
  copy: 'M8 8h12v12H8z M4 16V4h12',
  block: 'M4 5h16v14H4z M8 9h8 M8 13h8 M8 17h5',
  frame: 'M4 6h16v12H4z M8 6v12 M16 6v12',
  all: 'M3 5h12v10H3z M7 9h14v10H7',
};

export function PlanIcon({ name, size = 18 }: { name: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}
