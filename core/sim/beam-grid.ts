/**
 * Where the simulated image lies: its pixel grid (isotropic `mmPerPx`, the probe-face centre at
 * `originPx`, the calibration a saved clip carries) and the scanner's acquisition grid ("beam space":
 * nBeams scan lines × nSamples depth samples, index `s * nBeams + b`).
 *
 * - Linear probe: beams are image columns and samples image rows inside the probe's rectangle, so the
 *   beam-space image is copied straight into the picture.
 * - Curvilinear probe: beams fan out from the centre of curvature (apex at plane v = −R); samples are
 *   spaced along each beam. A scan-conversion table (cached per geometry) maps every pixel inside the
 *   sector to its four neighbouring beam samples (bilinear), as a scanner's scan converter does.
 *
 * Units: plane mm (u lateral = image +x, v depth = image +y, origin at the probe-face centre), px.
 */
import { DEFAULT_CURVILINEAR_RADIUS_MM, type ProbePose } from '../anatomy/plan3d';
import { PROBE_ACOUSTICS } from './acoustics';

export interface ImageGeometry {
  columns: number;
  rows: number;
  /** Isotropic pixel size, mm. */
  mmPerPx: number;
  /** Pixel of the probe-face centre (plane origin), px. */
  originPx: { x: number; y: number };
  /** The ultrasound region (inclusive px bounds), for the DICOM Sequence of Ultrasound Regions. */
  region: { x0: number; y0: number; x1: number; y1: number };
}

export interface BeamGrid {
  kind: 'linear' | 'curvilinear';
  nBeams: number;
  nSamples: number;
  /** Depth step between samples, mm. */
  sampleMm: number;
  /** Linear: u of beam 0's centre and the beam spacing, mm. Curvilinear: θ of beam 0 and the angular step, rad. */
  beam0: number;
  beamStep: number;
  /** Curvilinear radius (apex to face), mm; 0 for linear. */
  radiusMm: number;
  /** Lateral spacing of beams at mid-depth, mm (the speckle's lateral scale). */
  lateralMm: number;
  /** Linear only: the pixel of beam 0, sample 0. */
  px0: { x: number; y: number };
}

const halfAngle = (pose: ProbePose) => {
  const R = pose.radiusMm ?? DEFAULT_CURVILINEAR_RADIUS_MM;
  return Math.asin(Math.min(1, pose.widthMm / 2 / R));
};

/** Pixel size and placement that fit the probe's image into columns × rows (2 % margin), and its region. */
export function imageGeometry(pose: ProbePose, columns: number, rows: number): ImageGeometry {
  const R = pose.radiusMm ?? DEFAULT_CURVILINEAR_RADIUS_MM;
  const half = pose.kind === 'curvilinear' ? halfAngle(pose) : 0;
  const widthMm = pose.kind === 'linear' ? pose.widthMm : 2 * (R + pose.depthMm) * Math.sin(half);
  const top = pose.kind === 'linear' ? 0 : R * Math.cos(half) - R;
  const heightMm = pose.depthMm - top;
  const mmPerPx = Math.max(widthMm / (columns * 0.96), heightMm / (rows * 0.96));
  const originPx = { x: Math.round(columns / 2), y: Math.round(rows * 0.02 - top / mmPerPx) };
  const clampX = (x: number) => Math.max(0, Math.min(columns - 1, x));
  const clampY = (y: number) => Math.max(0, Math.min(rows - 1, y));
  const region = {
    x0: clampX(Math.floor(originPx.x - widthMm / 2 / mmPerPx)),
    x1: clampX(Math.ceil(originPx.x + widthMm / 2 / mmPerPx) - 1),
    y0: clampY(Math.floor(originPx.y + top / mmPerPx)),
    y1: clampY(Math.ceil(originPx.y + pose.depthMm / mmPerPx) - 1),
  };
  return { columns, rows, mmPerPx, originPx, region };
}

/** The acquisition grid for a pose drawn at `g`'s pixel size. */
export function beamGrid(pose: ProbePose, g: ImageGeometry): BeamGrid {
  if (pose.kind === 'linear') {
    const x0 = Math.round(g.originPx.x - pose.widthMm / 2 / g.mmPerPx);
    const nBeams = Math.max(1, Math.min(g.columns - x0, Math.round(pose.widthMm / g.mmPerPx)));
    const nSamples = Math.max(1, Math.min(g.rows - g.originPx.y, Math.round(pose.depthMm / g.mmPerPx)));
    return {
      kind: 'linear',
      nBeams,
      nSamples,
      sampleMm: g.mmPerPx,
      beam0: (x0 + 0.5 - g.originPx.x) * g.mmPerPx,
      beamStep: g.mmPerPx,
      radiusMm: 0,
      lateralMm: g.mmPerPx,
      px0: { x: x0, y: g.originPx.y },
    };
  }
  const R = pose.radiusMm ?? DEFAULT_CURVILINEAR_RADIUS_MM;
  const half = halfAngle(pose);
  const nSamples = Math.max(1, Math.ceil(pose.depthMm / g.mmPerPx));
  // Beams no closer than half the lateral resolution at the deepest point (finer adds nothing the
  // beam can resolve; the scan converter interpolates between them, as a scanner's does).
  const spacingMm = Math.max(g.mmPerPx, PROBE_ACOUSTICS.curvilinear.lateralResolutionMm / 2);
  const nBeams = Math.max(2, Math.ceil((2 * half * (R + pose.depthMm)) / spacingMm));
  const beamStep = (2 * half) / nBeams;
  return {
    kind: 'curvilinear',
    nBeams,
    nSamples,
    sampleMm: pose.depthMm / nSamples,
    beam0: -half + beamStep / 2,
    beamStep,
    radiusMm: R,
    lateralMm: beamStep * (R + pose.depthMm / 2),
    px0: { x: 0, y: 0 },
  };
}

