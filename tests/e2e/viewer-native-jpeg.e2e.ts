/**
 * Issue 19: the browser's own JPEG decoder in the decode workers, in real headless Chromium (jsdom
 * has no image decoder). A Vite build of tests/e2e/native-jpeg (the real decode worker and pool,
 * served with the app's CSP) decodes every frame of every JPEG fixture (shared fixtures), the
 * bundled samples, a 12-bit JPEG made by DCMTK and a clip whose later frames carry EXIF orientation,
 * and compares each delivered frame with core's WebAssembly decode in the page.
 *
 * Proves: (1) every frame the viewer gets equals the WebAssembly decode, sample for sample, whichever
 * decoder made it; (2) the browser's decoder is used where the first-frame check accepts it (the
 * YCbCr fixtures and the greyscale samples); (3) it falls back where the pixels differ: RGB data
 * without a colour marker, which core decodes as RGB (the DICOM Photometric Interpretation) and the
 * browser converts as YCbCr; (4) 12-bit and lossless JPEG never reach it; (5) frames whose EXIF
 * orientation the browser would apply are decoded by WebAssembly even in an accepted clip.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeUsMultiframe } from '../../core/dicom/write/us-multiframe';
import { cspString } from '../../electron/main/csp';
import { loadNodeJpegEncoder } from '../../build/scripts/lib/jpeg-encoder-node';
import { dicomFixturesDir } from '../support/shared';
import { makeJpeg12Files, type Jpeg12Files } from '../unit/core/dicom/jpeg12-fixture';
import { launch, type Session } from './browser';
import type { FileResult } from './native-jpeg/main';

const ROOT = path.resolve(__dirname, '../..');
const FIX = dicomFixturesDir();
/** Every 8-bit lossy and lossless JPEG fixture (MANIFEST: 1.2.840.10008.1.2.4.50/.51/.70). */
const LOSSY = [
  'cornerstonejs-cornerstone3D/TestPattern_JPEG-Baseline_YBR422.dcm',
  'cornerstonejs-cornerstone3D/TestPattern_JPEG-Baseline_YBRFull.dcm',
  'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm',
  'debian-python3-pydicom/SC_jpeg_no_color_transform.dcm',
  'debian-python3-pydicom/SC_jpeg_no_color_transform_2.dcm',
  'debian-python3-pydicom/SC_rgb_jpeg_app14_dcmd.dcm',
  'fo-dicom/GH195.dcm',
  'fo-dicom/GH538-jpeg1.dcm',
  'fo-dicom/JPEGwithIcon.dcm',
  'fo-dicom/multiframe.dcm',
  'orthanc-tests/US_Philips-HDI5000_JPEGBaseline_YBR422_TS-1.2.840.10008.1.2.4.50.dcm',
  'robyoung-dicom-test-files/SC_rgb_dcmtk_+eb+cr.dcm',
  'robyoung-dicom-test-files/SC_rgb_dcmtk_+eb+cy+n1.dcm',
  'robyoung-dicom-test-files/SC_rgb_dcmtk_+eb+cy+np.dcm',
  'robyoung-dicom-test-files/SC_rgb_dcmtk_+eb+cy+s4.dcm',
  'robyoung-dicom-test-files/SC_rgb_jpeg_lossy_gdcm.dcm',
  'robyoung-dicom-test-files/SC_rgb_small_odd_jpeg.dcm',
];
const LOSSLESS = [
  'cornerstonejs-cornerstone3D/TestPattern_JPEG-Lossless_RGB.dcm',
  'fo-dicom/GH538-jpeg14sv1.dcm',
  'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm',
  'robyoung-dicom-test-files/SC_rgb_jpeg_gdcm.dcm',
];
const SAMPLES = ['thoracic-paravertebral.dcm', 'ganglion-impar.dcm', 'celiac-plexus.dcm'];
/**
 * RGB data without a JFIF or Adobe marker and with component ids 0, 1, 2: core reads Photometric
 * Interpretation RGB (core/dicom/codestream.ts jpegHoldsRgb), the browser assumes YCbCr.
 */
