import { describe, expect, it } from 'vitest';
import { loadNodeJpegEncoder } from '../../../../build/scripts/lib/jpeg-encoder-node';
import { readJpegHeader } from '../../../../core/dicom/codestream';
import { hasExif, hasIccProfile, nativeCandidateFrame } from '../../../../renderer/workers/native-check';

/** An APPn segment (marker 0xFFEn) carrying `id` + NUL + `body`, inserted right after SOI. */
function withApp(jpeg: Uint8Array, marker: number, id: string, body: Uint8Array): Uint8Array {
  const data = new Uint8Array([...new TextEncoder().encode(id), 0, ...body]);
  const seg = new Uint8Array([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data]);
  return new Uint8Array([...jpeg.subarray(0, 2), ...seg, ...jpeg.subarray(2)]);
}

describe('native-check: frames the browser would colour-manage or rotate stay with WebAssembly', async () => {
  const enc = await loadNodeJpegEncoder();
  const w = 32;
  const h = 24;
  const rgb = new Uint8Array(w * h * 3).map((_, i) => (i * 37) & 0xff);
  const plain = enc.encode(rgb, w, h, 3, 90);
  const meta = { rows: h, columns: w, samplesPerPixel: 3 };

  it('accepts a plain JFIF frame of the stated size', () => {
    expect(hasIccProfile(plain)).toBe(false);
    expect(hasExif(plain)).toBe(false);
    expect(nativeCandidateFrame(readJpegHeader(plain), meta, plain)).toBe(true);
  });

  it('refuses a frame with an ICC profile (APP2 ICC_PROFILE), however placed among other segments', () => {
    const icc = withApp(plain, 0xe2, 'ICC_PROFILE', new Uint8Array([1, 1, 0, 0, 2, 0x0c]));
    expect(readJpegHeader(icc)?.width).toBe(w);
    expect(hasIccProfile(icc)).toBe(true);
    expect(nativeCandidateFrame(readJpegHeader(icc), meta, icc)).toBe(false);
    // Behind an unrelated APP segment, still found; an APP2 of another kind is not a profile.
    const behind = withApp(icc, 0xeb, 'XX', new Uint8Array(40));
    expect(hasIccProfile(behind)).toBe(true);
    const other = withApp(plain, 0xe2, 'MPF', new Uint8Array(8));
    expect(hasIccProfile(other)).toBe(false);
    expect(nativeCandidateFrame(readJpegHeader(other), meta, other)).toBe(true);
  });

  it('refuses a frame with EXIF data (APP1 Exif)', () => {
    const exif = withApp(plain, 0xe1, 'Exif', new Uint8Array([0, 0x4d, 0x4d, 0, 0x2a]));
    expect(hasExif(exif)).toBe(true);
    expect(hasIccProfile(exif)).toBe(false);
    expect(nativeCandidateFrame(readJpegHeader(exif), meta, exif)).toBe(false);
  });
});
