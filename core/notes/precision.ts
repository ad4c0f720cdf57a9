/**
 * The precision every number of the note is shown at — one table for all five exports (issue 20 item
 * 6: the FHIR bundle once carried 244.66667539874715 mm while the PDF said 244.7 mm). Markdown, HTML
 * and PDF print these digits; the SR's NUM values and FHIR's valueQuantity carry the same rounded
 * number, so a reader of any format sees the same value.
 */
import type { PlannedMeasurement } from './schema';

/** Decimals per kind of number. */
export const DISPLAY_DECIMALS = {
  /** Planned distances, mm (and uncalibrated px). */
  mm: 1,
  px: 1,
  /** Planned angles, degrees. */
  deg: 0,
  /** A local anaesthetic total, mg. */
  doseMg: 1,
  /** Dose per body weight, mg/kg. */
  doseMgPerKg: 2,
  /** A maximum dose, mg. */
  maxDoseMg: 0,
  /** Percent of a maximum dose. */
  percentOfMax: 0,
} as const;

/** `value` rounded to `decimals` (the number a display of that many decimals shows). */
export function atPrecision(value: number, decimals: number): number {
  const r = Number(value.toFixed(decimals));
  return Object.is(r, -0) ? 0 : r;
}

/** A planned measurement's value as every export shows it (mm and px to 0.1, degrees to 1). */
export function plannedDisplayNumber(m: Pick<PlannedMeasurement, 'value' | 'unit'>): number {
  return atPrecision(m.value, DISPLAY_DECIMALS[m.unit]);
}
