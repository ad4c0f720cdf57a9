/**
 * Simulated B-mode image of a probe plane, made from the plane's cross-section of the anatomy
 * (core/anatomy/section.ts). Teaching aid, not an acoustic simulation: each structure category has an
 * echogenicity and an attenuation (TISSUE below, labelled defaults), the beam accumulates attenuation
 * along its path (bone and air shadow everything behind them), surfaces between different tissues
 * reflect (bone and the pleura brightly), speckle is Rayleigh-distributed, vessels are anechoic and a
 * needle lying in the plane is drawn as a bright shaft with reverberation lines below it.
 *
 * Geometry: beams of a linear probe are parallel (image columns); a curvilinear probe's beams fan out
 * from the centre of curvature. Output pixels are isotropic, `mmPerPx` in both directions, the probe-face
 * centre at `originPx` — the calibration a saved clip carries. Units: mm, dB.
 */
import type { AtlasCategory } from '../anatomy/atlas-manifest';
import { DEFAULT_CURVILINEAR_RADIUS_MM, type PlanePoint, type ProbePose } from '../anatomy/plan3d';
import type { SectionContour } from '../anatomy/section';

/**
 * Echogenicity (relative backscatter, 1 = soft tissue) and attenuation (dB per mm of depth, two-way,
 * beyond what time-gain compensation removes) per category. Labelled defaults chosen for a legible
 * teaching image (no single source): bone and air (lung behind the pleura) stop the beam.
 */
export const TISSUE: Record<AtlasCategory | 'background' | 'air', { echo: number; attenDbPerMm: number; label: string }> = {
  background: { echo: 0.55, attenDbPerMm: 0, label: 'default: subcutaneous and connective tissue' },
  skin: { echo: 1.6, attenDbPerMm: 0, label: 'default: bright dermis' },
  muscle: { echo: 0.5, attenDbPerMm: 0.02, label: 'default: hypoechoic muscle' },
  organ: { echo: 0.8, attenDbPerMm: 0.02, label: 'default: solid organ parenchyma' },
  vessel: { echo: 0.01, attenDbPerMm: -0.05, label: 'default: anechoic blood, slight posterior enhancement' },
  nerve: { echo: 1.1, attenDbPerMm: 0, label: 'default: hyperechoic nerve' },
  ganglion: { echo: 0.9, attenDbPerMm: 0, label: 'default' },
  space: { echo: 0.35, attenDbPerMm: 0, label: 'default: fat-filled space, hypoechoic' },
  pleura: { echo: 0.6, attenDbPerMm: 0, label: 'default: the pleural sac (its surface is the bright line)' },
  bone: { echo: 0.05, attenDbPerMm: 6, label: 'default: cortex reflects, nothing passes' },
  air: { echo: 0.15, attenDbPerMm: 1.5, label: 'default: aerated lung, reverberation only' },
};

/** Paint order: later categories win where sections overlap (bone and vessels on top). */
const PRIORITY: (keyof typeof TISSUE)[] = ['background', 'skin', 'muscle', 'organ', 'space', 'pleura', 'air', 'ganglion', 'nerve', 'vessel', 'bone'];

export interface SimStructure {
  id: string;
  category: AtlasCategory | null;
  contours: readonly SectionContour[];
}

export interface BmodeOptions {
  columns: number;
  rows: number;
  /** Overall gain, dB (0 = default). */
  gainDb?: number;
  /** Displayed dynamic range, dB. */
  dynamicRangeDb?: number;
  /** Needle in plane coordinates (mm), drawn when given. */
  needle?: { entry: PlanePoint; tip: PlanePoint } | null;
  /** Seed of the speckle (frames of a clip use different seeds for a live image). */
  seed?: number;
}

export interface BmodeImage {
  columns: number;
  rows: number;
  /** 8-bit grey, row-major. */
  pixels: Uint8Array;
  /** Isotropic pixel size, mm. */
  mmPerPx: number;
  /** Pixel of the probe-face centre (plane origin). */
  originPx: { x: number; y: number };
}

