/**
 * Image formation of the synthetic scanner, in beam space (./beam):
 *
 *  1. Tissue maps: `echo` (backscatter intensity of diffuse scatterers; 1 ≈ liver), `spec` (specular
 *     reflectors: skin, fascia, bone surfaces, pleura, needle; amplitude), `atten` (extra two-way
 *     attenuation in dB per mm relative to what the TGC expects: bone and air ≫ 0 make shadows,
 *     fluid < 0 makes posterior enhancement).
 *  2. Speckle: complex Gaussian scatterers weighted by √echo, blurred by an anisotropic PSF, envelope
 *     detected → fully developed (Rayleigh) speckle. The scatterer field is fixed across frames (the
 *     probe is held still) with a small per-frame fresh part, so the clip is alive but stable.
 *  3. Specular map blurred by a tighter PSF and lightly textured by the speckle.
 *  4. Attenuation accumulated along each beam, plus a net depth loss after TGC.
 *  5. Optional post layer (e.g. lung artefacts below the pleura), scaled by the transmission that
 *     reached its gate depth, and an electronic noise floor.
 *  6. Log compression to 8 bits.
 */
import type { BeamGrid } from './beam';
import { blurSeparable, gaussianKernel, kernelEnergy } from './field';
import { createRng, fillNormal, type Rng } from './prng';
import type { Box } from './shapes';

export interface ScannerParams {
  /** Speckle PSF σ across beams, in beams. */
  psfLateral: number;
  /** Speckle PSF σ along the beam, in samples. */
  psfAxial: number;
  /** PSF of specular reflectors, beams / samples. */
  specLateral: number;
  specAxial: number;
  /** Net depth loss after TGC, dB per mm of depth (two-way). */
  depthLossDbPerMm: number;
  /** Displayed dynamic range, dB. */
  dynamicRangeDb: number;
  /** Signal amplitude shown as white (255). */
  whiteLevel: number;
  /** Electronic noise amplitude (Rayleigh), relative to tissue of echo 1. */
  noiseFloor: number;
  /** Fraction (0–1) of the scatterer field renewed each frame. */
  freshSpeckle: number;
}

/** Per-sample tissue properties in beam space (index s * nBeams + b). */
export interface TissueMaps {
  echo: Float32Array;
  spec: Float32Array;
  atten: Float32Array;
}

/** An additive layer applied after attenuation, scaled per beam by the transmission at `gate[b]` (a sample index; -1 = no gating). */
export interface PostLayer {
  values: Float32Array;
  gate: Int32Array;
}

export function newMaps(n: number): TissueMaps {
  return { echo: new Float32Array(n), spec: new Float32Array(n), atten: new Float32Array(n) };
}

export function cloneMaps(m: TissueMaps): TissueMaps {
  return { echo: m.echo.slice(), spec: m.spec.slice(), atten: m.atten.slice() };
}

/**
 * Paints shapes into tissue maps. All coordinates are image px; the painter visits only the samples
 * whose centres can fall in the shape's bounding box.
 */
export class Painter {
  constructor(
    readonly grid: BeamGrid,
    readonly maps: TissueMaps,
  ) {}

  /** Visit samples in `box`: fn(index, x, y). */
  each(box: Box, fn: (i: number, x: number, y: number) => void): void {
    const r = this.grid.range(box);
    if (!r) return;
    const { nBeams, cx, cy } = this.grid;
    for (let s = r.s0; s < r.s1; s++) {
      for (let b = r.b0; b < r.b1; b++) {
        const i = s * nBeams + b;
        const x = cx[i]!,
          y = cy[i]!;
        if (x < box.xMin || x > box.xMax || y < box.yMin || y > box.yMax) continue;
        fn(i, x, y);
      }
    }
  }

  /**
   * Set echo (and optionally atten) where `weight(x, y)` > 0, blending by the weight (0–1). With
   * `clearSpec`, specular reflectors painted earlier are removed there too (fluid, bone interior).
   */
  fill(box: Box, weight: (x: number, y: number) => number, echo: number, atten?: number, clearSpec = false): void {
    const { maps } = this;
    this.each(box, (i, x, y) => {
      const w = weight(x, y);
      if (w <= 0) return;
      const ww = Math.min(1, w);
      maps.echo[i] = maps.echo[i]! * (1 - ww) + echo * ww;
      if (atten !== undefined) maps.atten[i] = maps.atten[i]! * (1 - ww) + atten * ww;
      if (clearSpec) maps.spec[i] = maps.spec[i]! * (1 - ww);
    });
  }

