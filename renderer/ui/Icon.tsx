/** Small inline SVG icons (decorative: the button that holds one carries the accessible name). */
const PATHS: Record<string, string> = {
  open: 'M3 6h6l2 2h10v11H3z',
  folder: 'M3 6h6l2 2h10v11H3z M3 10h18',
  save: 'M5 3h11l3 3v15H5z M8 3v6h8V3 M8 14h8v7H8z',
  undo: 'M9 14L4 9l5-5 M4 9h10a6 6 0 010 12h-3',
  redo: 'M15 14l5-5-5-5 M20 9H10a6 6 0 000 12h3',
  help: 'M12 18h.01 M9 9a3 3 0 116 0c0 2-3 2-3 5',
  info: 'M12 8h.01 M11 12h1v5h1',
  close: 'M6 6l12 12 M18 6L6 18',
  cube: 'M12 3l8 4.5v9L12 21l-8-4.5v-9z M12 12l8-4.5 M12 12v9 M12 12L4 7.5',
  clip: 'M4 5h16v14H4z M10 9l5 3-5 3z',
  split: 'M4 5h16v14H4z M12 5v14',
  note: 'M6 3h9l4 4v14H6z M9 12h7 M9 16h7',
  sample: 'M12 3l2.5 5 5.5.8-4 3.9.9 5.5-4.9-2.6-4.9 2.6.9-5.5-4-3.9 5.5-.8z',
  warn: 'M12 3l10 18H2z M12 10v5 M12 18h.01',
};

export function Icon({ name, size = 18 }: { name: keyof typeof PATHS | string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}
