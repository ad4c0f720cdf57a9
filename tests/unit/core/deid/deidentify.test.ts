/**
 * The de-identification workflow end to end on generated clips with burned-in text (name, ID, date
 * of birth, hospital in the top band; the surname inside the region): the outputs pass dciodvfy, the
 * header carries the method, Debian's tesseract (an OCR independent of tesseract.js' build and of our
 * line preparation) reads the burned-in words in the input and none in the output, and DCMTK's decode
 * of the RLE output equals our decode of the input everywhere outside the masks (lossless).
 * Small clips (320 × 240, 2–3 frames): OCR is slow on the shared 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deidentify, type DeidentifyPorts } from '../../../../core/app/deidentify';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { createNodeOcr, type NodeOcrEngine } from '../../../../core/cli/ocr-node';
import { decodeFrame, openDicom } from '../../../../core/dicom/index';
import { readRawDataset, textOf } from '../../../../core/deid/dataset';
import type { Rect } from '../../../../core/deid/text-detect';
import { SYNTHETIC_PHI } from '../../../../core/samples/synth/burned-text';
import { makePhiClip } from '../../../support/deid-clip';
import { dicomFixturesDir } from '../../../support/shared';

const tmp = mkdtempSync(join(tmpdir(), 'bp-deid-'));
let ocr: NodeOcrEngine;
const codecs = createNodeCodecs();
beforeAll(async () => {
  ocr = await createNodeOcr();
}, 120_000);
afterAll(async () => {
  await ocr?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function ports(out: Map<string, Uint8Array>): DeidentifyPorts {
  return {
    codecs,
    ocr,
    randomBytes: (n) => new Uint8Array(n).map((_, i) => (i * 37 + 11) & 0xff),
    write: async (name, bytes) => void out.set(name, bytes),
  };
}

/** Frame `i` of a file as 8-bit grey, decoded by DCMTK (dcm2pnm handles RLE and JPEG). */
function dcmtkFrame(file: string, i: number, w: number, h: number): Uint8Array {
  const base = join(tmp, `f-${Math.random().toString(36).slice(2)}`);
  execFileSync('dcm2pnm', ['--frame', String(i + 1), '+op', file, `${base}.pgm`]);
  const b = readFileSync(`${base}.pgm`);
  const px = b.subarray(b.length - w * h);
  return new Uint8Array(px);
}

/**
 * Debian tesseract on a frame enlarged 3× (nearest neighbour) and inverted to dark text on white —
 * written here, independently of core/deid/ocr.ts — returning the upper-cased text.
 */
