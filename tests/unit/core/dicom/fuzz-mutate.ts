/** Seeded mutations of DICOM files for the fuzz test (and for reproducing a failing case). */
import { mulberry32 } from '../../../../core/samples/synth/prng';

/** Small deterministic PRNG (mulberry32). */
export const rng = mulberry32;

/** Offsets of 2- and 4-byte length fields of explicit-VR elements and items (found by pattern). */
export function lengthFields(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 8 < b.length && out.length < 4000; i += 2) {
    const c0 = b[i + 4]!;
    const c1 = b[i + 5]!;
    if (c0 >= 0x41 && c0 <= 0x5a && c1 >= 0x41 && c1 <= 0x5a) out.push(i + 6);
    if (b[i] === 0xfe && b[i + 1] === 0xff && b[i + 2] === 0x00 && b[i + 3] === 0xe0) out.push(i + 4);
  }
  return out;
}

export function mutate(src: Uint8Array, fields: number[], r: () => number): { bytes: Uint8Array; kind: string } {
  const pick = (n: number) => Math.floor(r() * n);
  const kind = ['bitflip', 'bitflip-header', 'truncate', 'length', 'length', 'bytes', 'splice'][pick(7)]!;
  let b = src.slice();
  switch (kind) {
    case 'bitflip':
      for (let k = 1 + pick(16); k > 0; k--) {
        const i = pick(b.length);
        b[i]! ^= 1 << pick(8);
      }
      break;
    case 'bitflip-header': {
      const span = Math.min(b.length, 3000);
      for (let k = 1 + pick(6); k > 0; k--) b[pick(span)]! ^= 1 << pick(8);
      break;
    }
    case 'truncate':
      b = b.subarray(0, pick(b.length));
      break;
    case 'length': {
      const at = fields.length ? fields[pick(fields.length)]! : pick(b.length - 4);
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const choices = [0, 1, 0xffff, 0xffffffff, 0x7fffffff, pick(1 << 24), b.length, b.length - at];
      const v = choices[pick(choices.length)]! >>> 0;
      if (at + 4 <= b.length) {
        if (r() < 0.5) dv.setUint32(at, v, true);
        else dv.setUint16(at, v & 0xffff, true);
      }
      break;
    }
    case 'bytes': {
      const at = pick(b.length);
      const len = 1 + pick(64);
      b.fill(r() < 0.5 ? 0 : 0xff, at, Math.min(b.length, at + len));
      break;
    }
    case 'splice': {
      // Duplicate or delete a chunk (shifts everything after it).
      const at = pick(b.length);
      const len = 1 + pick(256);
      const out = new Uint8Array(b.length + (r() < 0.5 ? len : -Math.min(len, b.length - at)));
      if (out.length > b.length) {
        out.set(b.subarray(0, at + len > b.length ? b.length : at + len), 0);
        out.set(b.subarray(at), Math.min(at + len, b.length));
      } else {
        out.set(b.subarray(0, at), 0);
        out.set(b.subarray(at + (b.length - out.length)), at);
      }
      b = out;
      break;
    }
  }
  return { bytes: b, kind };
}

