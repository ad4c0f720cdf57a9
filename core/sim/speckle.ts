/**
 * Speckle textures of the simulated image. Speckle is the interference of echoes from many
 * sub-resolution scatterers: a field of random complex scatterers blurred by the scanner's
 * point-spread function (lateral × axial resolution), envelope-detected. With dense scatterers the
 * envelope is Rayleigh-distributed (fully developed speckle, SNR ≈ 1.91); with sparse ones it is
 * spottier (more bright specks on a darker ground), as in fat and muscle.
 *
 * The fields are tiles in physical units (`texelMm`) made once per probe kind and stored in dB
 * (20·log₁₀ of the envelope over its mean, so tissue of mean echo E shows E dB plus this texture).
 * A frame samples them at its pixel size, shifted with the probe: sliding along the probe's long axis
 * moves the speckle with the anatomy; moving across the plane (elevation) or turning the probe draws a
 * fresh, decorrelated pattern, as on a real scanner.
 *
 * Reuses the sample generator's deterministic PRNG and separable Gaussian blur (core/samples/synth).
 */
import { blurSeparable, gaussianKernel } from '../samples/synth/field';
import { createRng, fillNormal } from '../samples/synth/prng';
import { PROBE_ACOUSTICS, SCANNER_DEFAULTS } from './acoustics';

export interface SpeckleTiles {
  /** Tile size, texels (width = lateral, height = axial). */
  width: number;
  height: number;
  /** Physical size of one texel, mm. */
  texelMm: number;
  /** Fully developed speckle plus the slow tissue heterogeneity, dB over its mean (mean of the linear envelope = 0 dB). */
  dense: Float32Array;
  /** Coarse texture of sparse scatterers (fat, muscle) plus the heterogeneity, dB over its mean. */
  coarse: Float32Array;
  /** Electronic noise (Rayleigh), dB over its mean. */
  noise: Float32Array;
}

/** Tile side, texels. */
export const TILE = 768;
/** Independent looks averaged (spatial compounding; BlockPlan default). */
const COMPOUND = 2;
/** Fraction of texels holding a scatterer in the sparse field. */
const SPARSE_FRACTION = 0.035;

const cache = new Map<string, SpeckleTiles>();

/** 20·log₁₀ of the field over its mean. */
function toDb(env: Float32Array): Float32Array {
  const n = env.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += env[i]!;
  const inv = n / (mean || 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 20 * Math.log10(Math.max(1e-6, env[i]! * inv));
  return out;
}

/**
 * Circular (wrap-around) blur of a size × size field, so the tile repeats without a seam: the field
 * is padded with its own periodic continuation, blurred, and the centre cropped.
 */
function periodicBlur(raw: Float32Array, size: number, kx: Float32Array, ky: Float32Array): Float32Array {
  const rx = (kx.length - 1) >> 1, ry = (ky.length - 1) >> 1;
  const w = size + 2 * rx, h = size + 2 * ry;
  const pad = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = (((y - ry) % size) + size) % size;
    for (let x = 0; x < w; x++) pad[y * w + x] = raw[sy * size + ((((x - rx) % size) + size) % size)]!;
  }
  const blurred = new Float32Array(w * h);
  blurSeparable(pad, blurred, new Float32Array(w * h), w, h, kx, ky);
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) out.set(blurred.subarray((y + ry) * w + rx, (y + ry) * w + rx + size), y * size);
  return out;
}

/** One envelope field (linear amplitude): complex scatterers blurred by the PSF. */
function envelope(rng: ReturnType<typeof createRng>, kx: Float32Array, ky: Float32Array, sparse: boolean): Float32Array {
  const n = TILE * TILE;
  const parts: Float32Array[] = [];
  for (let c = 0; c < 2; c++) {
    const raw = fillNormal(rng, new Float32Array(n));
    if (sparse) for (let i = 0; i < n; i++) if (rng.next() > SPARSE_FRACTION) raw[i] = 0;
    parts.push(periodicBlur(raw, TILE, kx, ky));
  }
  const env = parts[0]!;
  for (let i = 0; i < n; i++) env[i] = Math.hypot(env[i]!, parts[1]![i]!);
  return env;
}

