/**
 * The worker protocol must not change a single pixel: every frame decoded from the header + one
 * frame's payload (what a worker gets) equals core's decode of the whole opened file, for fixtures
 * covering native, RLE, palette and JPEG baseline clips. Structured cloning (what postMessage does)
 * is applied to the header and payload on the way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../../core/dicom/decode';
import { openDicom } from '../../../../core/dicom/parse';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { clipHeader, compactFrame, framePayload, frameBytes, imageForFrame, payloadTransferables } from '../../../../renderer/workers/protocol';
import { dicomFixturesDir } from '../../../support/shared';

const FIXTURES = dicomFixturesDir();
const codecs = createNodeCodecs();

const CLIPS = [
  'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm',
  'wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm',
  'pydicom-data/OBXXXX1A_2frame.dcm',
  'pydicom-data/OBXXXX1A_expb_2frame.dcm',
  'cornerstonejs-dicomParser/IM00001.implicit_little_endian.dcm',
];

describe('decode worker protocol', () => {
  for (const rel of CLIPS) {
    it(`rebuilds every frame of ${path.basename(rel)} exactly`, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, rel)));
      const opened = openDicom(bytes, { fileName: path.basename(rel) });
      if (!opened.ok) throw new Error(opened.error.message);
      const img = opened.value;
      const header = structuredClone(clipHeader(img));
      expect(header.meta.patient).toEqual({});
      for (let i = 0; i < img.frameCount; i++) {
        const payload = framePayload(img, i)!;
        // Payload buffers hold only this frame (never the whole file).
        const total = payloadTransferables(payload).reduce((s, b) => s + b.byteLength, 0);
        expect(total).toBeLessThan(bytes.byteLength);
        const cloned = structuredClone(payload);
        const { image, index } = imageForFrame(header, i, cloned);
        const viaWorker = await decodeFrame(image, index, codecs);
        const direct = await decodeFrame(img, i, codecs);
        if (!viaWorker.ok || !direct.ok) throw new Error('decode failed');
        const a = compactFrame(viaWorker.value).frame;
        const b = direct.value;
        expect(a.kind).toBe(b.kind);
        expect(a.width).toBe(b.width);
        expect(a.height).toBe(b.height);
        const pa = a.kind === 'rgb' ? a.rgba : a.pixels;
        const pb = b.kind === 'rgb' ? b.rgba : b.pixels;
        expect(pa.length).toBe(pb.length);
        expect(Buffer.from(pa.buffer, pa.byteOffset, pa.byteLength).equals(Buffer.from(pb.buffer, pb.byteOffset, pb.byteLength))).toBe(true);
        expect(frameBytes(a)).toBe(a.width * a.height * (a.kind === 'rgb' ? 4 : (pa as Uint8Array).BYTES_PER_ELEMENT));
      }
    });
  }

  it('names the file and frame when a frame is damaged', async () => {
    const rel = CLIPS[0]!;
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, rel)));
    const opened = openDicom(bytes, { fileName: 'clip.dcm' });
    if (!opened.ok) throw new Error(opened.error.message);
    const header = clipHeader(opened.value);
    const payload = framePayload(opened.value, 3)!;
    if (payload.kind !== 'encapsulated') throw new Error('expected encapsulated');
    // Keep the JPEG headers, destroy the entropy-coded data.
    const f = payload.fragments[0]!;
    f.fill(0, Math.floor(f.length / 2));
    const { image, index } = imageForFrame(header, 3, payload);
    const r = await decodeFrame(image, index, codecs);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('clip.dcm');
      expect(r.error.message).toContain('rame 4 of 8');
    }
  });
});

describe('decode worker protocol: reused buffers', () => {
  it('puts a frame into a recycled buffer of its size (pixels unchanged) and ignores one of another size', async () => {
    const rel = CLIPS[0]!;
    const opened = openDicom(new Uint8Array(readFileSync(path.join(FIXTURES, rel))));
    if (!opened.ok) throw new Error(opened.error.message);
    const img = opened.value;
    const a = await decodeFrame(img, 2, codecs);
    const b = await decodeFrame(img, 2, codecs);
    if (!a.ok || !b.ok || a.value.kind !== 'rgb' || b.value.kind !== 'rgb') throw new Error('decode failed');
    const out = new ArrayBuffer(a.value.rgba.byteLength);
    const r = compactFrame(a.value, out);
    expect(r.recycled).toBe(true);
    if (r.frame.kind !== 'rgb') throw new Error('expected rgb');
    expect(r.frame.rgba.buffer).toBe(out);
    expect(r.transfer).toEqual([out]);
    expect(Buffer.from(r.frame.rgba).equals(Buffer.from(b.value.rgba))).toBe(true);
    const wrong = compactFrame(b.value, new ArrayBuffer(10));
    expect(wrong.recycled).toBe(false);
    if (wrong.frame.kind !== 'rgb') throw new Error('expected rgb');
    expect(wrong.frame.rgba.byteLength).toBe(b.value.rgba.byteLength);
  });

  it('decodes colour frames straight into a recycled buffer holding an older frame: same pixels, no copy', async () => {
    // JPEG baseline YBR_FULL_422, RLE palette colour, native RGB (little and big endian), native gray.
    for (const rel of CLIPS) {
      const opened = openDicom(new Uint8Array(readFileSync(path.join(FIXTURES, rel))));
      if (!opened.ok) throw new Error(opened.error.message);
      const img = opened.value;
      const last = img.frameCount - 1;
      const fresh = await decodeFrame(img, last, codecs);
      if (!fresh.ok) throw new Error(fresh.error.message);
      // A recycled buffer still holds frame 0; frame `last` must overwrite every byte.
      const first = await decodeFrame(img, 0, codecs);
      if (!first.ok) throw new Error(first.error.message);
      const out = compactFrame(first.value).frame;
      const recycled = (out.kind === 'rgb' ? out.rgba.buffer : out.pixels.buffer) as ArrayBuffer;
      const into = await decodeFrame(img, last, codecs, { into: recycled });
      if (!into.ok) throw new Error(into.error.message);
      const r = compactFrame(into.value, recycled);
      expect(r.recycled, rel).toBe(true);
      expect(r.transfer, rel).toEqual([recycled]);
      const got = r.frame.kind === 'rgb' ? r.frame.rgba : r.frame.pixels;
      const want = fresh.value.kind === 'rgb' ? fresh.value.rgba : fresh.value.pixels;
      expect(got.buffer, rel).toBe(recycled);
      expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(want.buffer, want.byteOffset, want.byteLength)), rel).toBe(true);
      // Colour frames were written there by the decoder itself (the frame's array is over it from the start).
      if (into.value.kind === 'rgb') expect(into.value.rgba.buffer, rel).toBe(recycled);
      else expect(into.value.pixels.buffer, rel).not.toBe(recycled);
    }
  });

  it('puts a grayscale frame into a recycled buffer as the same kind of array', async () => {
    const opened = openDicom(new Uint8Array(readFileSync(path.join(FIXTURES, 'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm'))));
    if (!opened.ok) throw new Error(opened.error.message);
    const a = await decodeFrame(opened.value, 0, codecs);
    const b = await decodeFrame(opened.value, 0, codecs);
    if (!a.ok || !b.ok || a.value.kind !== 'gray' || b.value.kind !== 'gray') throw new Error('expected a grayscale frame');
    const out = new ArrayBuffer(a.value.pixels.byteLength);
    const r = compactFrame(a.value, out);
    if (r.frame.kind !== 'gray') throw new Error('expected gray');
    expect(r.recycled).toBe(true);
    expect(r.frame.pixels.buffer).toBe(out);
    expect(r.frame.pixels.constructor).toBe(b.value.pixels.constructor);
    expect(Array.from(r.frame.pixels)).toEqual(Array.from(b.value.pixels));
    expect({ ...r.frame, pixels: null }).toEqual({ ...b.value, pixels: null });
  });

  it('copies a frame payload into one reusable buffer, byte for byte as the slices', () => {
    for (const rel of CLIPS) {
      const opened = openDicom(new Uint8Array(readFileSync(path.join(FIXTURES, rel))));
      if (!opened.ok) throw new Error(opened.error.message);
      const img = opened.value;
      const allocated: number[] = [];
      const alloc = (n: number) => {
        allocated.push(n);
        return new Uint8Array(new ArrayBuffer(n + 100), 0, n); // larger than asked, as the pool's are
      };
      for (let i = 0; i < img.frameCount; i++) {
        const plain = framePayload(img, i)!;
        const pooled = framePayload(img, i, alloc)!;
        expect(pooled.kind).toBe(plain.kind);
        const parts = (p: typeof plain) => (p.kind === 'native' ? [p.data] : p.fragments);
        expect(parts(pooled).map((x) => Buffer.from(x).toString('hex'))).toEqual(parts(plain).map((x) => Buffer.from(x).toString('hex')));
        expect(payloadTransferables(pooled)).toHaveLength(1);
      }
      expect(allocated).toHaveLength(img.frameCount);
    }
  });
});
