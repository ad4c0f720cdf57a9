/**
 * Number formatting of the 3D panels: fixed decimals with the unit always written (units are a
 * safety matter), "—" for unknown values, and signed angles with their direction in words.
 */
import type { TrajectoryMetrics } from '../../../core/anatomy/trajectory';
import type { Vec3 } from '../../../core/anatomy/vec3';

export const mm = (v: number | null | undefined, decimals = 1): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(decimals)} mm`);
export const deg = (v: number | null | undefined, decimals = 0): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(decimals)}°`);

/** "12° cranial", "3° caudal", "0°". */
export function craniocaudalText(m: Pick<TrajectoryMetrics, 'craniocaudalDeg'>): string {
  const a = m.craniocaudalDeg;
  if (Math.abs(a) < 0.5) return '0° (axial plane)';
  return `${Math.abs(a).toFixed(0)}° ${a > 0 ? 'cranial' : 'caudal'}`;
}

/** "8° medial", "5° lateral", or toward the patient's left/right on the midline. */
export function mediolateralText(m: Pick<TrajectoryMetrics, 'mediolateralDeg' | 'leftwardDeg'>): string {
  if (m.mediolateralDeg === null) {
    const a = m.leftwardDeg;
    if (Math.abs(a) < 0.5) return '0° (midline entry)';
    return `${Math.abs(a).toFixed(0)}° toward the patient’s ${a > 0 ? 'left' : 'right'} (midline entry)`;
  }
  const a = m.mediolateralDeg;
  if (Math.abs(a) < 0.5) return '0° (sagittal)';
  return `${Math.abs(a).toFixed(0)}° ${a > 0 ? 'medial' : 'lateral'}`;
}

/** Coordinates as "x, y, z mm" (LPS). */
export const xyz = (p: Vec3, decimals = 1): string => `${p.map((v) => v.toFixed(decimals)).join(', ')} mm`;

/** Parse a typed millimetre value (accepts a decimal comma); NaN when it is not a number. */
export function parseMm(s: string): number {
  const t = s.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return Number.NaN;
  return Number(t);
}