function debianTesseract(grey: Uint8Array, w: number, h: number): string {
  const S = 3;
  const big = new Uint8Array(w * S * h * S);
  for (let y = 0; y < h * S; y++) for (let x = 0; x < w * S; x++) big[y * w * S + x] = grey[Math.floor(y / S) * w + Math.floor(x / S)]! >= 150 ? 0 : 255;
  const file = join(tmp, `t-${Math.random().toString(36).slice(2)}.pgm`);
  writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${w * S} ${h * S}\n255\n`), Buffer.from(big)]));
  return execFileSync('tesseract', [file, 'stdout', '--psm', '11'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).toUpperCase();
}

const inMask = (masks: readonly Rect[], x: number, y: number) => masks.some((r) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1);

describe('deidentify (core/app)', () => {
  it('masks burned-in text, writes a valid de-identified file, keeps the region lossless', async () => {
    const clip = await makePhiClip({ frames: 2, extra: [{ tag: 0x00201040, vr: 'LO', value: '' }] });
    const out = new Map<string, Uint8Array>();
    const r = await deidentify({ files: [{ name: 'in.dcm', bytes: clip.bytes }], mask: 'auto' }, ports(out));
    if (!r.ok) throw new Error(`${r.error.title}\n${r.error.detail}`);
    const rep = r.value.files[0]!;
    const bytes = out.get(rep.output)!;
    const outFile = join(tmp, 'out.dcm');
    writeFileSync(outFile, bytes);

    // dciodvfy: no errors (warnings about DICOMDIR fields emptied by the profile are expected).
    const v = execFileSync('sh', ['-c', `dciodvfy "${outFile}" 2>&1 || true`], { encoding: 'utf8' });
    expect(v.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);

    // Header: method, flags, no identifying value, new UIDs.
    const ds = readRawDataset(bytes).elements;
    const t = (tag: number) => textOf(ds.find((e) => e.tag === tag));
    expect(t(0x00120062)).toBe('YES');
    expect(t(0x00280301)).toBe('NO');
    const codes = ds.find((e) => e.tag === 0x00120064)!.items!.map((it) => textOf(it.find((e) => e.tag === 0x00080100)));
    expect(codes).toEqual(['113100', '113101']);
    expect(t(0x00100010) ?? '').toBe('');
    expect(t(0x00080018)).not.toBe(clip.sopInstanceUid);
    expect(t(0x0020000d)).not.toBe(clip.studyInstanceUid);
    const latin = Buffer.from(bytes).toString('latin1');
    for (const v of ['KOWALSKI', SYNTHETIC_PHI.patientId, SYNTHETIC_PHI.institution, SYNTHETIC_PHI.accession, 'NOWAK', 'SN7741902', '20240502', '19750314']) expect(latin.includes(v), v).toBe(false);
    expect(rep.transferSyntaxUid).toBe('1.2.840.10008.1.2.5');

    // OCR found the words (tesseract.js), and masks cover the band and the word inside the region.
    const words = new Set(rep.text.words.map((w) => w.text));
    for (const w of ['HOSPITAL', 'KOWALSKI', '14/03/1975']) expect(words.has(w), w).toBe(true);
    expect(rep.masks.some((m) => m.y0 > clip.region.y0 && m.x0 >= clip.region.x0)).toBe(true);

    // Debian tesseract reads the words on the input, none on the output.
    const inOpened = openDicom(clip.bytes);
    if (!inOpened.ok) throw new Error('input');
    const W = 320;
    const H = 240;
    const first = await decodeFrame(inOpened.value, 0, codecs);
    if (!first.ok || first.value.kind !== 'gray') throw new Error('decode');
    const before = debianTesseract(new Uint8Array(first.value.pixels), W, H);
    const burned = ['KOWALSKI', 'HOSPITAL', '1975', 'PID48213579', 'NOWAK'];
    expect(burned.filter((b) => before.includes(b)).length).toBeGreaterThanOrEqual(3);
    for (let f = 0; f < 2; f++) {
      const after = debianTesseract(dcmtkFrame(outFile, f, W, H), W, H);
      for (const b of [...burned, 'MARY', 'ANNA']) expect(after.includes(b), `frame ${f}: ${b} in ${after}`).toBe(false);
    }

    // Lossless: outside the masks, DCMTK's decode of the output equals our decode of the input.
    for (let f = 0; f < 2; f++) {
      const src = await decodeFrame(inOpened.value, f, codecs);
      if (!src.ok || src.value.kind !== 'gray') throw new Error('decode');
      const dst = dcmtkFrame(outFile, f, W, H);
      let diff = 0;
      let masked = 0;
      let regionPx = 0;
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const i = y * W + x;
          if (inMask(rep.masks, x, y)) {
            masked += dst[i] === 0 ? 0 : 1;
            continue;
          }
          if (x >= clip.region.x0 && x < clip.region.x1 && y >= clip.region.y0 && y < clip.region.y1) regionPx++;
          if (dst[i] !== src.value.pixels[i]) diff++;
        }
      expect(diff).toBe(0);
      expect(masked).toBe(0);
      // Above the region only text was drawn: with masks snapped to the JPEG block grid no ringing of
      // the glyphs is left outside them (it reached 7 of 255 below a 3 px pad before).
      let ring = 0;
      for (let y = 0; y < clip.region.y0 - 8; y++) for (let x = 0; x < W; x++) if (!inMask(rep.masks, x, y)) ring = Math.max(ring, dst[y * W + x]!);
      expect(ring).toBeLessThanOrEqual(1);
      expect(regionPx).toBeGreaterThan(0.9 * (clip.region.x1 - clip.region.x0) * (clip.region.y1 - clip.region.y0));
    }
  }, 180_000);

  it('stops the export and names the value when burned-in text is left (mask none)', async () => {
    const clip = await makePhiClip({ frames: 2, inside: false });
    const out = new Map<string, Uint8Array>();
    const r = await deidentify({ files: [{ name: 'in.dcm', bytes: clip.bytes }], mask: 'none' }, ports(out));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(out.size).toBe(0);
    expect(r.error.code).toBe('deid/phi-found');
    const attrs = new Set(r.error.hits.map((h) => h.attribute));
    for (const a of ['PatientName', 'PatientID', 'PatientBirthDate', 'InstitutionName']) expect(attrs.has(a), a).toBe(true);
    expect(r.error.detail).not.toContain('KOWALSKI');
  }, 180_000);

  it('stops the export when a retained attribute holds an identifying value (header bytes)', async () => {
    // Manufacturer is not in Table E.1-1, so the profile keeps it: the PHI check must catch the name.
    const clip = await makePhiClip({ frames: 1, inside: false, lines: [], extra: [{ tag: 0x00080070, vr: 'LO', value: 'KOWALSKI MEDICAL' }] });
    const out = new Map<string, Uint8Array>();
    const r = await deidentify({ files: [{ name: 'in.dcm', bytes: clip.bytes }], mask: 'none' }, ports(out));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(out.size).toBe(0);
    expect(r.error.hits).toContainEqual(expect.objectContaining({ attribute: 'PatientName', where: 'header' }));
  }, 180_000);

  it('maps UIDs consistently across the clips of one study and shifts their dates alike', async () => {
    const study = '1.2.826.0.1.3680043.10.1234.5';
    const a = await makePhiClip({ frames: 1, uidSeed: 'clip-a', studyUid: study, lines: [] });
    const b = await makePhiClip({ frames: 1, uidSeed: 'clip-b', studyUid: study, lines: [] });
    const key = new Uint8Array(32).fill(3);
    const run = async (k: Uint8Array) => {
      const out = new Map<string, Uint8Array>();
      const r = await deidentify({ files: [{ name: 'a.dcm', bytes: a.bytes }, { name: 'b.dcm', bytes: b.bytes }], mask: 'none', key: k, options: { retainLongitudinalModifiedDates: true } }, ports(out));
      if (!r.ok) throw new Error(r.error.detail);
      return r.value.files.map((f) => readRawDataset(out.get(f.output)!).elements);
    };
    const [da, db] = await run(key);
    const t = (els: typeof da, tag: number) => textOf(els!.find((e) => e.tag === tag));
    expect(t(da, 0x0020000d)).toBe(t(db, 0x0020000d));
    expect(t(da, 0x0020000d)).not.toBe(study);
    expect(t(da, 0x0020000e)).not.toBe(t(db, 0x0020000e));
    expect(t(da, 0x00080018)).not.toBe(t(db, 0x00080018));
    expect(t(da, 0x00200052)).toBe(t(db, 0x00200052)); // same original Frame of Reference UID
    // Dates: 20240502 shifted by one keyed offset in both, intervals kept (series = study date here).
    expect(t(da, 0x00080020)).toBe(t(db, 0x00080020));
    expect(t(da, 0x00080020)).not.toBe('20240502');
    expect(t(da, 0x00080021)).toBe(t(da, 0x00080020));
    expect(t(da, 0x00280303)).toBe('MODIFIED');
    // The same key gives the same UIDs again; another key gives others.
    const [again] = await run(key);
    expect(t(again, 0x0020000d)).toBe(t(da, 0x0020000d));
    const [other] = await run(new Uint8Array(32).fill(4));
    expect(t(other, 0x0020000d)).not.toBe(t(da, 0x0020000d));
  }, 180_000);

  it('real scanner files (GE with a burned-in name, Philips JPEG YBR 4:2:2, palette echo): no new dciodvfy error, text masked', async () => {
    const names = ['orthanc-tests/US_GE_PrivateTags_494APG9K.dcm', 'orthanc-tests/US_Philips-HDI5000_JPEGBaseline_YBR422_TS-1.2.840.10008.1.2.4.50.dcm', 'wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm'];
    const files = names.map((n) => ({ name: n.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(dicomFixturesDir(), n))) }));
    const out = new Map<string, Uint8Array>();
    const r = await deidentify({ files, mask: 'auto' }, ports(out));
    if (!r.ok) throw new Error(`${r.error.title}\n${r.error.detail}`);
    const errors = (file: string) => execFileSync('sh', ['-c', `dciodvfy "${file}" 2>&1 || true`], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('Error')).sort();
    for (const [i, f] of r.value.files.entries()) {
      const file = join(tmp, `real-${i}.dcm`);
      writeFileSync(file, out.get(f.output)!);
      const before = new Set(errors(join(dicomFixturesDir(), names[i]!)));
      expect(errors(file).filter((e) => !before.has(e)), names[i]).toEqual([]);
      expect(f.masks.length, names[i]).toBeGreaterThan(0);
      expect(f.burnedInAnnotation).toBe('NO');
    }
    // The GE clip's burned-in physician name was read and masked.
    expect(r.value.files[0]!.text.words.some((w) => /Giuseppe/i.test(w.text))).toBe(true);
  }, 300_000);

  it('JPEG-LS re-encoding (CharLS) decodes in DCMTK to the same pixels as the RLE output', async () => {
    const { loadJpegLsEncoder } = await import('../../../../core/cli/jpegls-node');
    const clip = await makePhiClip({ frames: 1, inside: false, lines: [] });
    const masks = [{ x0: 0, y0: 0, x1: 320, y1: 40 }];
    const run = async (encoder?: DeidentifyPorts['encoder']) => {
      const out = new Map<string, Uint8Array>();
      const r = await deidentify({ files: [{ name: 'in.dcm', bytes: clip.bytes, masks }], mask: 'none' }, { ...ports(out), ...(encoder ? { encoder } : {}) });
      if (!r.ok) throw new Error(r.error.detail);
      return { bytes: out.get(r.value.files[0]!.output)!, ts: r.value.files[0]!.transferSyntaxUid };
    };
    const rle = await run();
    const jls = await run(await loadJpegLsEncoder());
    expect(jls.ts).toBe('1.2.840.10008.1.2.4.80');
    expect(jls.bytes.length).toBeLessThan(rle.bytes.length);
    const fr = join(tmp, 'rle.dcm');
    const fj = join(tmp, 'jls.dcm');
    writeFileSync(fr, rle.bytes);
    writeFileSync(fj, jls.bytes);
    execFileSync('dcmdjpls', [fj, `${fj}.raw.dcm`]);
    expect(dcmtkFrame(`${fj}.raw.dcm`, 0, 320, 240)).toEqual(dcmtkFrame(fr, 0, 320, 240));
    const v = execFileSync('sh', ['-c', `dciodvfy "${fj}" 2>&1 || true`], { encoding: 'utf8' });
    expect(v.split('\n').filter((l) => l.startsWith('Error') && !/PositionReferenceIndicator/.test(l))).toEqual([]);
  }, 180_000);
});
