/**
 * PS3.15 Annex E Basic Application Level Confidentiality Profile, read from Table E.1-1 as data
 * (./data/confidentiality-profile-attributes.json, innolitics/dicom-standard, MIT; provenance in
 * ./data/README.md), and the choice of one action per attribute for the options BlockPlan offers.
 *
 * Action codes (PS3.15 Table E.1-1 legend): D replace with a non-zero-length dummy value, Z replace
 * with zero length (or a dummy), X remove, K keep, C clean (keep, with identifying information
 * replaced by values of similar meaning), U replace a UID by a consistently mapped one. Combined
 * codes (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) are resolved per PS3.15 E.3.1: the mildest action that keeps
 * the IOD valid — X when the attribute is Type 3 (or absent from the IOD), Z when Type 2, D (or U for
 * X/Z/U* sequences) when Type 1. See `IOD_TYPE` for the IODs this was done for.
 */
import table from './data/confidentiality-profile-attributes.json';

/** One row of Table E.1-1 as extracted by innolitics/dicom-standard. */
export interface ProfileRow {
  name: string;
  /** `(GGGG,EEEE)`; repeating groups are written `(50XX,XXXX)`, `(60XX,3000)`. */
  tag: string;
  basicProfile: string;
  rtnSafePrivOpt?: string;
  rtnUIDsOpt?: string;
  rtnDevIdOpt?: string;
  rtnInstIdOpt?: string;
  rtnPatCharsOpt?: string;
  rtnLongFullDatesOpt?: string;
  rtnLongModifDatesOpt?: string;
  cleanDescOpt?: string;
  cleanStructContOpt?: string;
  cleanGraphOpt?: string;
  id: string;
}

/** The rows of Table E.1-1 (621 in the 2024-04 extraction). */
export const PROFILE_ROWS: readonly ProfileRow[] = table as ProfileRow[];

/** A single action after resolving combined codes and options. */
export type DeidAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

/**
 * The options of PS3.15 E.3 an educator may choose; each defaults to off. Their CID 7050 codes are in
 * ./method.ts.
 */
export interface DeidOptions {
  /** Retain Longitudinal Temporal Information with Modified Dates (E.3.6): dates shifted, not removed. */
  retainLongitudinalModifiedDates: boolean;
  /** Clean Descriptors (E.3.5): descriptions kept with known identifying values removed from them. */
  cleanDescriptors: boolean;
  /** Retain Device Identity (E.3.8): device serial numbers, station name etc. kept. */
  retainDeviceIdentity: boolean;
}

export const DEFAULT_DEID_OPTIONS: DeidOptions = {
  retainLongitudinalModifiedDates: false,
  cleanDescriptors: false,
  retainDeviceIdentity: false,
};

/** Why an action was chosen, for the report and the tests. */
export interface ResolvedAction {
  action: DeidAction;
  /** The row it came from. */
  row: ProfileRow;
  /** Which column decided: the Basic Profile or an option. */
  source: 'basic' | 'rtnLongModifDatesOpt' | 'cleanDescOpt' | 'rtnDevIdOpt';
}

/**
 * Attribute types (PS3.3) in the IODs BlockPlan de-identifies — US Image, US Multi-frame Image and
 * (Multi-frame) Secondary Capture — for the attributes whose Basic Profile action is combined.
 * Only Type 1 and Type 2 entries are listed; everything else is Type 3 or not in these IODs. Sources:
 * PS3.3 C.7.1.1 Patient (Patient ID Type 2), C.7.6.1 General Image (Content Date/Time Type 2C for
 * temporally related images such as cine), C.7.6.4 Contrast/Bolus (Contrast/Bolus Agent Type 2).
 */
export const IOD_TYPE: Readonly<Record<number, 1 | 2>> = {
  0x00100020: 2, // Patient ID
  0x00080023: 2, // Content Date
  0x00080033: 2, // Content Time
  0x00180010: 2, // Contrast/Bolus Agent
  0x00700084: 2, // Content Creator's Name (Type 2 where present in an IOD)
};

