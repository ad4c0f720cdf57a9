import { describe, expect, it } from 'vitest';
import { cornerstone } from '../../../../renderer/viewer2d/cs';
import { adjustText, adjustToWindow, COLOUR_PRESETS, normaliseAdjust, windowToAdjust } from '../../../../renderer/state/colourAdjust';
import { useViewer } from '../../../../renderer/state/viewer';

type Lut = (image: object, ww: number, wc: number, invert: boolean) => Uint8ClampedArray;
/** Cornerstone's own 8-bit lookup table for a window (the linear VOI it also uses for colour images). */
function csLut(w: { windowWidth: number; windowCenter: number }): Uint8ClampedArray {
  const generateLut = (cornerstone as unknown as { internal: { generateLut: Lut } }).internal.generateLut;
  return generateLut({ minPixelValue: 0, maxPixelValue: 255, slope: 1, intercept: 0 }, w.windowWidth, w.windowCenter, false);
}

describe('brightness/contrast of colour clips', () => {
  it('neutral is null and keeps cornerstone’s fast-path window (255 / 128)', () => {
    expect(normaliseAdjust({ brightnessPct: 0, contrastPct: 100 })).toBeNull();
    expect(adjustToWindow(null)).toEqual({ windowWidth: 255, windowCenter: 128 });
    expect(adjustText(null)).toBe('Brightness 0 % · contrast 100 % (as stored)');
  });

  it('maps to a window that cornerstone turns into out = (v − 127.5) × c + 127.5 + 2.55 b', () => {
    for (const a of [{ brightnessPct: 15, contrastPct: 100 }, { brightnessPct: -20, contrastPct: 150 }, { brightnessPct: 10, contrastPct: 70 }]) {
      const lut = csLut(adjustToWindow(a));
      for (const v of [0, 40, 127, 200, 255]) {
        const want = Math.max(0, Math.min(255, (v - 127.5) * (a.contrastPct / 100) + 127.5 + 2.55 * a.brightnessPct));
        expect(Math.abs(lut[v]! - want)).toBeLessThanOrEqual(0.5 + 1e-9);
      }
    }
    // The neutral window leaves every level as stored.
    const id = csLut(adjustToWindow(null));
    expect([...id].every((x, v) => Math.abs(x - v) <= 1)).toBe(true);
  });

  it('round-trips through the window (what a drag changes), clamped to the ranges', () => {
    for (const p of COLOUR_PRESETS) expect(windowToAdjust(adjustToWindow(p.adjust))).toEqual(p.adjust);
    expect(windowToAdjust({ windowWidth: 1, windowCenter: 128 })).toEqual({ brightnessPct: -1, contrastPct: 400 });
    expect(normaliseAdjust({ brightnessPct: 300, contrastPct: 1 })).toEqual({ brightnessPct: 100, contrastPct: 10 });
  });

  it('is a view setting: reset view clears it', () => {
    useViewer.getState().setColour({ brightnessPct: 12.4, contrastPct: 130.6 });
    expect(useViewer.getState().view.colour).toEqual({ brightnessPct: 12, contrastPct: 131 });
    useViewer.getState().resetView();
    expect(useViewer.getState().view.colour).toBeNull();
  });

  it('keeps the wheel setting in localStorage', () => {
    useViewer.getState().setWheel('frames');
    expect(localStorage.getItem('blockplan.viewer.wheel')).toBe('frames');
    useViewer.getState().setWheel('zoom');
    expect(useViewer.getState().settings.wheel).toBe('zoom');
  });
});