/** Pixel size and origin that fit the probe's image into columns × rows. */
export function imageGeometry(pose: ProbePose, columns: number, rows: number): { mmPerPx: number; originPx: { x: number; y: number } } {
  const R = pose.radiusMm ?? DEFAULT_CURVILINEAR_RADIUS_MM;
  const half = pose.kind === 'curvilinear' ? Math.asin(Math.min(1, pose.widthMm / 2 / R)) : 0;
  const widthMm = pose.kind === 'linear' ? pose.widthMm : 2 * (R + pose.depthMm) * Math.sin(half);
  const top = pose.kind === 'linear' ? 0 : R * Math.cos(half) - R;
  const heightMm = pose.depthMm - top;
  const mmPerPx = Math.max(widthMm / (columns * 0.96), heightMm / (rows * 0.96));
  return { mmPerPx, originPx: { x: columns / 2, y: rows * 0.02 - top / mmPerPx } };
}

/** Deterministic uniform (0, 1] from integers (a small integer hash). */
function hash01(a: number, b: number, seed: number): number {
  let h = (a * 374761393 + b * 668265263 + seed * 2246822519) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return ((h >>> 0) + 1) / 4294967297;
}

/** Fill the label map (index into PRIORITY) with each structure's closed contours (even–odd scanlines). */
function rasterise(structures: readonly SimStructure[], labels: Uint8Array, columns: number, rows: number, toPx: (u: number, v: number) => [number, number]): void {
  const order = [...structures].sort((a, b) => PRIORITY.indexOf(cat(a)) - PRIORITY.indexOf(cat(b)));
  const xs: number[] = [];
  for (const s of order) {
    const label = PRIORITY.indexOf(cat(s));
    const polys = s.contours.filter((c) => c.points.length >= 6).map((c) => {
      const out: number[] = [];
      for (let i = 0; i < c.points.length; i += 2) out.push(...toPx(c.points[i]!, c.points[i + 1]!));
      return out; // open contours are closed by their chord (sheets cut obliquely)
    });
    for (let y = 0; y < rows; y++) {
      const py = y + 0.5;
      xs.length = 0;
      for (const p of polys) {
        const n = p.length / 2;
        for (let i = 0, j = n - 1; i < n; j = i++) {
          const yi = p[i * 2 + 1]!, yj = p[j * 2 + 1]!;
          if (yi > py !== yj > py) xs.push(p[i * 2]! + ((py - yi) / (yj - yi)) * (p[j * 2]! - p[i * 2]!));
        }
      }
      if (xs.length < 2) continue;
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const x0 = Math.max(0, Math.ceil(xs[k]! - 0.5)), x1 = Math.min(columns - 1, Math.floor(xs[k + 1]! - 0.5));
        for (let x = x0; x <= x1; x++) labels[y * columns + x] = label;
      }
    }
  }
}

const cat = (s: SimStructure): keyof typeof TISSUE => (s.id.startsWith('lung') ? 'air' : (s.category ?? 'background'));

