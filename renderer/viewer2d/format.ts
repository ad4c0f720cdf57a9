/** Wording and number formats of the viewer (units in every label). */
import type { FrameRateSource } from '../../core/dicom/types';
import type { CalibrationStatus } from '../state/files';

/** Media time, e.g. `0.55 s`, `12.3 s`, `1:05.2`. */
export function formatTime(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const r = s - m * 60;
  return `${m}:${r < 10 ? '0' : ''}${r.toFixed(1)}`;
}

/** Start of each frame, ms, from per-frame durations. */
export function frameStarts(frameTimesMs: readonly number[]): number[] {
  const out: number[] = [];
  let t = 0;
  for (const d of frameTimesMs) {
    out.push(t);
    t += d;
  }
  return out;
}

export function formatFps(fps: number): string {
  return `${fps >= 10 ? fps.toFixed(1).replace(/\.0$/, '') : fps.toFixed(2)} fps`;
}

const SOURCE: Record<FrameRateSource, string> = {
  'frame-time': 'Frame Time',
  'frame-time-vector': 'Frame Time Vector',
  'cine-rate': 'Cine Rate',
  'recommended-display-frame-rate': 'Recommended Display Frame Rate',
  assumed: 'not in the file',
};

/** `from the file (Frame Time)` or `assumed: not in the file`. */
export function rateSourceLabel(source: FrameRateSource, assumed: boolean): string {
  return assumed ? 'assumed — the file gives no frame rate' : `from the file (${SOURCE[source]})`;
}

const CAL_SOURCE = { 'us-region': 'ultrasound region', 'pixel-spacing': 'Pixel Spacing', 'imager-pixel-spacing': 'Imager Pixel Spacing', manual: 'manual calibration' } as const;

/** Short badge text and a sentence for the tooltip. */
export function calibrationLabel(c: CalibrationStatus): { badge: string; text: string; reason?: string; calibrated: boolean } {
  if (c.unit === 'mm') {
    const iso = Math.abs(c.mmPerPxX - c.mmPerPxY) < 1e-9;
    const scale = iso ? `${fmtMm(c.mmPerPxX)} mm/px` : `${fmtMm(c.mmPerPxX)} × ${fmtMm(c.mmPerPxY)} mm/px`;
    return { badge: 'mm', text: `Calibrated: ${scale} (${CAL_SOURCE[c.source]})`, calibrated: true };
  }
  return { badge: 'px', text: `Not calibrated — distances in pixels`, reason: c.reason, calibrated: false };
}

function fmtMm(v: number): string {
  return v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

/** DICOM DA (YYYYMMDD) → YYYY-MM-DD. */
export function formatDa(da: string | undefined): string {
  if (!da || !/^\d{8}$/.test(da)) return da ?? '';
  return `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`;
}
