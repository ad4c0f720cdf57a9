/**
 * The native JPEG fast path (sharp → libvips → mozjpeg/libjpeg-turbo SIMD) must give exactly the
 * samples of the WebAssembly libjpeg-turbo decoder it replaces, or decline / fail so that decoder runs.
 *
 * - Every JPEG baseline/extended frame of every shared fixture and every sample clip: the bytes
 *   core/dicom hands to `codecs.jpeg` are decoded by both paths and must be byte-identical; frames
 *   the fast path declines are listed with the reason; whole frames (decodeFrame + toRgba) from
 *   createNodeCodecs() and from the WebAssembly-only set must be identical too.
 * - Synthetic frames (libjpeg-turbo's encoder) in every chroma layout the fast path accepts, at odd
 *   sizes (partial MCUs at the right and bottom edges).
 * - Codestreams it must decline (Adobe APP14, ICC profile, progressive, 12-bit, CMYK, 'R','G','B'
 *   ids, unusual sampling) and damaged ones: createNodeCodecs() gives what the WebAssembly decoder gives.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, openDicom, toRgba, transferSyntaxInfo, type CodecOutput, type DicomCodecs } from '../../../../core/dicom/index';
import { withAdobeRgbMarker } from '../../../../core/dicom/codestream';
import { existsSync } from 'node:fs';
import { SAMPLE_IDS, SAMPLES_FOLDER, sampleClipFile } from '../../../../core/samples/index';
import { checkNativeJpeg, createNodeCodecs, createSharpJpegDecoder, createTurbojpegDecoder, loadSharp, loadTurbojpeg, nativeJpegDecoder, nativeJpegEnabled, TURBOJPEG_BINDING, type NativeJpegChoice } from '../../../../core/cli/node-codecs';
import { jpegEncoder, syntheticFrame } from '../../../../bench/lib/dicom-clip';
import { dicomFixturesDir, repoRoot } from '../../../support/shared';

const wasm = createNodeCodecs({ nativeJpeg: false });
const sharp = loadSharp();
const turbo = loadTurbojpeg();
/** Where the TurboJPEG binding can be built (scripts/build-native.mjs), it must have been (npm ci runs it). */
const turboBuildable = process.platform === 'linux' && existsSync('/usr/include/turbojpeg.h');

type Encode = Awaited<ReturnType<typeof jpegEncoder>>;
let encode: Encode;
beforeAll(async () => {
  encode = await jpegEncoder();
});

const bytesOf = (s: CodecOutput['samples']) => Buffer.from(s.buffer, s.byteOffset, s.byteLength);

/** Empty string when identical, else a description of the first differences. */
function compareOutputs(a: CodecOutput, b: CodecOutput): string {
  const dims = (o: CodecOutput) => `${o.width}×${o.height}×${o.components} ${o.bitsPerSample}-bit ${o.samples.constructor.name}${o.planar ? ' planar' : ''}`;
  if (dims(a) !== dims(b)) return `${dims(a)} vs ${dims(b)}`;
  const x = bytesOf(a.samples);
  const y = bytesOf(b.samples);
  if (x.equals(y)) return '';
  let n = 0;
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i]! - y[i]!);
    if (d) {
      n++;
      max = Math.max(max, d);
    }
  }
  return `${n} of ${x.length} samples differ (max |Δ| ${max})`;
}

/**
 * What `codecs.jpeg(bytes)` gives: its output or the error message (numbers masked: a C++ exception
 * thrown inside WebAssembly is reported by its address, which differs between instances).
 */
