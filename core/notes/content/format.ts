/**
 * The note's layout model (sections of fields, tables, lists and images) and the small formatting
 * rules every section uses: empty reads "not recorded", numbers carry their unit, sides are words.
 */
import { AGENT_NAMES } from '../doses';
import { formatNumber } from '../doseCalc';
import type { KeyImage } from '../keyimages';
import { DISPLAY_DECIMALS, plannedDisplayNumber } from '../precision';
import type { Injectate, Note, PlannedMeasurement, YesNo } from '../schema';

/** The line every export carries. */
export const DISCLAIMER = 'BlockPlan is a planning and teaching aid, not a medical device. Check every value against the patient and the record.';
export const NOT_RECORDED = 'not recorded';

export type ContentBlock =
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'alert'; level: 'info' | 'caution' | 'over' | 'error'; text: string }
  | { kind: 'images'; images: KeyImage[] };

export interface ContentSection {
  id: string;
  title: string;
  blocks: ContentBlock[];
}

export interface NoteContent {
  /** Printed before everything else when set (a sample case: "synthetic teaching case, not a patient record"). */
  banner?: string;
  title: string;
  subtitle: string;
  disclaimer: string;
  sections: ContentSection[];
}

/** A value, or "not recorded"; numbers with their unit. */
export const v = (x: string | number | undefined | null, unit = ''): string => {
  if (x === undefined || x === null || x === '') return NOT_RECORDED;
  if (typeof x === 'number') return `${formatNumber(x)}${unit ? ` ${unit}` : ''}`;
  return x;
};
export const yn = (x: YesNo | undefined): string => (x === undefined ? NOT_RECORDED : x);
export const list = (xs: readonly string[]): string => (xs.length ? xs.join('; ') : NOT_RECORDED);
/** A date-time as typed, "2025-03-01 14:05". */
export const when = (x: string | undefined): string => v(x?.replace('T', ' '));

const SIDE_TEXT: Record<string, string> = { left: 'Left', right: 'Right', bilateral: 'Bilateral', 'n/a': 'n/a (midline)', midline: 'n/a (midline)' };
export const sideText = (s: string | undefined): string => (s ? (SIDE_TEXT[s] ?? s) : NOT_RECORDED);

/** Agent name as shown in the injectate table. */
export function injectateAgentName(i: Injectate): string {
  return i.agent === 'other' ? i.agentName?.trim() || 'other agent' : AGENT_NAMES[i.agent];
}

/** Printed beside a clearance to a structure marked not visible on ultrasound. */
export const ESTIMATED_NOT_VISIBLE = 'estimated — not visible on ultrasound';

/**
 * A planned measurement's value with its unit (deg shown as °, px flagged uncalibrated, mm from a
 * manual calibration flagged "manual calibration"), and
 * "estimated — not visible on ultrasound" for a clearance to a structure the image does not show.
 */
export function plannedValue(m: PlannedMeasurement): string {
  // Fixed decimals (7.0 mm, not 7 mm): a planned distance reads the same in every export (../precision).
  const n = plannedDisplayNumber(m).toFixed(DISPLAY_DECIMALS[m.unit]);
  const est = m.notVisibleOnUltrasound ? ` (${ESTIMATED_NOT_VISIBLE})` : '';
  if (m.unit === 'deg') return `${n}°`;
  if (m.unit === 'px') return `${n} px (uncalibrated${m.uncalibratedReason ? `: ${m.uncalibratedReason}` : ''})${est}`;
  return `${n} mm${m.manualCalibration ? ' (manual calibration)' : ''}${est}`;
}

/** Whether the block was done, in words: "Planned, not performed", "Performed", "Not performed: …", "Stopped: …". */
export function statusText(n: Pick<Note, 'status' | 'statusReason'>): string {
  switch (n.status) {
    case undefined:
      return 'Planned, not performed';
    case 'performed':
      return 'Performed';
    case 'not-performed':
      return `Not performed${n.statusReason ? `: ${n.statusReason}` : ''}`;
    case 'stopped':
      return `Started, then stopped${n.statusReason ? `: ${n.statusReason}` : ''}`;
  }
}

/** "Planned skin-to-target depth" from "Skin-to-target depth". */
export const plannedLabel = (label: string): string => `Planned ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
