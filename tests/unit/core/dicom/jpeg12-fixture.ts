/**
 * A 12-bit lossy JPEG (JPEG Extended, 1.2.840.10008.1.2.4.51) test file, made here because the shared
 * fixtures have none: a 12-bit MONOCHROME2 clip (Bits Allocated 16, Bits Stored 12) written
 * uncompressed with the test DICOM writer, then compressed by DCMTK `dcmcjpeg +ee` (extended
 * sequential, lossy, 12 bits/sample) and decompressed again by DCMTK `dcmdjpeg` as the independent
 * reference. Everything lives in a temporary folder (never in the repository).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDicom, imageElements } from './build';

export const J12_WIDTH = 173; // not a multiple of 8 or 16: partial blocks on the right and bottom edges
export const J12_HEIGHT = 131;
export const J12_FRAMES = 4;
export const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';

/** The original 12-bit samples (0–4095) of frame `f`: gradient, hard-edged checkerboard, noise, rings. */
export function originalFrame(f: number): Uint16Array {
  const W = J12_WIDTH;
  const H = J12_HEIGHT;
  const out = new Uint16Array(W * H);
  let seed = 0x2f6e2b1 + f;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v: number;
      if (f === 0) v = Math.round(((x / (W - 1) + y / (H - 1)) / 2) * 4095);
      else if (f === 1) v = (((x + 3) >> 3) + ((y + 5) >> 3)) % 2 ? 4095 : 0; // squares straddle the 8×8 blocks
      else if (f === 2) v = Math.floor(rnd() * 4096);
      else v = Math.round(2048 + 2047 * Math.cos(Math.hypot(x - W / 3, y - H / 2) / 5));
      out[y * W + x] = v;
    }
  }
  return out;
}

export interface Jpeg12Files {
  dir: string;
  /** Uncompressed explicit VR little endian source. */
  raw: string;
  /** `dcmcjpeg +ee` output (JPEG Extended, 12-bit). */
  jpeg: string;
  /** `dcmdjpeg` of `jpeg` (DCMTK's decode, uncompressed). */
  ref: string;
  /** DCMTK's decoded stored values, all frames (from `dcmdump +W` of `ref`). */
  refSamples: Uint16Array;
  cleanup(): void;
}

/** The pixel data element's value written by `dcmdump +W` (the largest element of the file). */
export function dumpedPixelData(file: string): Uint8Array {
  const w = mkdtempSync(join(tmpdir(), 'bp-j12-dump-'));
  try {
    execFileSync('dcmdump', ['-q', '+W', w, file], { stdio: 'ignore' });
    const biggest = readdirSync(w)
      .map((n) => readFileSync(join(w, n)))
      .sort((a, b) => b.length - a.length)[0];
    if (!biggest) throw new Error(`dcmdump +W wrote nothing for ${file}`);
    return new Uint8Array(biggest);
  } finally {
    rmSync(w, { recursive: true, force: true });
  }
}

/** Build the files (needs DCMTK: dcmcjpeg, dcmdjpeg, dcmdump). */
export function makeJpeg12Files(): Jpeg12Files {
  const dir = mkdtempSync(join(tmpdir(), 'bp-jpeg12-'));
  const n = J12_WIDTH * J12_HEIGHT;
  const pixels = new Uint16Array(n * J12_FRAMES);
  for (let f = 0; f < J12_FRAMES; f++) pixels.set(originalFrame(f), f * n);
  const bytes = buildDicom([
    ...imageElements({ rows: J12_HEIGHT, columns: J12_WIDTH, pi: 'MONOCHROME2', bits: 16, stored: 12, frames: J12_FRAMES }),
    // A fixed instance UID (and `+un` below) keeps the compressed file identical from run to run.
    { tag: 0x00080018, vr: 'UI', value: '1.2.826.0.1.3680043.10.1234.12.1' },
    { tag: 0x00181063, vr: 'DS', value: '40' },
    { tag: 0x7fe00010, vr: 'OW', bytes: new Uint8Array(pixels.buffer) },
  ]);
  const raw = join(dir, 'mono12-raw.dcm');
  const jpeg = join(dir, 'mono12-jpeg-extended.dcm');
  const ref = join(dir, 'mono12-dcmdjpeg.dcm');
  writeFileSync(raw, bytes);
  execFileSync('dcmcjpeg', ['+ee', '+un', raw, jpeg]);
  execFileSync('dcmdjpeg', [jpeg, ref]);
  const d = dumpedPixelData(ref);
  if (d.length !== n * J12_FRAMES * 2) throw new Error(`dcmdjpeg output has ${d.length} pixel bytes, expected ${n * J12_FRAMES * 2}`);
  const refSamples = new Uint16Array(d.buffer, d.byteOffset, n * J12_FRAMES);
  return { dir, raw, jpeg, ref, refSamples, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const J12C_WIDTH = 75;
export const J12C_HEIGHT = 53;

/**
 * Original 12-bit RGB samples (interleaved): ramps in R, G and B (smooth chroma, so 4:2:2 chroma
 * subsampling loses little) with a grey 8-pixel checkerboard added to all three (luma edges).
 */
export function originalColourFrame(): Uint16Array {
  const W = J12C_WIDTH;
  const H = J12C_HEIGHT;
  const out = new Uint16Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const edge = ((x >> 3) + (y >> 3)) % 2 ? 600 : 0;
      out[i] = Math.round((x / (W - 1)) * 3495) + edge;
      out[i + 1] = Math.round((y / (H - 1)) * 3495) + edge;
      out[i + 2] = Math.round((1 - (x + y) / (W + H - 2)) * 3495) + edge;
    }
  }
  return out;
}

export interface Jpeg12ColourFile {
  /** `dcmcjpeg +ee` output: `ybr` = default (YCbCr, 4:2:2, YBR_FULL_422), `rgb` = `+cr` (no colour transform). */
  jpeg: string;
  /** `dcmdjpeg` of `jpeg`. */
  ref: string;
  /** DCMTK's decoded RGB samples (interleaved, 12-bit). */
  refSamples: Uint16Array;
}

/** 12-bit colour JPEG Extended files (RGB, Bits Allocated 16, Bits Stored 12), in `dir`. */
export function makeJpeg12ColourFiles(dir: string): { ybr: Jpeg12ColourFile; rgb: Jpeg12ColourFile } {
  const raw = join(dir, 'rgb12-raw.dcm');
  writeFileSync(
    raw,
    buildDicom([
      ...imageElements({ rows: J12C_HEIGHT, columns: J12C_WIDTH, spp: 3, planar: 0, pi: 'RGB', bits: 16, stored: 12, frames: 1 }),
      { tag: 0x00080018, vr: 'UI', value: '1.2.826.0.1.3680043.10.1234.12.2' },
      { tag: 0x7fe00010, vr: 'OW', bytes: new Uint8Array(originalColourFrame().buffer) },
    ]),
  );
  const make = (name: string, opts: string[]): Jpeg12ColourFile => {
    const jpeg = join(dir, `rgb12-${name}.dcm`);
    const ref = join(dir, `rgb12-${name}-dcmdjpeg.dcm`);
    execFileSync('dcmcjpeg', ['+ee', '+un', ...opts, raw, jpeg]);
    execFileSync('dcmdjpeg', [jpeg, ref], { stdio: 'ignore' });
    const d = dumpedPixelData(ref);
    return { jpeg, ref, refSamples: new Uint16Array(d.buffer, d.byteOffset, d.length / 2) };
  };
  return { ybr: make('ybr', []), rgb: make('rgb', ['+cr']) };
}