const BROWSER_CONVERTS_DIFFERENTLY = ['debian-python3-pydicom/SC_jpeg_no_color_transform.dcm'];

/** APP1 "Exif" with Orientation = 3 (rotate 180°), inserted after SOI. */
function withExifOrientation(jpeg: Uint8Array): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2));
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}

/** A 4-frame colour clip (YBR_FULL_422) whose frames 3 and 4 carry EXIF orientation 180°. */
async function exifClip(): Promise<Uint8Array> {
  const enc = await loadNodeJpegEncoder();
  const w = 96;
  const h = 64;
  const frame = (i: number) => {
    const px = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px.set([(x * 5 + i * 20) & 255, (y * 7) & 255, x < w / 3 ? 220 : 30], (y * w + x) * 3);
    return px;
  };
  let k = 0;
  const r = writeUsMultiframe(
    { rows: h, columns: w, frameCount: 4, frame, frameTimeMs: 40, photometric: 'YBR_FULL_422', regions: [], uidSeed: 'blockplan-test/exif-clip', date: '20250101', time: '120000' },
    { encode: (px, ww, hh, c, q) => (k++ >= 2 ? withExifOrientation(enc.encode(px, ww, hh, c, q)) : enc.encode(px, ww, hh, c, q)) },
  );
  if (!r.ok) throw new Error(r.error.title);
  return r.value.bytes;
}

