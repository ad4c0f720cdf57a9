/**
 * 12-bit lossy JPEG (JPEG Extended, 1.2.840.10008.1.2.4.51, P = 12), decoded by core/dicom with the
 * dcmjs-codecs WebAssembly (IJG libjpeg 6b, 12-bit build).
 *
 * The file is made here (see jpeg12-fixture.ts: DCMTK `dcmcjpeg +ee` of a 12-bit clip we write)
 * and checked against independent decodes:
 *  - stored values against DCMTK `dcmdjpeg` (read back with `dcmdump +W`, not our parser):
 *    tolerance max |Δ| ≤ 1 and mean |Δ| ≤ 0.01 on the 12-bit scale (0–4095). Both are IJG 6b
 *    12-bit decoders with the same integer IDCT, so they are expected to agree exactly; the margin
 *    of 1 allows for an IDCT rounding difference, nothing more;
 *  - the displayed 8-bit frames against GDCM (`gdcmconv --raw` → `dcm2pnm +Wm`), with the fixture
 *    conformance rule for lossy syntaxes: mean absolute difference ≤ 1.5;
 *  - 12-bit colour (`dcmcjpeg +ee` YCbCr 4:2:2, and `+ee +cr` untransformed RGB): RGB samples
 *    against `dcmdjpeg` (same tolerance) and the display against `dcmdjpeg` → `dcm2pnm`;
 *  - `blockplan inspect --json` against dcmdump, `blockplan frames` PNGs against the same reference;
 *  - damaged 12-bit codestreams give typed errors, the codec recovers after them, and 300 seeded
 *    mutants of the file each decode or fail with a typed error within 2 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { decodeFrame, openDicom, toRgba, type DicomImage, type GrayFrame } from '../../../../core/dicom/index';
import { readJpegHeader } from '../../../../core/dicom/codestream';
import { buildDicom, imageElements } from './build';
import { lengthFields, mutate, rng } from './fuzz-mutate';
import {
  J12_FRAMES,
  J12_HEIGHT,
  J12_WIDTH,
  J12C_HEIGHT,
  J12C_WIDTH,
  JPEG_EXTENDED,
  makeJpeg12ColourFiles,
  makeJpeg12Files,
  originalColourFrame,
  originalFrame,
  type Jpeg12Files,
} from './jpeg12-fixture';
import { dcmdumpMeta, parsePnm, referenceDecode, repoRoot, requireTools, type PnmImage } from './reference';

const N = J12_WIDTH * J12_HEIGHT;
const codecs = createNodeCodecs();
let files: Jpeg12Files;
let img: DicomImage;

function open(bytes: Uint8Array, name: string): DicomImage {
  const o = openDicom(bytes, { fileName: name });
  if (!o.ok) throw new Error(`${o.error.code}: ${o.error.message}`);
  return o.value;
}

async function gray(image: DicomImage, f: number): Promise<GrayFrame> {
  const d = await decodeFrame(image, f, codecs);
  if (!d.ok) throw new Error(`frame ${f}: ${d.error.code}: ${d.error.message} ${d.error.detail ?? ''}`);
  if (d.value.kind !== 'gray') throw new Error('expected a grayscale frame');
  return d.value;
}

/** Mean and max absolute difference of RGB channels between our RGBA and a PNM/PNG reference. */
function displayDiff(rgba: Uint8ClampedArray | Uint8Array, ref: { data: ArrayLike<number>; channels: number }, n = N): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(rgba[p * 4 + c]! - ref.data[p * ref.channels + (ref.channels === 1 ? 0 : c)]!);
      sum += d;
      if (d > max) max = d;
    }
  }
  return { mean: sum / (n * 3), max };
}

