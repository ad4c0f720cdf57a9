/**
 * DICOM leniency, always with a warning (issue 12 items 16–18): files that GDCM or pydicom read
 * although they break the standard are read too, and the user is told what was wrong.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFrame, openDicom, type DicomImage } from '../../../../core/dicom/index';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { buildDicom, dataSetOf, imageElements, rleFrame, withFileMeta, type El } from './build';
import { fixturesDir, requireTools } from './reference';

const codecs = createNodeCodecs();
const PIXEL = 0x7fe00010;
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const tmp = mkdtempSync(join(tmpdir(), 'bp-lenient-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function open(bytes: Uint8Array, fileName = 'x.dcm'): DicomImage {
  const o = openDicom(bytes, { fileName });
  if (!o.ok) throw new Error(`${o.error.code}: ${o.error.message}`);
  return o.value;
}

async function frames(img: DicomImage): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < img.availableFrames; i++) {
    const d = await decodeFrame(img, i, codecs);
    if (!d.ok) throw new Error(d.error.message);
    out.push(Array.from(d.value.kind === 'gray' ? d.value.pixels : d.value.rgba));
  }
  return out;
}

function write(name: string, bytes: Uint8Array): string {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
}

/** Pixel Data bytes as GDCM reads them (`gdcmconv --raw` writes a conformant file; dcmdump prints its value). */
function gdcmPixelBytes(file: string): number[] {
  const out = join(tmp, `gdcm-${Math.random().toString(36).slice(2)}.dcm`);
  execFileSync('gdcmconv', ['--raw', file, out]);
  const dump = execFileSync('dcmdump', ['+L', '+P', '7fe0,0010', out], { encoding: 'utf8' });
  const hex = /\)\s+O[BW]\s+([0-9a-f\\]+)/.exec(dump)?.[1];
  if (!hex) throw new Error(`no pixel data in dcmdump output: ${dump}`);
  return hex.split('\\').map((h) => parseInt(h, 16));
}

const IMPLICIT_WARNING = /written in implicit VR although the File Meta names (.+) \(a writer bug\); it is read as implicit VR/;

describe('item 16: a data set in implicit VR under an explicit-VR transfer syntax', () => {
  const els: El[] = [
    ...imageElements({ rows: 4, columns: 4, pi: 'MONOCHROME2', frames: 2 }),
    { tag: 0x00081030, vr: 'LO', value: 'Interscalene' },
    { tag: PIXEL, vr: 'OB', bytes: Uint8Array.from({ length: 32 }, (_, i) => i * 7) },
  ];

  it('native pixels: read as implicit VR with a warning; pixels equal what was written and what GDCM reads', async () => {
    requireTools(['gdcmconv', 'dcmdump']);
    const bytes = buildDicom(els, { implicit: true, transferSyntax: EXPLICIT_LE });
    const img = open(bytes);
    expect(img.warnings.find((w) => IMPLICIT_WARNING.test(w))).toMatch(/names Explicit VR Little Endian/);
    expect(img.meta.transferSyntaxUid).toBe(EXPLICIT_LE);
    expect([img.meta.rows, img.meta.columns, img.frameCount, img.availableFrames]).toEqual([4, 4, 2, 2]);
    expect(img.meta.studyDescription).toBe('Interscalene');
    const px = await frames(img);
    expect(px.flat()).toEqual(Array.from({ length: 32 }, (_, i) => i * 7));
    expect(px.flat()).toEqual(gdcmPixelBytes(write('implicit-under-explicit.dcm', bytes)));
  });

  it('encapsulated (RLE) pixels under the same bug decode too, equal to GDCM', async () => {
    requireTools(['gdcmconv', 'dcmdump']);
    const plane = Uint8Array.from({ length: 16 }, (_, i) => 200 - i * 9);
    const rle = buildDicom([...imageElements({ rows: 4, columns: 4, pi: 'MONOCHROME2' }), { tag: PIXEL, vr: 'ENCAP', bot: [0], fragments: [rleFrame([plane])] }], {
      implicit: true,
      transferSyntax: '1.2.840.10008.1.2.5',
    });
    const img = open(rle);
    expect(img.warnings.find((w) => IMPLICIT_WARNING.test(w))).toMatch(/names RLE Lossless/);
    const px = await frames(img);
    expect(px[0]).toEqual(Array.from(plane));
    expect(px[0]).toEqual(gdcmPixelBytes(write('implicit-under-rle.dcm', rle)));
  });

  it('a real clip re-encoded implicit (gdcmconv --implicit) under an explicit File Meta decodes exactly as the original', async () => {
    requireTools(['gdcmconv']);
    const src = join(fixturesDir, 'pydicom-data/SC_rgb_2frame.dcm');
    const implicitFile = join(tmp, 'sc-implicit.dcm');
    execFileSync('gdcmconv', ['--implicit', src, implicitFile]);
    const bug = withFileMeta(dataSetOf(new Uint8Array(readFileSync(implicitFile))), EXPLICIT_LE);
    const img = open(bug);
    expect(img.warnings.some((w) => IMPLICIT_WARNING.test(w))).toBe(true);
    expect(await frames(img)).toEqual(await frames(open(new Uint8Array(readFileSync(src)))));
  });

  it('the reverse bug (explicit VR under Implicit VR Little Endian) is read as explicit, with a warning', async () => {
    const img = open(buildDicom(els, { transferSyntax: '1.2.840.10008.1.2' }));
    expect(img.warnings).toContain('The data set is written in explicit VR although the File Meta names Implicit VR Little Endian (a writer bug); it is read as explicit VR.');
    expect((await frames(img)).flat()).toEqual(Array.from({ length: 32 }, (_, i) => i * 7));
  });

  it('a conformant file gets no such warning', () => {
    expect(open(buildDicom(els)).warnings.filter((w) => /writer bug/.test(w))).toEqual([]);
    expect(open(buildDicom(els, { implicit: true })).warnings.filter((w) => /writer bug/.test(w))).toEqual([]);
  });
});

