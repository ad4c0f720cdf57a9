/**
 * Synthetic clips with burned-in text, for the de-identification tests and `npm run bench:deid`:
 * speckle that moves from frame to frame inside one ultrasound region, and annotation lines drawn
 * with the 6×13 bitmap font of core/notes/font6x13.ts (the X11 "fixed" font, public domain) — above
 * the region as scanners do, and optionally inside it. All names and numbers are invented.
 */
import { forEachTextPixel } from '../../notes/font6x13';
import { createRng, fillNormal } from './prng';

/** A rectangle [x0, x1) × [y0, y1), px. */
export interface TextClipRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One burned-in line of text. */
export interface BurnedLine {
  text: string;
  /** Top-left, px. */
  x: number;
  y: number;
  /** Integer enlargement of the 6×13 font. Default 1. */
  scale?: number;
  /** Grey level 0–255. Default 235. */
  value?: number;
  /** First frame showing the line (default 0). */
  fromFrame?: number;
}

export interface BurnedTextClip {
  columns: number;
  rows: number;
  frames: number;
  /** The ultrasound region (speckle inside, black outside). */
  region: TextClipRect;
  lines: readonly BurnedLine[];
  seed: string;
}

/** Draw `text` into an 8-bit grey image (characters missing from the font are drawn as `?`). */
export function drawText(img: Uint8Array, width: number, height: number, line: BurnedLine): void {
  const scale = line.scale ?? 1;
  const value = line.value ?? 235;
  forEachTextPixel(line.text, scale, (dx, dy) => {
    const x = line.x + dx;
    const y = line.y + dy;
    if (x >= 0 && x < width && y >= 0 && y < height) img[y * width + x] = value;
  });
}

/**
 * A frame function for the clip: 8-bit MONOCHROME2, rows × columns. Speckle (Rayleigh-like, mean
 * grey ≈ 70, smoothed over 3 × 2 px) scrolls by 2 rows per frame inside the region.
 */
export function burnedTextFrames(clip: BurnedTextClip): (index: number) => Uint8Array {
  const { columns: w, rows: h, region: r } = clip;
  const rw = r.x1 - r.x0;
  const rh = r.y1 - r.y0;
  const tall = rh * 2;
  const n1 = new Float32Array(rw * tall);
  const n2 = new Float32Array(rw * tall);
  const rng = createRng(clip.seed);
  fillNormal(rng, n1);
  fillNormal(rng, n2);
  const tex = new Uint8Array(rw * tall);
  for (let y = 0; y < tall; y++) {
    for (let x = 0; x < rw; x++) {
      let s = 0;
      for (const [dx, dy] of [[-1, 0], [0, 0], [1, 0], [-1, 1], [0, 1], [1, 1]] as const) {
        const xx = Math.min(rw - 1, Math.max(0, x + dx));
        const yy = Math.min(tall - 1, y + dy);
        const i = yy * rw + xx;
        s += Math.hypot(n1[i]!, n2[i]!);
      }
      tex[y * rw + x] = Math.min(255, Math.round((s / 6) * 56));
    }
  }
  return (index) => {
    const img = new Uint8Array(w * h);
    const shift = (index * 2) % rh;
    for (let y = 0; y < rh; y++) {
      const atten = 1 - (0.5 * y) / rh;
      const src = (y + shift) * rw;
      const dst = (r.y0 + y) * w + r.x0;
      for (let x = 0; x < rw; x++) img[dst + x] = Math.round(tex[src + x]! * atten);
    }
    for (const line of clip.lines) if (index >= (line.fromFrame ?? 0)) drawText(img, w, h, line);
    return img;
  };
}

/** Invented identifying values used by the tests and the benchmark (no real person). */
export const SYNTHETIC_PHI = {
  patientName: 'KOWALSKI^ANNA',
  patientId: 'PID48213579',
  birthDate: '19750314',
  birthDateShown: '14/03/1975',
  institution: 'ST MARY HOSPITAL',
  operator: 'NOWAK^PIOTR',
  accession: 'ACC99812',
} as const;

/**
 * The usual layout: name, ID and date of birth in the top band, hospital and operator under them,
 * and the surname again inside the region (`inside: true`).
 */
export function burnedTextLines(opts: { inside: boolean; region: TextClipRect }): BurnedLine[] {
  const p = SYNTHETIC_PHI;
  const lines: BurnedLine[] = [
    { text: `${p.patientName}   ID ${p.patientId}   DOB ${p.birthDateShown}`, x: 8, y: 6 },
    { text: `${p.institution}   OP NOWAK`, x: 8, y: 24 },
  ];
  if (opts.inside) lines.push({ text: 'KOWALSKI', x: opts.region.x0 + 20, y: opts.region.y0 + 30, scale: 2, value: 255 });
  return lines;
}
