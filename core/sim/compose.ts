/**
 * The per-sample pass of the simulated scanner (./bmode steps 4–6), in beam space: attenuation along
 * each beam against an automatic TGC, speckle texture, surface echoes, lung artefacts, the noise
 * floor and log compression to 8 bits. Kept apart and allocation-light because it touches every
 * sample of every frame (≈ 0.5 M samples for an 800 × 600 image).
 *
 * Units: dB (echo levels relative to unit-backscatter tissue), beam-space indices.
 */
import { SCANNER_DEFAULTS } from './acoustics';
import type { BeamGrid } from './beam-grid';
import type { SpeckleTiles } from './speckle';

/** One tissue class of a frame. */
export interface ClassSpec {
  echoDb: number;
  density: number;
  /** Two-way attenuation per beam sample, dB. */
  attPerSample: number;
  reflection: number;
  /** Bone or air: the beam stops (excluded from the automatic TGC). */
  blocks: boolean;
  air: boolean;
}

export interface ComposeInput {
  grid: BeamGrid;
  labels: Uint8Array;
  /** Mean echo per sample (blurred), dB. */
  mean: Float32Array;
  /** Surface echoes, linear amplitude. */
  spec: Float32Array;
  /** Extra attenuation per sample (needle shadow), dB. */
  extraAtt: Float32Array;
  /** Output, 8-bit beam space. */
  beam: Uint8Array;
  classes: readonly ClassSpec[];
  tiles: SpeckleTiles;
  /** Speckle tile column of each beam. */
  col: Int32Array;
  rowBase: number;
  noiseShift: number;
  gainDb: number;
  dynamicRangeDb: number;
  axialResolutionMm: number;
}

const LN10_20 = Math.LN10 / 20;
/** Classes with a scatterer density below this use the coarse texture (./speckle). */
const COARSE_BELOW = 0.7;
/** The noise texture never exceeds its mean by more than this, dB (Rayleigh: P(> +12 dB) ≈ 1e-8). */
const NOISE_MAX_DB = 12;
const DB_PER_NEPER = 8.685889638;

export function composeFrame(o: ComposeInput): void {
  const { grid, labels, mean, spec, extraAtt, beam, tiles } = o;
  const { nBeams: nb, nSamples: ns, sampleMm } = grid;
  const D = SCANNER_DEFAULTS;
  const nc = o.classes.length;
  const cAtt = new Float32Array(nc), cFlag = new Uint8Array(nc);
  o.classes.forEach((c, k) => {
    cAtt[k] = c.attPerSample;
    // bit 0: the beam stops; bit 1: aerated lung; bit 2: coarse (sparse-scatterer) texture
    cFlag[k] = (c.blocks ? 1 : 0) | (c.air ? 2 : 0) | (c.density < COARSE_BELOW ? 4 : 0);
  });
  const { dense, coarse, noise } = tiles;
  const W = tiles.width, H = tiles.height, WH = W * H, tx = tiles.texelMm;
  const black = D.whiteDb - o.dynamicRangeDb;
  const toByte = 255 / o.dynamicRangeDb;
  const cum = new Float32Array(nb);
  const blocked = new Uint8Array(nb);
  // The last strong echo on each beam (the pleural line, when the beam then enters the lung).
  const strongAmp = new Float32Array(nb);
  const strongS = new Int32Array(nb).fill(-1 << 20);
  const aSample = new Int32Array(nb).fill(-1);
  const aAmp = new Float32Array(nb);
  const aW = Math.max(1, o.axialResolutionMm / sampleMm);
  const aLine = D.aLineDb.map((db) => Math.exp(db * LN10_20));
  const window = Math.ceil(2 / sampleMm);
  const hazeDecayPerSample = (sampleMm / D.lungHazeDecayMm) * DB_PER_NEPER;
  const specTex = D.specularTexture;
  const nf0 = D.noiseFloorDb;
  const col = o.col, rowBase = o.rowBase, noiseShift = o.noiseShift, gainDb = o.gainDb;
  /** Surface echoes weaker than this (linear amplitude) are below the speckle's grain and skipped. */
  const SPEC_MIN = 0.02;
  let tgcPrev = 0;
  for (let s = 0; s < ns; s++) {
    const row = s * nb;
    let sum = 0, count = 0;
    for (let b = 0; b < nb; b++) {
      const k = labels[row + b]!;
      const c = cum[b]! + cAtt[k]! + extraAtt[row + b]!;
      cum[b] = c;
      if (cFlag[k]! & 1) blocked[b] = 1;
      if (!blocked[b]) {
        sum += c;
        count++;
      }
    }
    const tgc = count > 0 ? sum / count : tgcPrev;
    tgcPrev = tgc;
    const depthMm = (s + 0.5) * sampleMm;
    const base = tgc - (D.residualDepthLossDbPerCm * depthMm) / 10 + gainDb;
    const trow = ((rowBase + Math.round(depthMm / tx)) % H) * W;
    for (let b = 0; b < nb; b++) {
      const i = row + b;
      const k = labels[i]!;
      const net = base - cum[b]!;
      const t = trow + col[b]!;
      const fl = cFlag[k]!;
      let db = mean[i]! + (fl & 4 ? coarse[t]! : dense[t]!) + net;
      const sp = spec[i]!;
      if (sp > SPEC_MIN) {
        const echo = sp * Math.exp((net + specTex * dense[t]!) * LN10_20);
        db = Math.log(Math.exp(db * LN10_20) + echo) / LN10_20;
        if (echo > 1 && (echo > strongAmp[b]! || s - strongS[b]! > window)) {
          strongAmp[b] = echo;
          strongS[b] = s;
        }
      }
      if (fl & 2) {
        if (aSample[b]! < 0) {
          const near = s - strongS[b]! <= window;
          aSample[b] = near ? strongS[b]! : s;
          aAmp[b] = near ? strongAmp[b]! : 0;
        }
        const a0 = aSample[b]!;
        // Haze (reverberation in the aerated lung) and A-lines at 2× and 3× the pleural depth.
        const hz = D.lungHazeDb + dense[t]! - (s - a0) * hazeDecayPerSample + gainDb;
        if (hz > db) db = hz;
        let rev = 0;
        for (let m = 0; m < aLine.length; m++) {
          const x = (s + 0.5 - (m + 2) * (a0 + 0.5)) / aW;
          if (x > -3 && x < 3) rev += aAmp[b]! * aLine[m]! * Math.exp(-0.5 * x * x);
        }
        if (rev > 0) db = Math.log(Math.exp(db * LN10_20) + rev) / LN10_20;
      }
      if (db < nf0 + NOISE_MAX_DB) {
        let ti = t + noiseShift;
        if (ti >= WH) ti -= WH;
        const nf = nf0 + noise[ti]!;
        if (nf > db) db = nf;
      }
      const v = (db - black) * toByte;
      beam[i] = v <= 0 ? 0 : v >= 255 ? 255 : v;
    }
  }
}