/** Render the B-mode image of a probe pose from the plane sections of the scene's structures. */
export function renderBmode(pose: ProbePose, structures: readonly SimStructure[], opts: BmodeOptions): BmodeImage {
  const { columns, rows } = opts;
  const { mmPerPx, originPx } = imageGeometry(pose, columns, rows);
  const toPx = (u: number, v: number): [number, number] => [originPx.x + u / mmPerPx, originPx.y + v / mmPerPx];
  const labels = new Uint8Array(columns * rows);
  rasterise(structures, labels, columns, rows, toPx);
  const R = pose.radiusMm ?? DEFAULT_CURVILINEAR_RADIUS_MM;
  const half = pose.kind === 'curvilinear' ? Math.asin(Math.min(1, pose.widthMm / 2 / R)) : 0;
  // Beams: linear = columns; curvilinear = rays from the apex (0, −R), sampled every half pixel.
  const nBeams = pose.kind === 'linear' ? columns : Math.ceil((2 * half * (R + pose.depthMm)) / mmPerPx);
  const nSamples = Math.ceil(pose.depthMm / (mmPerPx * 0.5));
  const stepMm = pose.depthMm / nSamples;
  const amp = new Float32Array(nBeams * nSamples);
  const seed = opts.seed ?? 1;
  for (let b = 0; b < nBeams; b++) {
    const th = pose.kind === 'linear' ? 0 : -half + (2 * half * (b + 0.5)) / nBeams;
    const u0 = pose.kind === 'linear' ? -pose.widthMm / 2 + (pose.widthMm * (b + 0.5)) / nBeams : R * Math.sin(th);
    const v0 = pose.kind === 'linear' ? 0 : R * Math.cos(th) - R;
    const du = Math.sin(th), dv = Math.cos(th);
    let attDb = 0;
    let prev = -1;
    let surf = 0;
    for (let s = 0; s < nSamples; s++) {
      const d = (s + 0.5) * stepMm;
      const [px, py] = toPx(u0 + du * d, v0 + dv * d);
      const xi = Math.floor(px), yi = Math.floor(py);
      const l = xi >= 0 && yi >= 0 && xi < columns && yi < rows ? labels[yi * columns + xi]! : 0;
      const t = TISSUE[PRIORITY[l]!];
      const gain = Math.pow(10, -attDb / 20);
      // Rayleigh speckle, axially correlated over ~2 samples.
      const r = Math.sqrt(-2 * Math.log(hash01(b, s >> 1, seed))) * 0.8 + 0.2 * Math.sqrt(-2 * Math.log(hash01(b, s, seed + 7)));
      let a = t.echo * r * gain;
      if (prev >= 0 && prev !== l) {
        const into = PRIORITY[l]!;
        // Surface echo: bone and air (pleura/lung) reflect strongly; other interfaces faintly.
        surf += (into === 'bone' ? 9 : into === 'air' ? 7 : 1.2) * gain;
      }
      a += surf * (0.7 + 0.3 * r);
      surf *= Math.pow(0.5, stepMm / 0.25); // the echo lasts ~0.5 mm (pulse length)
      amp[s * nBeams + b] = a;
      attDb += Math.max(0, t.attenDbPerMm) * stepMm + Math.min(0, t.attenDbPerMm) * stepMm;
      if (attDb < 0) attDb = 0;
      prev = l;
    }
  }
  // Scan conversion to pixels, needle, log compression.
  const pixels = new Uint8Array(columns * rows);
  const dr = opts.dynamicRangeDb ?? 50;
  const g = opts.gainDb ?? 0;
  const needle = opts.needle ?? null;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const u = (x + 0.5 - originPx.x) * mmPerPx, v = (y + 0.5 - originPx.y) * mmPerPx;
      let b: number, d: number;
      if (pose.kind === 'linear') {
        if (Math.abs(u) > pose.widthMm / 2 || v < 0 || v > pose.depthMm) continue;
        b = Math.min(nBeams - 1, Math.floor(((u + pose.widthMm / 2) / pose.widthMm) * nBeams));
        d = v;
      } else {
        const r = Math.hypot(u, v + R), phi = Math.atan2(u, v + R);
        if (r < R || r > R + pose.depthMm || Math.abs(phi) > half) continue;
        b = Math.min(nBeams - 1, Math.floor(((phi + half) / (2 * half)) * nBeams));
        d = r - R;
      }
      const s = Math.min(nSamples - 1, Math.floor(d / stepMm));
      let a = amp[s * nBeams + b]!;
      if (needle) a += needleEcho(needle, u, v, mmPerPx);
      const db = 20 * Math.log10(Math.max(1e-6, a)) + g;
      pixels[y * columns + x] = Math.max(0, Math.min(255, Math.round(((db + dr - 20) / dr) * 255)));
    }
  }
  return { columns, rows, pixels, mmPerPx, originPx };
}

/** Bright shaft (within 0.4 mm of the needle) and fading reverberation copies every 1.8 mm deeper. */
function needleEcho(n: { entry: PlanePoint; tip: PlanePoint }, u: number, v: number, mmPerPx: number): number {
  const ex = n.tip.u - n.entry.u, ev = n.tip.v - n.entry.v;
  const len2 = ex * ex + ev * ev;
  if (len2 < 1e-9) return 0;
  let out = 0;
  for (let k = 0; k < 4; k++) {
    const vv = v - k * 1.8;
    const t = Math.max(0, Math.min(1, ((u - n.entry.u) * ex + (vv - n.entry.v) * ev) / len2));
    const du = u - (n.entry.u + ex * t), dv = vv - (n.entry.v + ev * t);
    const dist = Math.hypot(du, dv);
    const w = Math.max(0.4, mmPerPx);
    if (dist < w) out += (k === 0 ? 14 : 6 * Math.pow(0.45, k)) * (1 - dist / w);
  }
  return out;
}
