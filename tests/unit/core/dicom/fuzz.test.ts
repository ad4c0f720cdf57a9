/**
 * Fuzz: at least 2,000 mutated copies of real fixtures (bit flips, truncations, corrupted length
 * fields, damaged fragment headers). Each must open-and-decode or return a typed DicomError whose
 * message names the file, within 2 s; any exception escaping openDicom/decodeFrame (or an unhandled
 * rejection) fails the test. Deterministic (seeded), so a failure can be reproduced from the
 * printed case number. Case files and bundles have their own fuzz beside the plan tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, openDicom, type DicomErrorCode } from '../../../../core/dicom/index';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { fixturesDir } from './reference';
import { lengthFields, mutate, rng } from './fuzz-mutate';

const CASES = 2400;
const LIMIT_MS = 2000;
/** Covers every decoder: native LE/BE/implicit, RLE, JPEG baseline/lossless, JPEG-LS, J2K, HTJ2K, palette, multi-fragment. */
const SOURCES = [
  'pydicom-data/SC_rgb_2frame.dcm',
  'pydicom-data/SC_rgb_expb_2frame.dcm',
  'pydicom-data/OT-PAL-8-face.dcm',
  'robyoung-dicom-test-files/SC_rgb_rle_2frame.dcm',
  'robyoung-dicom-test-files/SC_rgb_rle_16bit_2frame.dcm',
  'pydicom-data/OBXXXX1A_rle.dcm',
  'robyoung-dicom-test-files/SC_rgb_small_odd_jpeg.dcm',
  'robyoung-dicom-test-files/SC_rgb_dcmtk_+eb+cy+np.dcm',
  'cornerstonejs-cornerstone3D/TestPattern_JPEG-Baseline_YBR422.dcm',
  'robyoung-dicom-test-files/SC_rgb_jpeg_gdcm.dcm',
  'pydicom-data/JLSN_RGB_ILV0.dcm',
  'pydicom-data/US1_J2KI.dcm',
  'pydicom-data/HTJ2K_08_RGB.dcm',
  'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm',
  'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm',
  'wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm',
];
const CODES: readonly DicomErrorCode[] = [
  'not-dicom',
  'truncated',
  'unsupported-transfer-syntax',
  'unsupported-image',
  'no-pixel-data',
  'inconsistent-sizes',
  'decode-failed',
  'frame-out-of-range',
];

describe('fuzz: mutated fixtures decode or fail with a typed error, never throw or hang', () => {
  const stray: unknown[] = [];
  const onStray = (e: unknown) => stray.push(e);
  beforeAll(() => {
    process.on('uncaughtException', onStray);
    process.on('unhandledRejection', onStray);
  });
  afterAll(() => {
    process.off('uncaughtException', onStray);
    process.off('unhandledRejection', onStray);
  });

  it(`${CASES} mutants`, { timeout: 600_000 }, async () => {
    const codecs = createNodeCodecs();
    const sources = SOURCES.map((p) => {
      const bytes = new Uint8Array(readFileSync(join(fixturesDir, p)));
      return { p, bytes, fields: lengthFields(bytes) };
    });
    // Unmutated, every source opens and its first frame decodes: the mutants start from working files.
    for (const s of sources) {
      const o = openDicom(s.bytes, { fileName: s.p });
      expect(o.ok && (await decodeFrame(o.value, 0, codecs)).ok, s.p).toBe(true);
    }
    const r = rng(20261127);
    const stats = { opened: 0, framesDecoded: 0, typedErrors: 0, uncaught: 0, slowest: 0 };
    const byCode = new Map<string, number>();
    const failures: string[] = [];
    for (let c = 0; c < CASES; c++) {
      const src = sources[c % sources.length]!;
      const { bytes, kind } = mutate(src.bytes, src.fields, r);
      const t0 = performance.now();
      try {
        const o = openDicom(bytes, { fileName: `mutant-${c}.dcm` });
        if (!o.ok) {
          stats.typedErrors++;
          byCode.set(o.error.code, (byCode.get(o.error.code) ?? 0) + 1);
          // A clear message: a known code, and the file named first (what the user sees).
          if (!CODES.includes(o.error.code) || !o.error.message.startsWith(`mutant-${c}.dcm: `) || o.error.fileName !== `mutant-${c}.dcm`) {
            failures.push(`case ${c} (${src.p}, ${kind}): bad error ${JSON.stringify(o.error)}`);
          }
        } else {
          stats.opened++;
          const img = o.value;
          const frames = new Set([0, 1, img.availableFrames - 1, img.frameCount - 1]);
          for (const f of frames) {
            if (f < 0 || f >= img.frameCount) continue;
            const d = await decodeFrame(img, f, codecs);
            if (d.ok) stats.framesDecoded++;
            else {
              stats.typedErrors++;
              byCode.set(d.error.code, (byCode.get(d.error.code) ?? 0) + 1);
              if (!CODES.includes(d.error.code) || !d.error.message.startsWith(`mutant-${c}.dcm: `)) failures.push(`case ${c}: unclear decode error ${JSON.stringify(d.error)}`);
            }
          }
        }
      } catch (e) {
        stats.uncaught++;
        failures.push(`case ${c} (${src.p}, ${kind}): threw ${e instanceof Error ? e.stack : String(e)}`);
      }
      const ms = performance.now() - t0;
      stats.slowest = Math.max(stats.slowest, ms);
      if (ms > LIMIT_MS) failures.push(`case ${c} (${src.p}, ${kind}) took ${ms.toFixed(0)} ms`);
    }
    console.log(
      `fuzz: ${CASES} mutants of ${sources.length} fixtures: ${stats.opened} opened, ${stats.framesDecoded} frames decoded, ` +
        `${stats.typedErrors} typed errors (${[...byCode].map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
        `${stats.uncaught} uncaught exceptions, ${stray.length} stray errors, slowest case ${stats.slowest.toFixed(0)} ms (limit ${LIMIT_MS} ms)`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(stats.uncaught).toBe(0);
    expect(stray).toEqual([]);
    // The mutants must exercise both paths and many kinds of damage, or the test proves nothing.
    expect(stats.opened).toBeGreaterThan(CASES / 4);
    expect(stats.opened).toBeLessThan(CASES);
    expect(stats.framesDecoded).toBeGreaterThan(CASES / 4);
    expect(stats.typedErrors).toBeGreaterThan(CASES / 10);
    for (const code of ['truncated', 'decode-failed', 'inconsistent-sizes', 'not-dicom']) expect(byCode.get(code) ?? 0, code).toBeGreaterThan(10);
  });
});