/** Set the 32-bit length of the last Pixel Data element (explicit VR OB/OW) of a Part 10 file. */
function setPixelDataLength(bytes: Uint8Array, length: number): Uint8Array {
  const b = bytes.slice();
  for (let i = b.length - 12; i >= 132; i--) {
    if (b[i] === 0xe0 && b[i + 1] === 0x7f && b[i + 2] === 0x10 && b[i + 3] === 0x00 && b[i + 4] === 0x4f) {
      new DataView(b.buffer).setUint32(i + 8, length, true);
      return b;
    }
  }
  throw new Error('no Pixel Data element');
}

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: tmp };
}

describe('item 18: Pixel Data longer than the file while every frame is present', () => {
  const good = buildDicom([...imageElements({ rows: 4, columns: 4, pi: 'MONOCHROME2', frames: 2 }), { tag: PIXEL, vr: 'OB', bytes: Uint8Array.from({ length: 32 }, (_, i) => 255 - i) }]);
  const long = setPixelDataLength(good, 32 + 1000);

  it('opens with every frame and a warning that says what is wrong (not "extra bytes ignored" nor a generic "ends early")', async () => {
    const img = open(long);
    expect(img.availableFrames).toBe(2);
    expect(img.warnings).toContain('Pixel Data declares 1032 bytes but the file ends after 32; all 2 frame(s) are present and shown.');
    expect(img.warnings.filter((w) => /extra bytes|ends early/.test(w))).toEqual([]);
    expect(await frames(img)).toEqual(await frames(open(good)));
  });

  it('when frames are missing too, the warning says the file ends early and how many frames are missing', () => {
    const cut = long.subarray(0, long.length - 10); // frame 2 cut
    const img = open(cut);
    expect(img.availableFrames).toBe(1);
    expect(img.warnings).toContain('Pixel Data declares 1032 bytes but the file ends after 22.');
    expect(img.warnings).toContain('1 of 2 frames are missing (the file is incomplete); 1 can be shown.');
  });

  it('CLI: frames and inspect succeed and print one "warning: <file>: …" line on stderr', async () => {
    const f = write('long.dcm', long);
    const io = capture();
    expect(await main(['frames', f, '--out', join(tmp, 'long-out')], io)).toBe(0);
    expect(readdirSync(join(tmp, 'long-out')).sort()).toEqual(['frame-0000.png', 'frame-0001.png']);
    expect(io.stderr).toContain(`warning: ${f}: Pixel Data declares 1032 bytes but the file ends after 32; all 2 frame(s) are present and shown.`);
    const io2 = capture();
    expect(await main(['inspect', f], io2)).toBe(0);
    expect(io2.stderr.filter((l) => /Pixel Data declares/.test(l))).toEqual([`warning: ${f}: Pixel Data declares 1032 bytes but the file ends after 32; all 2 frame(s) are present and shown.`]);
  });

  it('a real clip whose Pixel Data length is 4096 bytes too long decodes exactly as the original, with the warning', async () => {
    const src = new Uint8Array(readFileSync(join(fixturesDir, 'pydicom-data/SC_rgb_2frame.dcm')));
    const img = open(src);
    const n = img.pixel.kind === 'native' ? img.pixel.data.length : 0;
    expect(n).toBe(100 * 100 * 3 * 2);
    const bad = open(setPixelDataLength(src, n + 4096));
    expect(bad.warnings).toContain(`Pixel Data declares ${n + 4096} bytes but the file ends after ${n}; all 2 frame(s) are present and shown.`);
    expect(await frames(bad)).toEqual(await frames(img));
  });
});

