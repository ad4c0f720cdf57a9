/**
 * Deterministic UIDs under the `2.25` root (PS3.5 §B.2: a UID made of "2.25." followed by the
 * decimal value of a 128-bit UUID, ITU-T X.667 / ISO/IEC 9834-8).
 *
 * The UUID is derived from SHA-256 of a seed string, with the version nibble set to 8 (RFC 9562
 * "custom" UUID) and the RFC 4122 variant bits, so the same seed always gives the same UID and
 * different seeds practically never collide. Used for synthetic sample files, which must be
 * byte-for-byte reproducible.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** Root under which derived UIDs live (UUID-derived UIDs, PS3.5 §B.2). */
export const UUID_UID_ROOT = '2.25';

/** The 16 bytes of a version-8 UUID derived from `seed`. */
export function uuidBytesFromSeed(seed: string): Uint8Array {
  const digest = sha256(utf8(seed));
  const b = digest.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10xx
  return b;
}

/** `2.25.<decimal of the 128-bit UUID>` for `seed`; at most 44 characters, always a valid UID. */
export function uidFromSeed(seed: string): string {
  let n = 0n;
  for (const byte of uuidBytesFromSeed(seed)) n = (n << 8n) | BigInt(byte);
  return `${UUID_UID_ROOT}.${n.toString(10)}`;
}

/** UTF-8 bytes of a string (core/ has no DOM or Node TextEncoder in its type environment). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}
