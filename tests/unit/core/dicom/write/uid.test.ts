import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidUid } from '../../../../../core/dicom/write/element';
import { IMPLEMENTATION_CLASS_UID } from '../../../../../core/dicom/write/part10';
import { uidFromSeed } from '../../../../../core/dicom/write/uid';

/** Independent implementation with Node's crypto: SHA-256, first 16 bytes, version 8, RFC 4122 variant. */
function reference(seed: string): string {
  const b = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return `2.25.${BigInt('0x' + b.toString('hex')).toString(10)}`;
}

describe('uidFromSeed (2.25.<UUID>, PS3.5 B.2)', () => {
  it('matches an independent SHA-256 derivation and is a valid UID', () => {
    for (const seed of ['blockplan-sample/thoracic-paravertebral/study', 'x', 'ünïcödé seed ✓', '']) {
      const uid = uidFromSeed(seed);
      expect(uid).toBe(reference(seed));
      expect(isValidUid(uid)).toBe(true);
      expect(uid.length).toBeLessThanOrEqual(64);
    }
  });

  it('carries a version-8 UUID with the RFC 4122 variant', () => {
    const n = BigInt(uidFromSeed('abc').slice(5));
    const hex = n.toString(16).padStart(32, '0');
    expect(hex[12]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(hex[16]);
  });

  it('is stable and distinct per seed', () => {
    expect(uidFromSeed('a')).toBe(uidFromSeed('a'));
    expect(uidFromSeed('a')).not.toBe(uidFromSeed('b'));
    expect(isValidUid(IMPLEMENTATION_CLASS_UID)).toBe(true);
  });
});
