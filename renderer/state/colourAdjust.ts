/**
 * Brightness and contrast of colour clips (RGB, YBR, palette), a display transform only: the decoded
 * frames, key images and exports keep the stored pixels (as window/level and invert on greyscale).
 *
 * Applied through cornerstone's colour VOI (a linear lookup table per channel, 0–255):
 * `out = (in − 127.5) × contrast/100 + 127.5 + brightness × 2.55`, i.e. window width 255 × 100 /
 * contrast and centre 127.5 − brightness × 2.55 × 100 / contrast. The neutral setting is `null`,
 * which keeps cornerstone's fast path (window 255 / 128 draws the frame's canvas unchanged).
 */
export interface ColourAdjust {
  /** Brightness offset, percent of full scale (−100 … +100; 0 = as stored). */
  brightnessPct: number;
  /** Contrast, percent (10 … 400; 100 = as stored). */
  contrastPct: number;
}

export const BRIGHTNESS_RANGE_PCT = { min: -100, max: 100 } as const;
export const CONTRAST_RANGE_PCT = { min: 10, max: 400 } as const;

/** Named display presets (viewing conveniences, not clinical values); the toolbar shows their values once chosen. */
export const COLOUR_PRESETS: readonly { id: string; label: string; adjust: ColourAdjust | null }[] = [
  { id: 'stored', label: 'As stored', adjust: null },
  { id: 'brighter', label: 'Brighter', adjust: { brightnessPct: 15, contrastPct: 100 } },
  { id: 'darker', label: 'Darker', adjust: { brightnessPct: -15, contrastPct: 100 } },
  { id: 'more-contrast', label: 'More contrast', adjust: { brightnessPct: 0, contrastPct: 150 } },
  { id: 'less-contrast', label: 'Less contrast', adjust: { brightnessPct: 0, contrastPct: 70 } },
  { id: 'bright-room', label: 'Bright room', adjust: { brightnessPct: 10, contrastPct: 130 } },
];

const clamp = (v: number, r: { min: number; max: number }) => Math.max(r.min, Math.min(r.max, v));

/** Clamped to the ranges and rounded to whole percent; null when neutral. */
export function normaliseAdjust(a: ColourAdjust | null): ColourAdjust | null {
  if (!a) return null;
  const brightnessPct = Math.round(clamp(a.brightnessPct, BRIGHTNESS_RANGE_PCT));
  const contrastPct = Math.round(clamp(a.contrastPct, CONTRAST_RANGE_PCT));
  return brightnessPct === 0 && contrastPct === 100 ? null : { brightnessPct, contrastPct };
}

/** Cornerstone's colour window (0–255 units) for an adjustment. */
export function adjustToWindow(a: ColourAdjust | null): { windowWidth: number; windowCenter: number } {
  if (!a) return { windowWidth: 255, windowCenter: 128 };
  const s = a.contrastPct / 100;
  return { windowWidth: 255 / s, windowCenter: 127.5 - (a.brightnessPct * 2.55) / s };
}

/** The adjustment for a colour window (the inverse of adjustToWindow), normalised. */
export function windowToAdjust(w: { windowWidth: number; windowCenter: number }): ColourAdjust | null {
  // Contrast clamped first, so a window past the range keeps a brightness that matches what is shown.
  const s = clamp(25500 / Math.max(1e-6, w.windowWidth), CONTRAST_RANGE_PCT) / 100;
  return normaliseAdjust({ contrastPct: s * 100, brightnessPct: ((127.5 - w.windowCenter) * s) / 2.55 });
}

/** "Brightness +15 % · contrast 150 %" (or "as stored"). */
export function adjustText(a: ColourAdjust | null): string {
  if (!a) return 'Brightness 0 % · contrast 100 % (as stored)';
  const b = a.brightnessPct > 0 ? `+${a.brightnessPct}` : a.brightnessPct < 0 ? `−${-a.brightnessPct}` : '0';
  return `Brightness ${b} % · contrast ${a.contrastPct} %`;
}
