/**
 * Acquisition grid of the synthetic scanner ("beam space"): nBeams scan lines × nSamples depth
 * samples, stored row-major with index `s * nBeams + b`. For a linear probe the grid is the image
 * region itself (beam b = column x0 + b, sample s = row y0 + s); for a curvilinear probe the beams
 * fan out from a virtual apex and the grid is scan-converted to the image by bilinear interpolation.
 * Attenuation, shadows and reverberation are computed along beams, as a real scanner sees them.
 */
import type { Box } from './shapes';

export interface BeamGrid {
  nBeams: number;
  nSamples: number;
  /** Image px coordinates of each sample's centre, index s * nBeams + b. */
  cx: Float32Array;
  cy: Float32Array;
  /** Length of one sample step along the beam, mm. */
  sampleStepMm: number;
  /** Beams and samples whose centres may fall inside `box` (px); end indices exclusive. */
  range(box: Box): { b0: number; b1: number; s0: number; s1: number } | null;
  /** Write the 8-bit beam-space frame into the image (rows × columns); pixels outside stay untouched. */
  toImage(src: Uint8Array, out: Uint8Array, columns: number): void;
  /** True when image pixel (column i, row j) shows ultrasound data. */
  covers(i: number, j: number): boolean;
  /** Unit direction of the beam through image point (x, y) px, pointing away from the probe. */
  beamDirAt(x: number, y: number): [number, number];
  /** Distance along the beam from the probe face to (x, y), px (= depth for a linear probe). */
  radialDepthPx(x: number, y: number): number;
}

/** Linear array: one beam per image column of the region. */
export function linearGrid(region: { x0: number; y0: number; x1: number; y1: number }, mmPerPx: number): BeamGrid {
  const nBeams = region.x1 - region.x0 + 1;
  const nSamples = region.y1 - region.y0 + 1;
  const cx = new Float32Array(nBeams * nSamples);
  const cy = new Float32Array(nBeams * nSamples);
  for (let s = 0; s < nSamples; s++) {
    for (let b = 0; b < nBeams; b++) {
      cx[s * nBeams + b] = region.x0 + b + 0.5;
      cy[s * nBeams + b] = region.y0 + s + 0.5;
    }
  }
  return {
    nBeams,
    nSamples,
    cx,
    cy,
    sampleStepMm: mmPerPx,
    range(box) {
      const b0 = Math.max(0, Math.floor(box.xMin - region.x0 - 0.5));
      const b1 = Math.min(nBeams, Math.ceil(box.xMax - region.x0 + 0.5));
      const s0 = Math.max(0, Math.floor(box.yMin - region.y0 - 0.5));
      const s1 = Math.min(nSamples, Math.ceil(box.yMax - region.y0 + 0.5));
      return b0 < b1 && s0 < s1 ? { b0, b1, s0, s1 } : null;
    },
    toImage(src, out, columns) {
      for (let s = 0; s < nSamples; s++) out.set(src.subarray(s * nBeams, (s + 1) * nBeams), (region.y0 + s) * columns + region.x0);
    },
    covers(i, j) {
      return i >= region.x0 && i <= region.x1 && j >= region.y0 && j <= region.y1;
    },
    beamDirAt() {
      return [0, 1];
    },
    radialDepthPx(_x, y) {
      return y - region.y0;
    },
  };
}

export interface CurvilinearParams {
  /** Virtual apex (centre of curvature of the probe face), px. */
  apex: { x: number; y: number };
  /** Probe face radius, px. */
  radiusPx: number;
  /** Imaging depth along a beam, px. */
  depthPx: number;
  /** Half opening angle, radians. */
  halfAngle: number;
  nBeams: number;
  rows: number;
  columns: number;
  mmPerPx: number;
}

