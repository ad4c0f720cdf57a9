/**
 * Keyed, deterministic replacements: UIDs (action U) and the date offset of the Modified Dates
 * option. Both are HMAC-SHA-256 of the original value under a secret key, so the same original
 * always maps to the same replacement within one key (a study stays one study across its clips, a
 * patient's dates shift by the same number of days), and without the key the original cannot be
 * recovered or confirmed by trying candidates.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../dicom/write/uid';

/** A de-identification key: 32 random bytes, kept by the educator (never written into outputs). */
export type DeidKey = Uint8Array;

/** Length of a key in bytes. */
export const DEID_KEY_BYTES = 32;

function mac(key: DeidKey, label: string, value: string): Uint8Array {
  return hmac(sha256, key, utf8(`${label}\u0000${value}`));
}

/**
 * The replacement of a UID: `2.25.<decimal of a 128-bit version-8 UUID>` (PS3.5 §B.2) taken from
 * HMAC-SHA-256(key, uid). At most 44 characters, always a valid UID, never equal to the input.
 */
export function mapUid(key: DeidKey, uid: string): string {
  const b = mac(key, 'uid', uid.replace(/[\0 ]+$/, '')).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8 (RFC 9562 custom)
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return `2.25.${n.toString(10)}`;
}

/**
 * The date shift of a patient under the Modified Dates option, in whole days: between −3650 and
 * −365 (one to ten years earlier), from HMAC(key, patient ID). Whole days keep weekdays-agnostic
 * intervals and times of day exact.
 */
export function dateShiftDays(key: DeidKey, patientId: string): number {
  const b = mac(key, 'date-shift', patientId.replace(/[\0 ]+$/, ''));
  const n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  return -(365 + (n % (3650 - 365 + 1)));
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

/** Shift a DA value (YYYYMMDD) by whole days; undefined when it is not a valid date. */
export function shiftDa(da: string, days: number): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const [y2, m2, d2] = civilFromDays(daysFromCivil(y, mo, d) + days);
  if (y2 < 1 || y2 > 9999) return undefined;
  return `${String(y2).padStart(4, '0')}${String(m2).padStart(2, '0')}${String(d2).padStart(2, '0')}`;
}

/**
 * Shift a DT value (YYYYMMDDHHMMSS.FFFFFF&ZZXX, PS3.5 Table 6.2-1) by whole days: only the date part
 * changes. A DT with only a year or year and month cannot be shifted by days: undefined.
 */
export function shiftDt(dt: string, days: number): string | undefined {
  const t = dt.trim();
  if (!/^\d{8}/.test(t)) return undefined;
  const date = shiftDa(t.slice(0, 8), days);
  return date === undefined ? undefined : date + t.slice(8);
}
