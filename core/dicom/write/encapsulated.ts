/**
 * Encapsulated Pixel Data (PS3.5 §A.4): (7FE0,0010) OB with undefined length, a Basic Offset Table
 * item, one fragment item per frame, and a Sequence Delimitation Item.
 *
 * Basic Offset Table (PS3.5 §A.4, Table A.4-1): one 32-bit offset per frame, measured from the first
 * byte of the first fragment's Item tag (the byte after the offset table item) to the first byte of
 * the frame's first fragment Item tag. The first offset is therefore 0.
 */
import type { ByteWriter } from './byte-writer';
import { DicomWriteError } from './element';
import { TAG } from './tags';

/** Byte positions inside the encoded Pixel Data element, for tests and diagnostics. */
export interface EncapsulatedLayout {
  /** Offsets written to the Basic Offset Table, bytes (one per frame). */
  offsets: number[];
  /** Length in bytes of each fragment's value as written (even, including a 0x00 pad byte when odd). */
  fragmentLengths: number[];
}

/**
 * Write (7FE0,0010) holding one fragment per frame. `frames` are complete compressed bitstreams
 * (e.g. JPEG from SOI to EOI). An odd-length frame gets one trailing 0x00 (PS3.5 §A.4: fragments
 * have even length; JPEG decoders ignore bytes after EOI).
 */
export function writeEncapsulatedPixelData(w: ByteWriter, frames: readonly Uint8Array[]): EncapsulatedLayout {
  if (frames.length === 0) throw new DicomWriteError('no frames to encapsulate', TAG.PixelData);
  const offsets: number[] = [];
  const fragmentLengths: number[] = [];
  let pos = 0;
  for (const f of frames) {
    if (f.length === 0) throw new DicomWriteError('an encoded frame is empty', TAG.PixelData);
    offsets.push(pos);
    const len = f.length + (f.length % 2);
    fragmentLengths.push(len);
    pos += 8 + len;
    if (pos > 0xffffffff) {
      throw new DicomWriteError('the encoded frames exceed 4 GiB, which the Basic Offset Table cannot address', TAG.PixelData);
    }
  }
  // (7FE0,0010) OB, reserved, undefined length
  w.u16(0x7fe0).u16(0x0010).ascii('OB').u16(0).u32(0xffffffff);
  // Basic Offset Table item
  w.u16(0xfffe).u16(0xe000).u32(4 * frames.length);
  for (const o of offsets) w.u32(o);
  frames.forEach((f, i) => {
    w.u16(0xfffe).u16(0xe000).u32(fragmentLengths[i]!);
    w.bytes(f);
    if (f.length % 2 === 1) w.u8(0);
  });
  // Sequence Delimitation Item
  w.u16(0xfffe).u16(0xe0dd).u32(0);
  return { offsets, fragmentLengths };
}
