/**
 * The viewer's settings kept in this browser / app profile (localStorage): the memory budget for
 * open clips and what the mouse wheel does over the image. The store (./viewer.ts) holds them.
 */
export const BUDGET_KEY = 'blockplan.viewer.cacheBudgetMb';
export const DEFAULT_CACHE_BUDGET_MB = 512;
/** Budget choices offered (MB). */
export const CACHE_BUDGETS_MB = [256, 512, 1024, 2048] as const;
/** What the mouse wheel does over the image: zoom about the cursor (default), or step frames (OHIF, Weasis). */
export type WheelMode = 'zoom' | 'frames';
export const WHEEL_KEY = 'blockplan.viewer.wheel';

export function loadWheel(): WheelMode {
  try {
    return globalThis.localStorage?.getItem(WHEEL_KEY) === 'frames' ? 'frames' : 'zoom';
  } catch {
    return 'zoom';
  }
}

export function persist(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    /* not persisted */
  }
}

export function loadBudget(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(BUDGET_KEY));
    if (Number.isFinite(v) && v >= 64 && v <= 16384) return v;
  } catch {
    /* storage unavailable */
  }
  return DEFAULT_CACHE_BUDGET_MB;
}
