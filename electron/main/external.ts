/**
 * Links that leave the app. The only ones BlockPlan shows are the cited sources of block
 * templates (core/blocks SOURCES); those with an https address open in the user's browser, and
 * only right after the user clicked or pressed a key in the window (input events the main
 * process sees itself — a renderer cannot fake them). Everything else is refused.
 */
import { SOURCES } from '../../core/blocks/index';

/** How long after a click or key press an external link may open, ms. */
export const GESTURE_WINDOW_MS = 1000;

function normalise(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password ? u.href : null;
  } catch {
    return null;
  }
}

/** The https addresses the app shows (template sources), normalised. */
export const EXTERNAL_LINKS: ReadonlySet<string> = new Set(
  Object.values(SOURCES)
    .flatMap((s) => s.urls)
    .map(normalise)
    .filter((u): u is string => u !== null),
);

/** The last user gesture (mouse button or key) in the window, as the main process saw it. */
export class GestureClock {
  private last = -Infinity;
  constructor(private readonly now: () => number = Date.now) {}
  /** Record an input event (Electron's before-input-event / before-mouse-event types). */
  input(type: string): void {
    if (type === 'mouseDown' || type === 'mouseUp' || type === 'keyDown' || type === 'rawKeyDown') this.last = this.now();
  }
  /** True within GESTURE_WINDOW_MS of the last gesture. */
  recent(): boolean {
    return this.now() - this.last <= GESTURE_WINDOW_MS;
  }
}

/** The URL to hand to shell.openExternal, or null when this one must not open. */
export function externalUrlToOpen(url: string, gestures: GestureClock): string | null {
  const u = normalise(url);
  if (!u || !EXTERNAL_LINKS.has(u) || !gestures.recent()) return null;
  return u;
}