describe('browser-native JPEG decode vs WebAssembly (Vite build, headless Chromium, app CSP)', () => {
  let work: string;
  let server: Server;
  let session: Session | undefined;
  let j12: Jpeg12Files;
  const files: { name: string; bytes: Uint8Array }[] = [];

  beforeAll(async () => {
    j12 = makeJpeg12Files();
    for (const rel of [...LOSSY, ...LOSSLESS]) files.push({ name: rel, bytes: new Uint8Array(readFileSync(path.join(FIX, rel))) });
    for (const s of SAMPLES) files.push({ name: `samples/${s}`, bytes: new Uint8Array(readFileSync(path.join(ROOT, 'assets/samples', s))) });
    files.push({ name: 'generated/jpeg12.dcm', bytes: new Uint8Array(readFileSync(j12.jpeg)) });
    files.push({ name: 'generated/exif-later-frames.dcm', bytes: await exifClip() });
    work = mkdtempSync(path.join(tmpdir(), 'bp-native-jpeg-'));
    await build({
      configFile: false,
      root: path.join(ROOT, 'tests/e2e/native-jpeg'),
      base: './',
      logLevel: 'error',
      build: { outDir: work, emptyOutDir: true, target: 'es2022', minify: false, sourcemap: false },
      worker: { format: 'es' },
    });
    const list = JSON.stringify(files.map((f) => f.name));
    server = createServer((req, res) => {
      const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      const headers = { 'Content-Security-Policy': cspString(true) };
      if (url === '/favicon.ico') return void res.writeHead(204).end();
      if (url === '/list.json') return void res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(list);
      const m = /^\/f\/(\d+)$/.exec(url);
      if (m) return void res.writeHead(200, { ...headers, 'Content-Type': 'application/dicom' }).end(files[Number(m[1])]!.bytes);
      const file = path.resolve(work, path.normalize(url === '/' ? 'index.html' : url.slice(1)));
      if (!file.startsWith(work)) return void res.writeHead(403).end();
      let body: Buffer;
      try {
        body = readFileSync(file);
      } catch {
        return void res.writeHead(404).end();
      }
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type }).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    j12?.cleanup();
  });

  it('gives every frame the WebAssembly pixels, uses the browser where its first frame is equal, and falls back where not', { timeout: 180_000 }, async () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    session = await launch({ width: 400, height: 300 });
    await session.page.goto(`http://127.0.0.1:${port}/index.html`);
    await session.page.waitForFunction(() => (window as unknown as { __native?: unknown }).__native !== undefined, undefined, { timeout: 150_000 });
    const out = (await session.page.evaluate(() => (window as unknown as { __native: unknown }).__native)) as FileResult[] | { failed: string };
    if (!Array.isArray(out)) throw new Error(out.failed);
    const by = new Map(out.map((r) => [r.name, r]));
    console.log(
      out
        .map((r) => `${r.name}: ${r.frames} frames${r.bothFailed ? ` (${r.bothFailed} damaged in the file)` : ''}, ${r.check ? (r.check.accepted ? 'browser accepted' : `browser rejected (max |Δ| ${r.check.maxDiff})`) : 'not a candidate'}, ${r.browserDecoded} by the browser, max |Δ| ${r.maxDiff}`)
        .join('\n'),
    );
    // (1) Every frame of every file: the WebAssembly pixels, exactly (fo-dicom/multiframe.dcm has
    // frames damaged in the file, tests/unit/core/dicom/conformance.test.ts: rejected both ways).
    for (const r of out) {
      expect(r.errors, r.name).toEqual([]);
      expect(r.frames, r.name).toBeGreaterThan(0);
      expect(r.maxDiff, `${r.name}: delivered frames vs WebAssembly`).toBe(0);
    }
    // (2) The browser decodes the YCbCr fixtures and the greyscale samples: checked, accepted, used for every frame.
    const accepted = [...LOSSY.filter((f) => !BROWSER_CONVERTS_DIFFERENTLY.includes(f)), ...SAMPLES.map((s) => `samples/${s}`)];
    for (const name of accepted) {
      const r = by.get(name)!;
      if (!r.check?.accepted) continue; // judged below: most must be accepted
      expect(r.check.maxDiff, name).toBe(0);
      // Every frame but the first (decoded by WebAssembly and sent before the comparison).
      expect(r.browserDecoded, `${name}: frames decoded by the browser`).toBe(r.frames - r.bothFailed - 1);
    }
    const acceptedNames = accepted.filter((n) => by.get(n)!.check?.accepted);
    // (SC_rgb_* single frames: accepted, but their one frame is the compared one.)
    expect(acceptedNames).toEqual(expect.arrayContaining([...SAMPLES.map((s) => `samples/${s}`), 'fo-dicom/multiframe.dcm', 'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm', 'cornerstonejs-cornerstone3D/TestPattern_JPEG-Baseline_YBR422.dcm']));
    expect(by.get('fo-dicom/multiframe.dcm')!.bothFailed).toBeLessThan(by.get('fo-dicom/multiframe.dcm')!.frames / 4);
    expect(out.filter((r) => r.name !== 'fo-dicom/multiframe.dcm').every((r) => r.bothFailed === 0)).toBe(true);
    expect(by.get('samples/thoracic-paravertebral.dcm')!.kinds).toEqual(['gray']);
    expect(by.get('fo-dicom/multiframe.dcm')!.kinds).toEqual(['bitmap']);
    // (3) Where the browser converts differently, the check rejects it and WebAssembly decodes every frame.
    for (const name of BROWSER_CONVERTS_DIFFERENTLY) {
      const r = by.get(name)!;
      expect(r.check?.accepted, name).toBe(false);
      expect(r.check!.maxDiff, name).toBeGreaterThan(0);
      expect(r.browserDecoded, name).toBe(0);
    }
    // (4) 12-bit and lossless JPEG are not candidates.
    for (const name of [...LOSSLESS, 'generated/jpeg12.dcm']) {
      expect(by.get(name)!.check, name).toBeUndefined();
      expect(by.get(name)!.browserDecoded, name).toBe(0);
    }
    // (5) Accepted on its first frame, but the frames with EXIF orientation go to WebAssembly.
    const exif = by.get('generated/exif-later-frames.dcm')!;
    expect(exif.check?.accepted).toBe(true);
    expect(exif.browserDecoded).toBe(1);
    expect(session.consoleErrors).toEqual([]);
  });
});