  /** Multiply echo by `f(x, y)` inside the box. */
  scaleEcho(box: Box, f: (x: number, y: number) => number): void {
    const { maps } = this;
    this.each(box, (i, x, y) => {
      maps.echo[i] = maps.echo[i]! * f(x, y);
    });
  }

  /** Add `amp(x, y)` to the specular map inside the box. */
  addSpec(box: Box, amp: (x: number, y: number) => number): void {
    const { maps } = this;
    this.each(box, (i, x, y) => {
      const a = amp(x, y);
      if (a > 0) maps.spec[i] = maps.spec[i]! + a;
    });
  }

  /** Add `a(x, y)` dB/mm to the attenuation map inside the box. */
  addAtten(box: Box, a: (x: number, y: number) => number): void {
    const { maps } = this;
    this.each(box, (i, x, y) => {
      const v = a(x, y);
      if (v !== 0) maps.atten[i] = maps.atten[i]! + v;
    });
  }

  /** Add a soft elliptical blob to echo (or to the specular map) (σ along and across `angleRad`, px). */
  blob(x0: number, y0: number, sAlong: number, sAcross: number, angleRad: number, amp: number, target: 'echo' | 'spec' = 'echo'): void {
    const c = Math.cos(angleRad),
      s = Math.sin(angleRad);
    const r = 2.5 * Math.max(sAlong, sAcross);
    const arr = target === 'echo' ? this.maps.echo : this.maps.spec;
    this.each({ xMin: x0 - r, yMin: y0 - r, xMax: x0 + r, yMax: y0 + r }, (i, x, y) => {
      const dx = x - x0,
        dy = y - y0;
      const u = (dx * c + dy * s) / sAlong,
        v = (-dx * s + dy * c) / sAcross;
      const q = u * u + v * v;
      if (q < 6.25) arr[i] = arr[i]! + amp * Math.exp(-0.5 * q);
    });
  }
}

/** Renders frames from tissue maps; holds the fixed scatterer field and scratch buffers. */
export class Scanner {
  private readonly n: number;
  private readonly baseI: Float32Array;
  private readonly baseQ: Float32Array;
  private readonly kx: Float32Array;
  private readonly ky: Float32Array;
  private readonly skx: Float32Array;
  private readonly sky: Float32Array;
  private readonly speckleNorm: number;
  private readonly bufA: Float32Array;
  private readonly bufB: Float32Array;
  private readonly tmp: Float32Array;
  private readonly env: Float32Array;
  private readonly lut: Uint8Array;
  private readonly lutMax: number;

  constructor(
    readonly grid: BeamGrid,
    readonly params: ScannerParams,
    readonly seed: string,
  ) {
    this.n = grid.nBeams * grid.nSamples;
    const rng = createRng(`${seed}/scatterers`);
    this.baseI = fillNormal(rng, new Float32Array(this.n));
    this.baseQ = fillNormal(rng, new Float32Array(this.n));
    this.kx = gaussianKernel(params.psfLateral);
    this.ky = gaussianKernel(params.psfAxial);
    this.skx = gaussianKernel(params.specLateral);
    this.sky = gaussianKernel(params.specAxial);
    // Unit-variance complex speckle has mean envelope √(π)/2 ≈ 0.886 per unit √echo; normalise so
    // tissue of echo 1 has mean envelope 1.
    this.speckleNorm = 1 / (Math.sqrt(kernelEnergy(this.kx) * kernelEnergy(this.ky)) * 0.886 * Math.SQRT2);
    this.bufA = new Float32Array(this.n);
    this.bufB = new Float32Array(this.n);
    this.tmp = new Float32Array(this.n);
    this.env = new Float32Array(this.n);
    // Log-compression lookup on amplitude / whiteLevel, 4096 steps per decade over the dynamic range.
    this.lutMax = 1 << 16;
    this.lut = new Uint8Array(this.lutMax + 1);
    const dr = params.dynamicRangeDb;
    for (let k = 0; k <= this.lutMax; k++) {
      // k maps to dB in [-dr, 0] linearly.
      const db = -dr + (dr * k) / this.lutMax;
      const v = (db + dr) / dr;
      this.lut[k] = Math.max(0, Math.min(255, Math.round(255 * v)));
    }
  }

