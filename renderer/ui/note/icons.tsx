/**
 * Status icons of the note UI (decorative: the words beside them carry the meaning, and colour is a
 * third cue). Inline SVG, so they look the same on every system (no emoji fonts).
 */
export type StatusKind = 'ok' | 'caution' | 'over' | 'info' | 'error' | 'unknown';

const PATHS: Record<StatusKind, string> = {
  ok: 'M5 12.5l4.5 4.5L19 7.5',
  caution: 'M12 3.5l9.5 17h-19z M12 10v4.5 M12 17.6v.1',
  over: 'M8.2 3h7.6L21 8.2v7.6L15.8 21H8.2L3 15.8V8.2z M7.5 12h9',
  info: 'M12 21a9 9 0 110-18 9 9 0 010 18z M12 11v5.5 M12 7.6v.1',
  error: 'M12 21a9 9 0 110-18 9 9 0 010 18z M9 9l6 6 M15 9l-6 6',
  unknown: 'M12 21a9 9 0 110-18 9 9 0 010 18z M9.6 9.3a2.5 2.5 0 114.3 1.8c-.9.8-1.9 1.3-1.9 2.6 M12 16.8v.1',
};

export function StatusIcon({ kind, size = 15 }: { kind: StatusKind; size?: number }) {
  return (
    <svg className={`status-icon status-${kind}`} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} />
    </svg>
  );
}
