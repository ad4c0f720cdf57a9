/**
 * Seeded pseudo-random numbers for the sample generator. sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator) seeded from a string via FNV-1a and splitmix32. Only integer arithmetic, so the
 * sequence is identical on every platform; Gaussian samples use the Irwin–Hall sum of 4 uniforms
 * (no log/cos), which is close enough to normal once the point-spread blur has been applied.
 */

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Approximately standard normal (mean 0, variance 1), from 4 uniforms. */
  normal(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
}

/** A deterministic generator for `seed`. */
export function createRng(seed: string): Rng {
  const sm = splitmix32(hashString(seed));
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4294967296;
  const SQRT3 = 1.7320508075688772;
  return {
    next,
    normal: () => (next() + next() + next() + next() - 2) * SQRT3,
    range: (lo, hi) => lo + (hi - lo) * next(),
  };
}

/** Fill `out` with approximately standard-normal samples. */
export function fillNormal(rng: Rng, out: Float32Array): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

/**
 * A smooth random 1D profile of `n` samples with values around 0 (unit-ish variance), correlated over
 * `corr` samples; used to vary brightness along fascia, bone and pleural lines.
 */
export function smoothProfile(rng: Rng, n: number, corr: number): Float32Array {
  const raw = new Float32Array(n + 2 * Math.ceil(corr * 3));
  fillNormal(rng, raw);
  const out = new Float32Array(n);
  const r = Math.max(1, Math.ceil(corr * 3));
  const k: number[] = [];
  let norm = 0;
  for (let i = -r; i <= r; i++) {
    const w = Math.exp(-(i * i) / (2 * corr * corr));
    k.push(w);
    norm += w * w;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k.length; j++) s += k[j]! * raw[i + j]!;
    out[i] = s * scale;
  }
  return out;
}

/**
 * mulberry32 (Tommy Ettinger): a small, fast 32-bit generator with a numeric seed, uniform in [0, 1).
 * Used where a plain numeric seed and a bare function are handier (tests, benchmarks).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