  /** Render one frame (8-bit, beam space). `frameSeed` makes the per-frame noise independent of call order. */
  render(maps: TissueMaps, frameIndex: number, post?: PostLayer): Uint8Array {
    const { grid, params, n } = this;
    const { nBeams, nSamples } = grid;
    const rng: Rng = createRng(`${this.seed}/frame/${frameIndex}`);
    const f = params.freshSpeckle;
    const keep = Math.sqrt(1 - f * f);
    // 1) scatterers I
    const a = this.bufA,
      b = this.bufB;
    for (let i = 0; i < n; i++) {
      const amp = Math.sqrt(Math.max(0, maps.echo[i]!));
      a[i] = amp * (keep * this.baseI[i]! + f * rng.normal());
    }
    blurSeparable(a, b, this.tmp, nBeams, nSamples, this.kx, this.ky);
    const env = this.env;
    for (let i = 0; i < n; i++) env[i] = b[i]! * b[i]!;
    // Q
    for (let i = 0; i < n; i++) {
      const amp = Math.sqrt(Math.max(0, maps.echo[i]!));
      a[i] = amp * (keep * this.baseQ[i]! + f * rng.normal());
    }
    blurSeparable(a, b, this.tmp, nBeams, nSamples, this.kx, this.ky);
    const norm = this.speckleNorm;
    for (let i = 0; i < n; i++) env[i] = Math.sqrt(env[i]! + b[i]! * b[i]!) * norm;
    // 2) specular, textured by the normalised speckle of unit tissue
    blurSeparable(maps.spec, b, this.tmp, nBeams, nSamples, this.skx, this.sky);
    for (let i = 0; i < n; i++) {
      const sp = b[i]!;
      if (sp > 0) {
        const echo = Math.max(1e-3, maps.echo[i]!);
        const tex = Math.min(1.6, env[i]! / Math.sqrt(echo));
        env[i] = env[i]! + sp * (0.65 + 0.35 * tex);
      }
    }
    // 3) attenuation along beams + net depth loss; post layer gated by transmission
    const step = grid.sampleStepMm;
    const cum = new Float64Array(nBeams);
    const gateGain = new Float32Array(nBeams).fill(1);
    for (let s = 0; s < nSamples; s++) {
      const depthDb = params.depthLossDbPerMm * step * s;
      for (let bb = 0; bb < nBeams; bb++) {
        const i = s * nBeams + bb;
        const half = 0.5 * maps.atten[i]! * step;
        const totalDb = cum[bb]! + half + depthDb;
        const g = totalDb <= 0 ? Math.pow(10, -totalDb / 20) : totalDb > 200 ? 0 : Math.pow(10, -totalDb / 20);
        env[i] = env[i]! * g;
        cum[bb] = cum[bb]! + 2 * half;
        if (post && post.gate[bb] === s) gateGain[bb] = g;
      }
    }
    if (post) {
      for (let s = 0; s < nSamples; s++) {
        for (let bb = 0; bb < nBeams; bb++) {
          const i = s * nBeams + bb;
          const v = post.values[i]!;
          if (v !== 0) env[i] = env[i]! + v * (post.gate[bb]! >= 0 ? gateGain[bb]! : 1);
        }
      }
    }
    // 4) electronic noise floor (Rayleigh) and log compression
    const out = new Uint8Array(n);
    const nf = params.noiseFloor * 0.7071;
    const inv = 1 / params.whiteLevel;
    const decades = params.dynamicRangeDb / 20;
    const lutMax = this.lutMax;
    for (let i = 0; i < n; i++) {
      const ni = nf * rng.normal(),
        nq = nf * rng.normal();
      const amp = Math.sqrt((env[i]! + ni) * (env[i]! + ni) + nq * nq) * inv;
      if (amp <= 0) {
        out[i] = 0;
        continue;
      }
      // position in the dynamic range: log10(amp) in [-decades, 0]
      const t = Math.log10(amp) / decades + 1;
      const k = t <= 0 ? 0 : t >= 1 ? lutMax : Math.round(t * lutMax);
      out[i] = this.lut[k]!;
    }
    return out;
  }
}