async function outcome(c: DicomCodecs, b: Uint8Array): Promise<CodecOutput | string> {
  try {
    return await c.jpeg(b);
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`.replace(/\d+/g, '#');
  }
}

/** The fast set must give what the WebAssembly set gives (same samples, or the same error). */
async function expectSameAsWasm(fast: DicomCodecs, b: Uint8Array, what: string): Promise<void> {
  const [w, f] = await Promise.all([outcome(wasm, b), outcome(fast, b)]);
  if (typeof w === 'string' || typeof f === 'string') expect(f, what).toEqual(w);
  else expect(compareOutputs(f, w), what).toBe('');
}

function dcmFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? dcmFiles(p) : p.endsWith('.dcm') ? [p] : [];
  });
}

describe('native JPEG decoders load', () => {
  it('sharp is installed and loads (a dependency: its absence would silently cost the speed-up)', () => {
    expect(sharp, 'require("sharp") failed: run npm ci').toBeDefined();
    expect(nativeJpegEnabled({ nativeJpeg: true, nativeDecoder: 'sharp' })).toBe(true);
    expect(sharp!.versions.vips).toMatch(/^\d+\.\d+/);
  });

  it.runIf(turboBuildable)('the TurboJPEG binding is built and loads where libturbojpeg headers exist, and is preferred', () => {
    expect(turbo, `${TURBOJPEG_BINDING} missing: run npm run build:native`).toBeDefined();
    expect(turbo!.version()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(nativeJpegDecoder({ nativeJpeg: true })?.name).toBe('turbojpeg');
    expect(nativeJpegDecoder({ nativeJpeg: true, nativeDecoder: 'sharp' })?.name).toBe('sharp');
    expect(nativeJpegDecoder({ nativeJpeg: false })).toBeUndefined();
  });

  it.runIf(turbo)('the TurboJPEG binding rejects wrong arguments and damaged data with an error, not a crash', () => {
    const b = encodeWith(1, syntheticFrame(64, 48, 4), 64, 48, 90);
    expect(turbo!.decode(b, new Uint8Array(64 * 48 * 3), 3)).toEqual([64, 48]);
    expect(() => turbo!.decode(b, new Uint8Array(10), 3)).toThrow(/64 x 48/);
    expect(() => turbo!.decode(b.subarray(0, b.length >> 1), new Uint8Array(64 * 48 * 3), 3)).toThrow(/Premature end|Corrupt|bogus/i);
    expect(() => turbo!.decode(new Uint8Array([1, 2, 3]), new Uint8Array(3), 1)).toThrow();
    expect(() => turbo!.decode(b, new Uint8Array(64 * 48 * 3), 2 as 1)).toThrow(/components/);
    expect(() => (turbo!.decode as unknown as (...a: unknown[]) => unknown)(b)).toThrow(/3 arguments/);
  });
});

const NATIVE: [string, NativeJpegChoice, ((bytes: Uint8Array) => Promise<CodecOutput | undefined>) | undefined][] = [
  ['sharp', 'sharp', sharp ? createSharpJpegDecoder(sharp) : undefined],
  ['TurboJPEG binding', 'turbojpeg', turbo ? createTurbojpegDecoder(turbo) : undefined],
];

for (const [label, choice, nativeDecode] of NATIVE) describe.runIf(nativeDecode)(`native JPEG fast path (${label})`, () => {
  const native = nativeDecode!;
  const fast = createNodeCodecs({ nativeJpeg: true, nativeDecoder: choice });

  it('decodes every JPEG frame of the shared fixtures and sample clips exactly as the WebAssembly decoder', { timeout: 300_000 }, async () => {
    const fixtures = dicomFixturesDir();
    // Independent list of the JPEG lossy fixtures: MANIFEST.tsv's transfer_syntax column.
    const manifest = readFileSync(join(fixtures, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
    const col = manifest[0]!.split('\t').indexOf('transfer_syntax');
    const expectedJpeg = new Set(
      manifest
        .slice(1)
        .map((l) => l.split('\t'))
        .filter((r) => r[col] === '1.2.840.10008.1.2.4.50' || r[col] === '1.2.840.10008.1.2.4.51')
        .map((r) => r[0]!),
    );
    const files = [...dcmFiles(fixtures), ...dcmFiles(join(repoRoot, 'assets/samples'))];
    const seenJpeg = new Set<string>();
    const declined = new Map<string, number>();
    let frames = 0;
    let nativeFrames = 0;
    const nativeByFile = new Map<string, number>();

    for (const file of files) {
      const name = file.startsWith(fixtures) ? relative(fixtures, file) : relative(repoRoot, file);
      const opened = openDicom(new Uint8Array(readFileSync(file)), { fileName: name });
      if (!opened.ok) continue;
      const img = opened.value;
      const enc = transferSyntaxInfo(img.meta.transferSyntaxUid)?.encoding;
      if (enc !== 'jpeg-baseline' && enc !== 'jpeg-extended') continue;
      seenJpeg.add(name);
      // Capture exactly what decode.ts gives the JPEG codec (after its RGB-marker rule).
      const handed: Uint8Array[] = [];
      const recorder: DicomCodecs = { ...wasm, jpeg: (b) => (handed.push(b), wasm.jpeg(b)) };
      for (let i = 0; i < img.availableFrames; i++) {
        handed.length = 0;
        const viaWasm = await decodeFrame(img, i, recorder);
        const viaFast = await decodeFrame(img, i, fast);
        // Whole frame, display-ready, as `blockplan frames` writes it.
        if (!viaWasm.ok || !viaFast.ok) expect(viaFast, `${name} frame ${i}`).toEqual(viaWasm);
        else expect(Buffer.from(toRgba(viaFast.value)).equals(Buffer.from(toRgba(viaWasm.value))), `${name} frame ${i} RGBA`).toBe(true);

        for (const b of handed) {
          frames++;
          const check = checkNativeJpeg(b);
          const n = await native(b);
          if (!check.ok) {
            expect(n, `${name} frame ${i}: declined (${check.reason}) but decoded`).toBeUndefined();
            declined.set(`${name}: ${check.reason}`, (declined.get(`${name}: ${check.reason}`) ?? 0) + 1);
            continue;
          }
          expect(n, `${name} frame ${i}: accepted but not decoded`).toBeDefined();
          expect(compareOutputs(n!, await wasm.jpeg(b)), `${name} frame ${i}`).toBe('');
          nativeFrames++;
          nativeByFile.set(name, (nativeByFile.get(name) ?? 0) + 1);
        }
      }
    }
    console.log(
      `node-codecs (${label}): ${frames} JPEG frames in ${seenJpeg.size} files; ${nativeFrames} decoded natively and identical to WebAssembly; declined:\n` +
        [...declined].map(([k, v]) => `  ${k} (${v} frame${v > 1 ? 's' : ''})`).join('\n'),
    );
    // Every JPEG fixture of the manifest was found and tried.
    for (const f of expectedJpeg) expect(seenJpeg.has(f), `${f} (MANIFEST) was not tried`).toBe(true);
    // The sample clips are JPEG baseline greyscale (what the app opens first): all native.
    for (const s of SAMPLE_IDS) {
      const name = `${SAMPLES_FOLDER}/${sampleClipFile(s)}`;
      if (seenJpeg.has(name)) expect(nativeByFile.get(name), name).toBeGreaterThan(0);
    }
    // YBR_FULL_422 ultrasound from a real scanner takes the fast path.
    expect(nativeByFile.get('orthanc-tests/US_Philips-HDI5000_JPEGBaseline_YBR422_TS-1.2.840.10008.1.2.4.50.dcm')).toBe(1);
    expect(nativeFrames).toBeGreaterThan(frames / 2);
  });

  // TJSAMP_*: 0 = 4:4:4, 1 = 4:2:2, 2 = 4:2:0, 3 = grey, 4 = 4:4:0, 5 = 4:1:1.
  const layouts = [
    [0, '4:4:4', 0x11],
    [1, '4:2:2', 0x21],
    [2, '4:2:0', 0x22],
    [3, 'grey', 0x11],
    [4, '4:4:0', 0x12],
    [5, '4:1:1', 0x41],
  ] as const;
  for (const [tjsamp, label, luma] of layouts) {
    it(`synthetic ${label} frames, even and odd sizes: identical`, async () => {
      for (const [w, h] of [
        [800, 600],
        [797, 601],
        [35, 33],
      ] as const) {
        for (const q of [90, 50]) {
          const b = encodeWith(tjsamp, syntheticFrame(w, h, w + q), w, h, q);
          const c = checkNativeJpeg(b);
          expect(c.ok && c.sampling[0], `${label} ${w}×${h}`).toBe(luma);
          const n = await native(b);
          expect(n, `${label} ${w}×${h} q${q}`).toBeDefined();
          expect(compareOutputs(n!, await wasm.jpeg(b)), `${label} ${w}×${h} q${q}`).toBe('');
        }
      }
    });
  }

  it('ignores EXIF orientation, as the WebAssembly decoder does', async () => {
    const b = withSegment(encodeWith(1, syntheticFrame(96, 64, 1), 96, 64, 90), exifOrientation(6));
    const n = await native(b);
    expect(n).toBeDefined();
    expect([n!.width, n!.height]).toEqual([96, 64]);
    expect(compareOutputs(n!, await wasm.jpeg(b))).toBe('');
  });

  it('declines codestreams it cannot guarantee, and the codec set falls back to WebAssembly', async () => {
    const base = encodeWith(1, syntheticFrame(64, 48, 2), 64, 48, 90);
    const sof = sofOffset(base);
    const patched = (f: (b: Uint8Array) => void) => {
      const c = base.slice();
      f(c);
      return c;
    };
    const cases: [string, Uint8Array, RegExp][] = [
      ['Adobe APP14 (the RGB marker decode.ts adds)', withAdobeRgbMarker(base), /Adobe/],
      ['ICC profile', withSegment(base, iccSegment()), /ICC/],
      ['progressive', encodeWith(1, syntheticFrame(64, 48, 2), 64, 48, 90, true), /not baseline/],
      ['12-bit precision', patched((c) => (c[sof + 4] = 12)), /12-bit/],
      ["'R','G','B' ids", patched((c) => c.set([0x52, 0x21, 0, 0x47, 0x11, 1, 0x42, 0x11, 1], sof + 10)), /'R','G','B'/],
      ['chroma subsampled twice (4:2:2 with Cb 2×1)', patched((c) => (c[sof + 14] = 0x21)), /sampling/],
      ['greyscale 2×2 sampling', patched((c) => (c[sof + 9] = 1)), /components|sampling/],
      ['no SOI', base.subarray(2), /SOI/],
    ];
    for (const [what, b, reason] of cases) {
      const c = checkNativeJpeg(b);
      expect(c.ok, what).toBe(false);
      if (!c.ok) expect(c.reason, what).toMatch(reason);
      expect(await native(b), what).toBeUndefined();
      await expectSameAsWasm(fast, b, what);
    }
    // A CMYK-like 4-component frame header.
    const four = checkNativeJpeg(patched((c) => (c[sof + 9] = 4)));
    expect(four.ok).toBe(false);
  });

  it('damaged codestreams: same samples or same error as the WebAssembly decoder', async () => {
    const base = encodeWith(1, syntheticFrame(320, 240, 3), 320, 240, 90);
    const damaged: [string, Uint8Array][] = [
      ['cut in the middle of the scan', base.subarray(0, Math.floor(base.length * 0.6))],
      ['cut before EOI', base.subarray(0, base.length - 2)],
      ['entropy data overwritten', (() => {
        const c = base.slice();
        for (let i = Math.floor(c.length / 2); i < Math.floor(c.length / 2) + 64; i++) c[i] = 0xff;
        return c;
      })()],
      ['header only', base.subarray(0, sofOffset(base) + 30)],
    ];
    for (const [what, b] of damaged) await expectSameAsWasm(fast, b, what);
  });
});

// --- helpers -----------------------------------------------------------------------------------

/** libjpeg-turbo's encoder (WebAssembly) with a given TJSAMP layout; progressive on request. */
function encodeWith(tjsamp: number, rgb: Uint8Array, w: number, h: number, q: number, progressive = false): Uint8Array {
  return encode(rgb, w, h, q, { subsampling: tjsamp, progressive });
}

/** Offset of the SOF0/SOF1/SOF2 marker. */
function sofOffset(b: Uint8Array): number {
  for (let i = 2; i + 4 < b.length; ) {
    const m = b[i + 1]!;
    if (m === 0xc0 || m === 0xc1 || m === 0xc2) return i;
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  throw new Error('no SOF');
}

/** Insert a marker segment right after SOI. */
function withSegment(b: Uint8Array, seg: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + seg.length);
  out.set(b.subarray(0, 2));
  out.set(seg, 2);
  out.set(b.subarray(2), 2 + seg.length);
  return out;
}

function segment(marker: number, body: number[]): Uint8Array {
  const len = body.length + 2;
  return Uint8Array.from([0xff, marker, len >> 8, len & 0xff, ...body]);
}

/** APP1 Exif with one IFD0 entry: Orientation (0x0112, SHORT) = value (TIFF 6.0, little endian). */
function exifOrientation(value: number): Uint8Array {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  const tiff = [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, value, 0, 0, 0, 0, 0, 0, 0];
  return segment(0xe1, [...ascii('Exif'), 0, 0, ...tiff]);
}

/** APP2 ICC_PROFILE chunk 1 of 1 (contents need not be a valid profile: the check declines on the marker). */
function iccSegment(): Uint8Array {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  return segment(0xe2, [...ascii('ICC_PROFILE'), 0, 1, 1, ...new Array<number>(128).fill(0)]);
}