/** The 8-bit RGB PPM DCMTK displays (dcm2pnm, no VOI for colour), after dcmdrle decompresses the RLE. */
function dcmtkRgb(file: string): { samples: number[]; pixels: number[] } {
  const raw = join(tmp, `drle-${Math.random().toString(36).slice(2)}.dcm`);
  execFileSync('dcmdrle', [file, raw]);
  const dump = execFileSync('dcmdump', ['+L', '+P', '7fe0,0010', raw], { encoding: 'utf8' });
  const words = /\)\s+O[BW]\s+([0-9a-f\\]+)/.exec(dump)![1]!.split('\\');
  // dcmdump prints OB as bytes, OW as 16-bit words; 32-bit samples little endian either way.
  const bytes = words[0]!.length === 2 ? words.map((h) => parseInt(h, 16)) : words.flatMap((h) => [parseInt(h, 16) & 0xff, parseInt(h, 16) >> 8]);
  const samples: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) samples.push((bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16)) + bytes[i + 3]! * 2 ** 24);
  const ppm = join(tmp, `ppm-${Math.random().toString(36).slice(2)}.ppm`);
  execFileSync('dcm2pnm', ['--write-raw-pnm', raw, ppm]);
  const b = readFileSync(ppm);
  // Header: P6\n<w> <h>\n<max>\n
  let nl = 0;
  let at = 0;
  while (nl < 3) if (b[at++] === 0x0a) nl++;
  return { samples, pixels: Array.from(b.subarray(at)) };
}

describe('item 17: 32-bit colour samples', () => {
  const W = 3;
  const H = 2;
  // Values across the whole 32-bit range, so the scaling to 8 bits is visible in every byte.
  const rgb = Array.from({ length: W * H * 3 }, (_, i) => (((i * 0x2f1b3c5d) >>> 0) ^ (i << 28)) >>> 0);
  /** 12 byte planes in PS3.5 G.2 order: per sample, most significant byte first. */
  const planes = Array.from({ length: 12 }, (_, s) => {
    const sample = Math.floor(s / 4);
    const shift = 24 - 8 * (s % 4);
    return Uint8Array.from({ length: W * H }, (_, p) => (rgb[p * 3 + sample]! >>> shift) & 0xff);
  });
  const els = (pixel: El): El[] => [...imageElements({ rows: H, columns: W, spp: 3, pi: 'RGB', bits: 32, planar: 0 }), pixel];

  it('RLE: decoded samples equal DCMTK (dcmdrle), display equals dcm2pnm within ±1', async () => {
    requireTools(['dcmdrle', 'dcmdump', 'dcm2pnm']);
    const file = buildDicom(els({ tag: PIXEL, vr: 'ENCAP', bot: [0], fragments: [rleFrame(planes)] }), { transferSyntax: '1.2.840.10008.1.2.5' });
    const img = open(file);
    expect([img.meta.bitsAllocated, img.meta.samplesPerPixel]).toEqual([32, 3]);
    const ref = dcmtkRgb(write('rgb32-rle.dcm', file));
    expect(ref.samples).toEqual(rgb);
    const d = await decodeFrame(img, 0, codecs);
    if (!d.ok || d.value.kind !== 'rgb') throw new Error('not decoded as colour');
    const ours = Array.from(d.value.rgba).filter((_, i) => i % 4 !== 3);
    expect(ours).toEqual(rgb.map((v) => Math.round((v * 255) / 0xffffffff)));
    expect(Math.max(...ours.map((v, i) => Math.abs(v - ref.pixels[i]!)))).toBeLessThanOrEqual(1);
  });

  it('native 32-bit RGB decodes the same', async () => {
    const bytes = new Uint8Array(rgb.length * 4);
    rgb.forEach((v, i) => new DataView(bytes.buffer).setUint32(i * 4, v, true));
    const d = await decodeFrame(open(buildDicom(els({ tag: PIXEL, vr: 'OB', bytes }))), 0, codecs);
    if (!d.ok || d.value.kind !== 'rgb') throw new Error('not decoded as colour');
    expect(Array.from(d.value.rgba).filter((_, i) => i % 4 !== 3)).toEqual(rgb.map((v) => Math.round((v * 255) / 0xffffffff)));
  });
});