/** Curvilinear array: beams fan out from the apex; samples are 1 px apart along each beam. */
export function curvilinearGrid(p: CurvilinearParams): BeamGrid {
  const { apex, radiusPx, halfAngle, nBeams } = p;
  const nSamples = Math.round(p.depthPx);
  const dTheta = (2 * halfAngle) / nBeams;
  const cx = new Float32Array(nBeams * nSamples);
  const cy = new Float32Array(nBeams * nSamples);
  const sinB = new Float64Array(nBeams);
  const cosB = new Float64Array(nBeams);
  for (let b = 0; b < nBeams; b++) {
    const th = -halfAngle + (b + 0.5) * dTheta;
    sinB[b] = Math.sin(th);
    cosB[b] = Math.cos(th);
  }
  for (let s = 0; s < nSamples; s++) {
    const r = radiusPx + s + 0.5;
    for (let b = 0; b < nBeams; b++) {
      cx[s * nBeams + b] = apex.x + r * sinB[b]!;
      cy[s * nBeams + b] = apex.y + r * cosB[b]!;
    }
  }
  // Scan-conversion table: for each covered image pixel, the top-left grid cell and weights.
  const pix: number[] = [];
  const cell: number[] = [];
  const wb: number[] = [];
  const ws: number[] = [];
  for (let j = 0; j < p.rows; j++) {
    for (let i = 0; i < p.columns; i++) {
      const dx = i + 0.5 - apex.x,
        dy = j + 0.5 - apex.y;
      const r = Math.sqrt(dx * dx + dy * dy);
      const th = Math.atan2(dx, dy);
      const fb = (th + halfAngle) / dTheta - 0.5;
      const fs = r - radiusPx - 0.5;
      if (fb < -0.5 || fb > nBeams - 0.5 || fs < -0.5 || fs > nSamples - 0.5) continue;
      const b0 = Math.min(nBeams - 2, Math.max(0, Math.floor(fb)));
      const s0 = Math.min(nSamples - 2, Math.max(0, Math.floor(fs)));
      pix.push(j * p.columns + i);
      cell.push(s0 * nBeams + b0);
      wb.push(Math.min(1, Math.max(0, fb - b0)));
      ws.push(Math.min(1, Math.max(0, fs - s0)));
    }
  }
  const pixA = Int32Array.from(pix);
  const cellA = Int32Array.from(cell);
  const wbA = Float32Array.from(wb);
  const wsA = Float32Array.from(ws);
  const coveredSet = new Uint8Array(p.rows * p.columns);
  for (const q of pixA) coveredSet[q] = 1;
  return {
    nBeams,
    nSamples,
    cx,
    cy,
    sampleStepMm: p.mmPerPx,
    range(box) {
      // Apex lies above the image, so every box point has dy > 0 and the angle is monotonic in x.
      const corners = [
        [box.xMin, box.yMin],
        [box.xMax, box.yMin],
        [box.xMin, box.yMax],
        [box.xMax, box.yMax],
      ] as const;
      let thMin = Infinity,
        thMax = -Infinity,
        rMax = 0;
      for (const [x, y] of corners) {
        const th = Math.atan2(x - apex.x, Math.max(1e-6, y - apex.y));
        thMin = Math.min(thMin, th);
        thMax = Math.max(thMax, th);
        rMax = Math.max(rMax, Math.hypot(x - apex.x, y - apex.y));
      }
      const nx = Math.min(Math.max(apex.x, box.xMin), box.xMax);
      const ny = Math.min(Math.max(apex.y, box.yMin), box.yMax);
      const rMin = Math.hypot(nx - apex.x, ny - apex.y);
      const b0 = Math.max(0, Math.floor((thMin + halfAngle) / dTheta - 1));
      const b1 = Math.min(nBeams, Math.ceil((thMax + halfAngle) / dTheta + 1));
      const s0 = Math.max(0, Math.floor(rMin - radiusPx - 1));
      const s1 = Math.min(nSamples, Math.ceil(rMax - radiusPx + 1));
      return b0 < b1 && s0 < s1 ? { b0, b1, s0, s1 } : null;
    },
    toImage(src, out) {
      for (let k = 0; k < pixA.length; k++) {
        const c = cellA[k]!;
        const fb = wbA[k]!,
          fs = wsA[k]!;
        const v =
          (1 - fs) * ((1 - fb) * src[c]! + fb * src[c + 1]!) + fs * ((1 - fb) * src[c + nBeams]! + fb * src[c + nBeams + 1]!);
        out[pixA[k]!] = Math.round(v);
      }
    },
    covers(i, j) {
      return coveredSet[j * p.columns + i] === 1;
    },
    beamDirAt(x, y) {
      const dx = x - apex.x,
        dy = y - apex.y;
      const r = Math.sqrt(dx * dx + dy * dy) || 1;
      return [dx / r, dy / r];
    },
    radialDepthPx(x, y) {
      return Math.hypot(x - apex.x, y - apex.y) - radiusPx;
    },
  };
}