/** Continuous beam-space coordinates (b, s) of a plane point; samples and beams are centred on integers. */
export function planeToBeam(grid: BeamGrid, u: number, v: number, out: { b: number; s: number }): void {
  if (grid.kind === 'linear') {
    out.b = (u - grid.beam0) / grid.beamStep;
    out.s = v / grid.sampleMm - 0.5;
  } else {
    const R = grid.radiusMm;
    out.b = (Math.atan2(u, v + R) - grid.beam0) / grid.beamStep;
    out.s = (Math.hypot(u, v + R) - R) / grid.sampleMm - 0.5;
  }
}

/** Plane point (mm) of beam-space coordinates (b, s). */
export function beamToPlane(grid: BeamGrid, b: number, s: number): { u: number; v: number } {
  const d = (s + 0.5) * grid.sampleMm;
  if (grid.kind === 'linear') return { u: grid.beam0 + b * grid.beamStep, v: d };
  const th = grid.beam0 + b * grid.beamStep;
  const r = grid.radiusMm + d;
  return { u: r * Math.sin(th), v: r * Math.cos(th) - grid.radiusMm };
}

/** Unit beam direction (into the body) at a plane point. */
export function beamDirectionAt(grid: BeamGrid, u: number, v: number): { du: number; dv: number } {
  if (grid.kind === 'linear') return { du: 0, dv: 1 };
  const r = Math.hypot(u, v + grid.radiusMm) || 1;
  return { du: u / r, dv: (v + grid.radiusMm) / r };
}

/** Scan-conversion table of a curvilinear grid: per pixel, the top-left beam sample (or −1) and the bilinear fractions. */
export interface ScanTable {
  key: string;
  index: Int32Array;
  fb: Float32Array;
  fs: Float32Array;
}

let cachedTable: ScanTable | null = null;

/** The scan-conversion table for a curvilinear grid at this image geometry (the last one is cached). */
export function scanTable(grid: BeamGrid, g: ImageGeometry): ScanTable {
  const key = `${g.columns}x${g.rows}|${g.mmPerPx}|${g.originPx.x},${g.originPx.y}|${grid.nBeams}x${grid.nSamples}|${grid.beam0}|${grid.radiusMm}|${grid.sampleMm}`;
  if (cachedTable?.key === key) return cachedTable;
  const n = g.columns * g.rows;
  const index = new Int32Array(n).fill(-1);
  const fb = new Float32Array(n);
  const fs = new Float32Array(n);
  const p = { b: 0, s: 0 };
  for (let y = 0; y < g.rows; y++) {
    for (let x = 0; x < g.columns; x++) {
      const u = (x + 0.5 - g.originPx.x) * g.mmPerPx;
      const v = (y + 0.5 - g.originPx.y) * g.mmPerPx;
      planeToBeam(grid, u, v, p);
      if (p.b < -0.5 || p.s < -0.5 || p.b > grid.nBeams - 0.5 || p.s > grid.nSamples - 0.5) continue;
      const b0 = Math.max(0, Math.min(grid.nBeams - 2, Math.floor(p.b)));
      const s0 = Math.max(0, Math.min(grid.nSamples - 2, Math.floor(p.s)));
      const i = y * g.columns + x;
      index[i] = s0 * grid.nBeams + b0;
      fb[i] = Math.max(0, Math.min(1, p.b - b0));
      fs[i] = Math.max(0, Math.min(1, p.s - s0));
    }
  }
  cachedTable = { key, index, fb, fs };
  return cachedTable;
}

/** Write the 8-bit beam-space image into the picture (pixels outside the ultrasound region stay 0). */
export function scanConvert(grid: BeamGrid, g: ImageGeometry, beam: Uint8Array, out: Uint8Array): void {
  if (grid.kind === 'linear') {
    for (let s = 0; s < grid.nSamples; s++) out.set(beam.subarray(s * grid.nBeams, (s + 1) * grid.nBeams), (grid.px0.y + s) * g.columns + grid.px0.x);
    return;
  }
  const t = scanTable(grid, g);
  const nb = grid.nBeams;
  for (let i = 0; i < out.length; i++) {
    const k = t.index[i]!;
    if (k < 0) continue;
    const a = t.fb[i]!, c = t.fs[i]!;
    const top = beam[k]! + (beam[k + 1]! - beam[k]!) * a;
    const bot = beam[k + nb]! + (beam[k + nb + 1]! - beam[k + nb]!) * a;
    out[i] = (top + (bot - top) * c + 0.5) | 0;
  }
}