/**
 * A texture in dB over its mean: the average of `compound` independent envelopes (spatial
 * compounding, standard on modern arrays, softens the speckle: its SNR rises from 1.91 toward √N·1.91).
 */
function field(seed: string, psf: { lat: number; ax: number }, sparse: boolean, compound = 1): Float32Array {
  const n = TILE * TILE;
  const rng = createRng(seed);
  const kx = gaussianKernel(psf.lat);
  const ky = gaussianKernel(psf.ax);
  const sum = new Float32Array(n);
  for (let k = 0; k < compound; k++) {
    const e = envelope(rng, kx, ky, sparse);
    for (let i = 0; i < n; i++) sum[i] += e[i]!;
  }
  return toDb(sum);
}

/**
 * The speckle tiles of a probe kind (made once, ≈ 0.3 s; cached). The texel is a third of the axial
 * resolution; the PSF σ follows the probe's resolution (full width at half maximum = 2.355 σ).
 */
export function speckleTiles(kind: 'linear' | 'curvilinear', seed = 'blockplan-speckle'): SpeckleTiles {
  const key = `${kind}|${seed}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = PROBE_ACOUSTICS[kind];
  const texelMm = p.axialResolutionMm / 3;
  const psf = { lat: p.lateralResolutionMm / 2.355 / texelMm, ax: p.axialResolutionMm / 2.355 / texelMm };
  const dense = field(`${seed}/${kind}/dense`, psf, false, COMPOUND);
  const sparse = field(`${seed}/${kind}/sparse`, { lat: psf.lat * 0.8, ax: psf.ax * 0.8 }, true, COMPOUND);
  const slow = slowField(`${seed}/${kind}/slow`, texelMm);
  // Coarse = a third dense speckle, two thirds sparse specks (BlockPlan default mix).
  const coarse = new Float32Array(dense.length);
  for (let i = 0; i < dense.length; i++) {
    coarse[i] = (dense[i]! + 2 * sparse[i]!) / 3 + slow[i]!;
    dense[i] += slow[i]!;
  }
  const tiles: SpeckleTiles = { width: TILE, height: TILE, texelMm, dense, coarse, noise: field(`${seed}/${kind}/noise`, { lat: 0.6, ax: 0.6 }, false) };
  cache.set(key, tiles);
  return tiles;
}

/** Smooth Gaussian noise (σ ≈ 1 mm) scaled to `SCANNER_DEFAULTS.heterogeneityDb`: slow echo variation of tissue. */
function slowField(seed: string, texelMm: number): Float32Array {
  const n = TILE * TILE;
  const rng = createRng(seed);
  // Made at a quarter of the resolution and interpolated (a blur of σ ≈ 1 mm on the full tile is slow).
  const q = TILE / 4;
  const raw = fillNormal(rng, new Float32Array(q * q));
  const k = gaussianKernel(1 / (texelMm * 4));
  const small = periodicBlur(raw, q, k, k);
  let sq = 0;
  for (let i = 0; i < small.length; i++) sq += small[i]! * small[i]!;
  const scale = SCANNER_DEFAULTS.heterogeneityDb / Math.sqrt(sq / small.length || 1);
  const out = new Float32Array(n);
  for (let y = 0; y < TILE; y++) {
    const fy = y / 4, y0 = Math.floor(fy) % q, y1 = (y0 + 1) % q, ay = fy - Math.floor(fy);
    for (let x = 0; x < TILE; x++) {
      const fx = x / 4, x0 = Math.floor(fx) % q, x1 = (x0 + 1) % q, ax = fx - Math.floor(fx);
      const top = small[y0 * q + x0]! * (1 - ax) + small[y0 * q + x1]! * ax;
      const bot = small[y1 * q + x0]! * (1 - ax) + small[y1 * q + x1]! * ax;
      out[y * TILE + x] = (top * (1 - ay) + bot * ay) * scale;
    }
  }
  return out;
}

/** A small integer hash (deterministic, for tile offsets). */
export function hashInts(a: number, b: number, c: number): number {
  let h = (Math.imul(a | 0, 374761393) + Math.imul(b | 0, 668265263) + Math.imul(c | 0, 1274126177)) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return (h ^ (h >>> 16)) >>> 0;
}