/**
 * Resolve a combined code (PS3.15 E.3.1) for an attribute of the given type in the IOD
 * (1, 2, or 3/undefined for Type 3 or absent).
 */
export function resolveCombined(code: string, iodType: 1 | 2 | 3 | undefined): DeidAction {
  const parts = code.replace('*', '').split('/') as DeidAction[];
  if (parts.length === 1) return parts[0]!;
  const type = iodType ?? 3;
  const prefer: DeidAction[] = type === 3 ? ['X', 'Z', 'D', 'U'] : type === 2 ? ['Z', 'D', 'U'] : ['D', 'U'];
  for (const p of prefer) if (parts.includes(p)) return p;
  // A Type 3 rule could not apply (e.g. Z/D for a Type 3 attribute): the mildest of what is allowed.
  for (const p of ['Z', 'D', 'U'] as const) if (parts.includes(p)) return p;
  return parts[0]!;
}

interface Pattern {
  /** Tag with X digits as 0 in the value and as F→0 in the mask. */
  value: number;
  mask: number;
  row: ProfileRow;
}

const exact = new Map<number, ProfileRow>();
const patterns: Pattern[] = [];
let privateRow: ProfileRow | undefined;

for (const row of PROFILE_ROWS) {
  const m = /^\(([0-9A-FX]{4}),([0-9A-FX]{4})\)$/i.exec(row.tag);
  if (!m) {
    if (/GGGG,EEEE/i.test(row.tag)) privateRow = row;
    continue;
  }
  const hex = (m[1]! + m[2]!).toUpperCase();
  if (!hex.includes('X')) {
    exact.set(parseInt(hex, 16) >>> 0, row);
    continue;
  }
  const value = parseInt(hex.replace(/X/g, '0'), 16) >>> 0;
  const mask = parseInt(hex.replace(/[0-9A-F]/g, 'F').replace(/X/g, '0'), 16) >>> 0;
  patterns.push({ value, mask, row });
}

/** The table row for a tag (exact match, then repeating groups such as 50xx/60xx), if any. */
export function profileRow(tag: number): ProfileRow | undefined {
  const t = tag >>> 0;
  const hit = exact.get(t);
  if (hit) return hit;
  for (const p of patterns) if (((t & p.mask) >>> 0) === p.value) return p.row;
  return undefined;
}

/** The row for private attributes (odd groups): X in the Basic Profile. */
export function privateAttributesRow(): ProfileRow {
  if (!privateRow) throw new Error('Table E.1-1 has no row for private attributes');
  return privateRow;
}

/** Date and time VRs that the Modified Dates option shifts. */
const DATE_VRS = new Set(['DA', 'DT']);
/** Text VRs a Clean action can scrub. */
export const TEXT_VRS = new Set(['AE', 'CS', 'LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

/**
 * The action for one attribute of the data set, or undefined when the attribute is not in Table
 * E.1-1 (then it is kept). Options override the Basic Profile where their column has a value, in this
 * order: Modified Dates (for DA/DT/TM values), Retain Device Identity, Clean Descriptors (for text).
 */
export function resolveAction(tag: number, vr: string, options: DeidOptions): ResolvedAction | undefined {
  const row = profileRow(tag);
  if (!row) return undefined;
  if (options.retainLongitudinalModifiedDates && row.rtnLongModifDatesOpt === 'C' && (DATE_VRS.has(vr) || vr === 'TM')) {
    return { action: 'C', row, source: 'rtnLongModifDatesOpt' };
  }
  if (options.retainDeviceIdentity && row.rtnDevIdOpt) {
    const a = row.rtnDevIdOpt as DeidAction;
    if (a === 'K' || (a === 'C' && TEXT_VRS.has(vr))) return { action: a, row, source: 'rtnDevIdOpt' };
  }
  if (options.cleanDescriptors && row.cleanDescOpt === 'C' && (TEXT_VRS.has(vr) || vr === 'SQ')) {
    return { action: 'C', row, source: 'cleanDescOpt' };
  }
  return { action: resolveCombined(row.basicProfile, IOD_TYPE[tag >>> 0]), row, source: 'basic' };
}
