/** Inline SVG icons of the viewer (decorative: the button holding one carries the accessible name). */
const PATHS: Record<string, string> = {
  play: 'M7 5l12 7-12 7z',
  pause: 'M7 5h3.5v14H7z M13.5 5H17v14h-3.5z',
  prev: 'M15 6l-6 6 6 6',
  next: 'M9 6l6 6-6 6',
  first: 'M6 6v12 M17 6l-6 6 6 6',
  last: 'M18 6v12 M7 6l6 6-6 6',
  zoomIn: 'M10.5 4a6.5 6.5 0 110 13 6.5 6.5 0 010-13z M15.5 15.5L20 20 M10.5 7.5v6 M7.5 10.5h6',
  zoomOut: 'M10.5 4a6.5 6.5 0 110 13 6.5 6.5 0 010-13z M15.5 15.5L20 20 M7.5 10.5h6',
  fit: 'M4 9V4h5 M20 9V4h-5 M4 15v5h5 M20 15v5h-5',
  actual: 'M4 4h16v16H4z M9 9v6 M15 9v6 M12 10.5h.01 M12 13.5h.01',
  rotate: 'M20 11a8 8 0 10-2.3 5.7 M20 5v6h-6',
  flip: 'M12 3v18 M9 7L4 12l5 5z M15 7l5 5-5 5z',
  invert: 'M12 4a8 8 0 100 16z M12 4a8 8 0 010 16',
  window: 'M4 18h16 M6 18c2-8 4-12 6-12s4 4 6 12',
  reset: 'M4 12a8 8 0 108-8 M4 4v5h5',
  info: 'M4 5h16v14H4z M7 9h6 M7 13h10',
  ruler: 'M8 3v18 M8 6h4 M8 9h2.5 M8 12h4 M8 15h2.5 M8 18h4',
  patient: 'M12 4a4 4 0 110 8 4 4 0 010-8z M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6',
  diag: 'M3 17l5-6 4 3 4-7 5 6',
  bookmark: 'M7 4h10v16l-5-4-5 4z',
  loop: 'M17 2l3 3-3 3 M4 11V9a4 4 0 014-4h12 M7 22l-3-3 3-3 M20 13v2a4 4 0 01-4 4H4',
  bounce: 'M4 8h14 M15 5l3 3-3 3 M20 16H6 M9 13l-3 3 3 3',
  once: 'M4 12h12 M13 8l4 4-4 4 M20 6v12',
  close: 'M6 6l12 12 M18 6L6 18',
};

export function VIcon({ name, size = 18 }: { name: keyof typeof PATHS | string; size?: number }) {
  const filled = name === 'play' || name === 'pause';
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={filled ? 0 : 1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}