/** The JPEG codestream of frame `f` (one fragment per frame, as dcmcjpeg writes). */
function codestream(f: number): Uint8Array {
  const px = img.pixel;
  if (px.kind !== 'encapsulated') throw new Error('expected encapsulated pixel data');
  const frags = px.frames[f]!.fragments;
  const out = new Uint8Array(frags.reduce((s, x) => s + x.length, 0));
  let o = 0;
  for (const x of frags) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

/** Offset of the first marker `FFxx` segment (SOI excluded) in a codestream. */
function markerAt(cs: Uint8Array, marker: number): number {
  for (let i = 2; i + 4 <= cs.length; ) {
    if (cs[i] !== 0xff) throw new Error(`no marker at ${i}`);
    if (cs[i + 1] === marker) return i;
    if (cs[i + 1] === 0xda) break;
    i += 2 + ((cs[i + 2]! << 8) | cs[i + 3]!);
  }
  throw new Error(`marker FF${marker.toString(16)} not found`);
}

/** A one-frame 12-bit JPEG Extended file holding `cs`, with the test clip's attributes (overridable). */
function singleFrameFile(cs: Uint8Array, o: { bits?: number } = {}): Uint8Array {
  return buildDicom(
    [
      ...imageElements({ rows: J12_HEIGHT, columns: J12_WIDTH, pi: 'MONOCHROME2', bits: o.bits ?? 16, stored: 12, frames: 1 }),
      { tag: 0x7fe00010, vr: 'ENCAP', bot: [0], fragments: [cs] },
    ],
    { transferSyntax: JPEG_EXTENDED },
  );
}

describe('12-bit lossy JPEG (JPEG Extended, P = 12)', () => {
  beforeAll(() => {
    requireTools(['dcmcjpeg', 'dcmdjpeg', 'dcmdump', 'dcm2pnm', 'gdcmconv']);
    files = makeJpeg12Files();
    img = open(new Uint8Array(readFileSync(files.jpeg)), 'mono12-jpeg-extended.dcm');
  });
  afterAll(() => files?.cleanup());

  it('the test file really is 12-bit JPEG Extended (dcmdump, and the SOF1 frame header)', () => {
    const dump = dcmdumpMeta(files.jpeg);
    expect(dump.transferSyntax).toBe(JPEG_EXTENDED);
    expect([dump.rows, dump.columns, dump.frames]).toEqual([J12_HEIGHT, J12_WIDTH, J12_FRAMES]);
    expect(img.meta.transferSyntaxUid).toBe(JPEG_EXTENDED);
    expect([img.meta.bitsAllocated, img.meta.bitsStored]).toEqual([16, 12]);
    for (let f = 0; f < J12_FRAMES; f++) {
      const h = readJpegHeader(codestream(f))!;
      expect([h.family, h.sof, h.precision, h.components]).toEqual(['jpeg', 0xc1, 12, 1]);
    }
  });

  it('stored values match DCMTK dcmdjpeg (max |Δ| ≤ 1, mean |Δ| ≤ 0.01 on 0–4095), and are lossy but close to the original', async () => {
    const lines: string[] = [];
    let lossyPixels = 0;
    for (let f = 0; f < J12_FRAMES; f++) {
      const g = await gray(img, f);
      expect(g.pixels).toBeInstanceOf(Uint16Array);
      expect(g.pixels.length).toBe(N);
      const ref = files.refSamples.subarray(f * N, (f + 1) * N);
      const orig = originalFrame(f);
      let sum = 0;
      let max = 0;
      let sumOrig = 0;
      let maxOrig = 0;
      for (let p = 0; p < N; p++) {
        const d = Math.abs(g.pixels[p]! - ref[p]!);
        sum += d;
        if (d > max) max = d;
        const o = Math.abs(g.pixels[p]! - orig[p]!);
        sumOrig += o;
        if (o > maxOrig) maxOrig = o;
        if (o > 0) lossyPixels++;
        expect(g.pixels[p]!).toBeLessThanOrEqual(4095);
      }
      lines.push(`frame ${f}: vs dcmdjpeg max |Δ| ${max}, mean |Δ| ${(sum / N).toFixed(4)}; vs original max |Δ| ${maxOrig}, mean |Δ| ${(sumOrig / N).toFixed(2)}`);
      expect(max, `frame ${f} max |Δ| vs dcmdjpeg`).toBeLessThanOrEqual(1);
      expect(sum / N, `frame ${f} mean |Δ| vs dcmdjpeg`).toBeLessThanOrEqual(0.01);
      // The whole 12-bit range is used, so a decoder that scaled to 8 bits or lost the top bits fails here.
      expect(Math.abs(g.minValue - Math.min(...ref))).toBeLessThanOrEqual(1);
      expect(Math.abs(g.maxValue - Math.max(...ref))).toBeLessThanOrEqual(1);
      // Sanity of the encoder side: close to what was compressed (IJG quality 90 on noise: mean ≈ 3).
      expect(sumOrig / N, `frame ${f} mean |Δ| vs original`).toBeLessThan(16);
    }
    console.log(`jpeg12: ${lines.join(' | ')}`);
    // The stream is really lossy (otherwise this test would not exercise the DCT path).
    expect(lossyPixels).toBeGreaterThan(N / 4);
  });

  it('displayed 8-bit frames match GDCM → dcm2pnm +Wm (lossy rule: mean |Δ| ≤ 1.5)', async () => {
    const ref = referenceDecode(files.jpeg, JPEG_EXTENDED, { mono: true, hasWindow: false });
    expect(ref.frames.length).toBe(J12_FRAMES);
    const lines: string[] = [];
    for (let f = 0; f < J12_FRAMES; f++) {
      const r: PnmImage = ref.frames[f]!;
      expect([r.width, r.height]).toEqual([J12_WIDTH, J12_HEIGHT]);
      const { mean, max } = displayDiff(toRgba(await gray(img, f)), r);
      lines.push(`frame ${f}: mean ${mean.toFixed(3)} max ${max}`);
      expect(mean, `frame ${f} (${ref.via})`).toBeLessThanOrEqual(1.5);
    }
    console.log(`jpeg12 display vs ${ref.via}: ${lines.join(' | ')}`);
  });

  it('12-bit colour (YCbCr 4:2:2 and untransformed RGB): samples equal dcmdjpeg, display within the lossy rule of dcmdjpeg → dcm2pnm', async () => {
    const colour = makeJpeg12ColourFiles(files.dir);
    const n = J12C_WIDTH * J12C_HEIGHT;
    const orig = originalColourFrame();
    const lines: string[] = [];
    for (const [name, c, pi] of [
      ['ybr', colour.ybr, 'YBR_FULL_422'],
      ['rgb', colour.rgb, 'RGB'],
    ] as const) {
      expect(dcmdumpMeta(c.jpeg).photometric).toBe(pi);
      const image = open(new Uint8Array(readFileSync(c.jpeg)), `rgb12-${name}.dcm`);
      const px = image.pixel;
      if (px.kind !== 'encapsulated') throw new Error('expected encapsulated pixel data');
      const cs = px.frames[0]!.fragments[0]!;
      const h = readJpegHeader(cs)!;
      expect([h.sof, h.precision, h.components]).toEqual([0xc1, 12, 3]);
      // The codec's RGB samples against DCMTK's (which converts YCbCr to RGB, as we do).
      const out = await codecs.jpeg12(cs);
      expect([out.width, out.height, out.components, out.bitsPerSample]).toEqual([J12C_WIDTH, J12C_HEIGHT, 3, 12]);
      expect(c.refSamples.length).toBe(n * 3);
      let max = 0;
      let sum = 0;
      let sumOrig = 0;
      for (let i = 0; i < n * 3; i++) {
        const d = Math.abs(out.samples[i]! - c.refSamples[i]!);
        max = Math.max(max, d);
        sum += d;
        sumOrig += Math.abs(out.samples[i]! - orig[i]!);
      }
      expect(max, `${name}: max |Δ| vs dcmdjpeg`).toBeLessThanOrEqual(1);
      expect(sum / (n * 3), `${name}: mean |Δ| vs dcmdjpeg`).toBeLessThanOrEqual(0.01);
      expect(sumOrig / (n * 3), `${name}: mean |Δ| vs original`).toBeLessThan(40);
      // The whole pipeline (decodeFrame → RGBA) against dcm2pnm of DCMTK's decode.
      const d = await decodeFrame(image, 0, codecs);
      if (!d.ok) throw new Error(`${d.error.code}: ${d.error.message} ${d.error.detail ?? ''}`);
      expect(d.value.kind).toBe('rgb');
      const ppm = join(files.dir, `rgb12-${name}.ppm`);
      const r = spawnSync('dcm2pnm', ['-q', c.ref, ppm], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const ref = parsePnm(new Uint8Array(readFileSync(ppm)));
      expect([ref.width, ref.height, ref.channels]).toEqual([J12C_WIDTH, J12C_HEIGHT, 3]);
      const disp = displayDiff(d.value.kind === 'rgb' ? d.value.rgba : new Uint8Array(), ref, n);
      expect(disp.mean, `${name}: display mean |Δ|`).toBeLessThanOrEqual(1.5);
      lines.push(`${name} (${pi}): samples vs dcmdjpeg max |Δ| ${max}, mean ${(sum / (n * 3)).toFixed(4)}, vs original mean ${(sumOrig / (n * 3)).toFixed(2)}; display mean ${disp.mean.toFixed(3)} max ${disp.max}`);
    }
    console.log(`jpeg12 colour: ${lines.join(' | ')}`);
  });

  it('blockplan inspect --json and blockplan frames (real process)', () => {
    const ins = spawnSync(process.execPath, ['bin/blockplan.mjs', 'inspect', '--json', files.jpeg], { cwd: repoRoot, encoding: 'utf8' });
    expect(ins.status, ins.stderr).toBe(0);
    const [row] = JSON.parse(ins.stdout) as Record<string, unknown>[];
    const dump = dcmdumpMeta(files.jpeg);
    expect(row).toMatchObject({
      ok: true,
      transferSyntaxUid: dump.transferSyntax,
      rows: dump.rows,
      columns: dump.columns,
      frames: dump.frames,
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      bitsAllocated: 16,
      bitsStored: 12,
      frameTimeMs: dump.frameTimeMs,
      regions: [],
    });

    const out = mkdtempSync(join(tmpdir(), 'bp-j12-frames-'));
    try {
      const fr = spawnSync(process.execPath, ['bin/blockplan.mjs', 'frames', files.jpeg, '--out', out], { cwd: repoRoot, encoding: 'utf8' });
      expect(fr.status, fr.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['frame-0000.png', 'frame-0001.png', 'frame-0002.png', 'frame-0003.png']);
      const ref = referenceDecode(files.jpeg, JPEG_EXTENDED, { mono: true, hasWindow: false });
      for (let f = 0; f < J12_FRAMES; f++) {
        const png = decodePng(readFileSync(join(out, `frame-${String(f).padStart(4, '0')}.png`)));
        expect([png.width, png.height, png.depth]).toEqual([J12_WIDTH, J12_HEIGHT, 8]);
        const rgba = new Uint8Array(N * 4);
        for (let p = 0; p < N; p++) for (let c = 0; c < 3; c++) rgba[p * 4 + c] = png.data[p * png.channels + c]!;
        expect(displayDiff(rgba, ref.frames[f]!).mean, `PNG frame ${f}`).toBeLessThanOrEqual(1.5);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('damaged 12-bit streams give typed errors, and the codec recovers after them', async () => {
    const good = codestream(2);
    const expectError = async (bytes: Uint8Array, code: string, what: RegExp) => {
      const d = await decodeFrame(open(bytes, 'damaged.dcm'), 0, codecs);
      expect(d.ok).toBe(false);
      if (!d.ok) {
        expect(d.error.code).toBe(code);
        expect(`${d.error.message} ${d.error.detail ?? ''}`).toMatch(what);
        expect(d.error.fileName).toBe('damaged.dcm');
      }
    };
    // Huffman tables removed (the DHT segment turned into a comment): libjpeg's own error.
    const noDht = good.slice();
    noDht[markerAt(noDht, 0xc4) + 1] = 0xfe;
    await expectError(singleFrameFile(noDht), 'decode-failed', /jpeg12.*Huffman table/is);
    // A quantisation table with an impossible precision/index byte: libjpeg refuses it.
    const badDqt = good.slice();
    const q = markerAt(badDqt, 0xdb);
    badDqt[q + 4] = 0x2f;
    await expectError(singleFrameFile(badDqt), 'decode-failed', /jpeg12.*DQT/is);
    // A marker segment with an impossible length: our header reader refuses it before the codec.
    const badLen = good.slice();
    badLen[q + 2] = 0;
    badLen[q + 3] = 1;
    await expectError(singleFrameFile(badLen), 'decode-failed', /no valid codestream header/);
    // Frame header says another size than Rows/Columns: refused before the codec runs.
    const taller = good.slice();
    taller[markerAt(taller, 0xc1) + 6] ^= 0x10;
    await expectError(singleFrameFile(taller), 'inconsistent-sizes', /compressed image is/);
    // 12-bit samples in an 8-bit Bits Allocated image.
    await expectError(singleFrameFile(good, { bits: 8 }), 'inconsistent-sizes', /12-bit samples.*Bits Allocated 8/);
    // A precision the JPEG standard does not have for DCT.
    const p16 = good.slice();
    p16[markerAt(p16, 0xc1) + 4] = 16;
    await expectError(singleFrameFile(p16), 'unsupported-image', /16-bit lossy JPEG/);

    // A codestream cut short (no EOI): libjpeg pads the missing rows; either way no exception.
    const cut = await decodeFrame(open(singleFrameFile(good.subarray(0, Math.floor(good.length * 0.6))), 'cut.dcm'), 0, codecs);
    if (!cut.ok) expect(cut.error.code).toBe('decode-failed');
    else expect(cut.value.kind === 'gray' && cut.value.pixels.length).toBe(N);

    // Failures drop the WebAssembly instance; decoding still gives exactly the same samples after many.
    const ref = files.refSamples.subarray(2 * N, 3 * N);
    const goodFile = open(singleFrameFile(good), 'good.dcm');
    const t0 = performance.now();
    for (let k = 0; k < 60; k++) {
      const bad = await decodeFrame(open(singleFrameFile(noDht), 'damaged.dcm'), 0, codecs);
      expect(bad.ok).toBe(false);
      const g = await gray(goodFile, 0);
      let diff = 0;
      for (let p = 0; p < N; p++) if (g.pixels[p] !== ref[p]) diff++;
      expect(diff, `round ${k}`).toBe(0);
    }
    console.log(`jpeg12: 60 failure/recovery rounds in ${(performance.now() - t0).toFixed(0)} ms`);
  });

  it('300 seeded mutants of the 12-bit file decode or fail with a typed error within 2 s', { timeout: 300_000 }, async () => {
    const bytes = new Uint8Array(readFileSync(files.jpeg));
    const fields = lengthFields(bytes);
    const r = rng(20261128);
    const stray: unknown[] = [];
    const onStray = (e: unknown) => stray.push(e);
    process.on('uncaughtException', onStray);
    process.on('unhandledRejection', onStray);
    const stats = { opened: 0, decoded: 0, typed: 0, slowest: 0 };
    const byCode = new Map<string, number>();
    const failures: string[] = [];
    try {
      for (let c = 0; c < 300; c++) {
        const { bytes: m, kind } = mutate(bytes, fields, r);
        const t0 = performance.now();
        try {
          const o = openDicom(m, { fileName: `j12-mutant-${c}.dcm` });
          if (!o.ok) {
            stats.typed++;
            byCode.set(o.error.code, (byCode.get(o.error.code) ?? 0) + 1);
          } else {
            stats.opened++;
            for (let f = 0; f < o.value.frameCount; f++) {
              const d = await decodeFrame(o.value, f, codecs);
              if (d.ok) stats.decoded++;
              else {
                stats.typed++;
                byCode.set(d.error.code, (byCode.get(d.error.code) ?? 0) + 1);
                if (!d.error.message) failures.push(`case ${c} (${kind}): empty message`);
              }
            }
          }
        } catch (e) {
          failures.push(`case ${c} (${kind}): threw ${e instanceof Error ? e.stack : String(e)}`);
        }
        const ms = performance.now() - t0;
        stats.slowest = Math.max(stats.slowest, ms);
        if (ms > 2000) failures.push(`case ${c} (${kind}) took ${ms.toFixed(0)} ms`);
      }
    } finally {
      process.off('uncaughtException', onStray);
      process.off('unhandledRejection', onStray);
    }
    console.log(
      `jpeg12 fuzz: 300 mutants: ${stats.opened} opened, ${stats.decoded} frames decoded, ${stats.typed} typed errors ` +
        `(${[...byCode].map(([k, v]) => `${k} ${v}`).join(', ')}), ${failures.length} failures, ${stray.length} stray errors, slowest ${stats.slowest.toFixed(0)} ms`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(stray).toEqual([]);
    expect(stats.decoded).toBeGreaterThan(100);
    expect(stats.typed).toBeGreaterThan(30);
    expect(byCode.get('decode-failed') ?? 0, 'some mutants must reach the 12-bit codec and fail there').toBeGreaterThan(0);
  });
});
