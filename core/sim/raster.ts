/**
 * From plane sections to the simulator's tissue maps in beam space (./beam-grid):
 *
 * - `rasteriseLabels`: which tissue class fills each beam sample (closed contours, even–odd fill per
 *   structure, later classes painted over earlier ones: bone and vessels win where sections overlap).
 *   Curvilinear contours are resampled in beam space so that straight plane edges follow the fan.
 * - `splatSurfaces`: the specular echo of every section outline. A surface echoes back toward the
 *   probe in proportion to its reflection coefficient (impedance step, ./acoustics) and to cosⁿ of
 *   the angle between the beam and the surface normal, so a bone cortex facing the probe is bright
 *   and the same cortex seen edge-on is not; each outline point is spread by the point-spread
 *   function (lateral × axial resolution).
 *
 * Units: plane mm; beam space indices (b across, s along the beam).
 */
import type { SectionContour } from '../anatomy/section';
import { beamDirectionAt, planeToBeam, type BeamGrid } from './beam-grid';

export interface RasterStructure {
  /** Tissue class index (paint order: higher indices are painted later and win). */
  label: number;
  contours: readonly SectionContour[];
  /** Amplitude reflection coefficient of its surface at normal incidence (0 = no surface echo). */
  reflection: number;
  /** Fill every contour (union) instead of even–odd: a vessel's lumen inside its wall's two surfaces. */
  solid?: boolean;
}

const scratch = { b: 0, s: 0 };

/** A contour's points in beam space (b, s pairs), resampled so that no step exceeds `maxStep` grid units. */
function toBeamSpace(grid: BeamGrid, c: SectionContour, maxStep: number): number[] {
  const pts = c.points;
  const n = pts.length / 2;
  const out: number[] = [];
  const count = c.closed ? n : n - 1;
  for (let i = 0; i < count; i++) {
    const j = (i + 1) % n;
    const u0 = pts[i * 2]!, v0 = pts[i * 2 + 1]!, u1 = pts[j * 2]!, v1 = pts[j * 2 + 1]!;
    planeToBeam(grid, u0, v0, scratch);
    const b0 = scratch.b, s0 = scratch.s;
    out.push(b0, s0);
    if (grid.kind === 'curvilinear') {
      planeToBeam(grid, u1, v1, scratch);
      const steps = Math.ceil(Math.max(Math.abs(scratch.b - b0), Math.abs(scratch.s - s0)) / maxStep);
      for (let k = 1; k < steps; k++) {
        planeToBeam(grid, u0 + ((u1 - u0) * k) / steps, v0 + ((v1 - v0) * k) / steps, scratch);
        out.push(scratch.b, scratch.s);
      }
    }
  }
  if (!c.closed && n > 0) {
    planeToBeam(grid, pts[(n - 1) * 2]!, pts[(n - 1) * 2 + 1]!, scratch);
    out.push(scratch.b, scratch.s);
  }
  return out;
}

/** Fill `labels` (nSamples × nBeams, row-major) with each structure's closed contours. Structures must come in paint order. */
export function rasteriseLabels(grid: BeamGrid, structures: readonly RasterStructure[], labels: Uint8Array): void {
  const rows: number[][] = Array.from({ length: grid.nSamples }, () => []);
  for (const st of structures) {
    // Even–odd over all contours (holes stay empty), or each contour on its own (union).
    for (const group of st.solid ? st.contours.map((c) => [c]) : [st.contours]) fillContours(grid, group, st.label, labels, rows);
  }
}

function fillContours(grid: BeamGrid, contours: readonly SectionContour[], label: number, labels: Uint8Array, rows: number[][]): void {
  const { nBeams, nSamples } = grid;
  {
    for (const r of rows) r.length = 0;
    let any = false;
    for (const c of contours) {
      if (c.points.length < 6) continue;
      // Open contours (sheets cut obliquely) are closed by their chord.
      const p = toBeamSpace(grid, { closed: true, points: c.points }, 2);
      const n = p.length / 2;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const si = p[i * 2 + 1]!, sj = p[j * 2 + 1]!;
        if (si === sj) continue;
        const lo = Math.max(0, Math.ceil(Math.min(si, sj)));
        const hi = Math.min(nSamples - 1, Math.ceil(Math.max(si, sj)) - 1);
        const bi = p[i * 2]!, bj = p[j * 2]!;
        for (let s = lo; s <= hi; s++) {
          rows[s]!.push(bi + ((s - si) / (sj - si)) * (bj - bi));
          any = true;
        }
      }
    }
    if (!any) return;
    for (let s = 0; s < nSamples; s++) {
      const xs = rows[s]!;
      if (xs.length < 2) continue;
      xs.sort((a, b) => a - b);
      const base = s * nBeams;
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const b0 = Math.max(0, Math.ceil(xs[k]!)), b1 = Math.min(nBeams - 1, Math.floor(xs[k + 1]!));
        if (b1 >= b0) labels.fill(label, base + b0, base + b1 + 1);
      }
    }
  }
}

export interface SurfaceSplat {
  /** Amplitude of a perfect reflector (r = 1) at normal incidence, relative to unit speckle. */
  gain: number;
  /** cosⁿ exponent of the specular lobe. */
  exponent: number;
  /** Angle-independent part (roughness), 0–1. */
  roughness: number;
  /** Point-spread function FWHM, mm. */
  lateralMm: number;
  axialMm: number;
}

/**
 * Add one specular point echo of amplitude `amp` at plane point (u, v), spread by the PSF, into
 * `spec` (beam space, linear amplitude). `psf.norm` accounts for the spacing of the points a line is
 * drawn with, so that a line's peak equals `amp` whatever the spacing (see `psfFor`).
 */
export function splatPoint(grid: BeamGrid, spec: Float32Array, u: number, v: number, amp: number, psf: { sb: number; ss: number; rb: number; rs: number; norm: number }): void {
  planeToBeam(grid, u, v, scratch);
  const bc = scratch.b, sc = scratch.s;
  const b0 = Math.max(0, Math.ceil(bc - psf.rb)), b1 = Math.min(grid.nBeams - 1, Math.floor(bc + psf.rb));
  const s0 = Math.max(0, Math.ceil(sc - psf.rs)), s1 = Math.min(grid.nSamples - 1, Math.floor(sc + psf.rs));
  if (b0 > b1 || s0 > s1) return;
  // Separable Gaussian: the lateral weights once, then one row per sample.
  const nbw = b1 - b0 + 1;
  for (let b = b0; b <= b1; b++) {
    const db = (b - bc) / psf.sb;
    wb[b - b0] = Math.exp(-0.5 * db * db);
  }
  const a = amp * psf.norm;
  for (let s = s0; s <= s1; s++) {
    const ds = (s - sc) / psf.ss;
    const ws = Math.exp(-0.5 * ds * ds) * a;
    const row = s * grid.nBeams + b0;
    for (let k = 0; k < nbw; k++) spec[row + k] += ws * wb[k]!;
  }
}

/** Lateral weights of the current splat (kernels are at most a few dozen beams wide). */
const wb = new Float64Array(256);

/** PSF in beam units for a line whose points are `stepMm` apart (Gaussian σ from FWHM). */
export function psfFor(grid: BeamGrid, o: Pick<SurfaceSplat, 'lateralMm' | 'axialMm'>, stepMm: number, alongLateral = true) {
  const sb = Math.min(40, Math.max(0.5, o.lateralMm / 2.355 / grid.lateralMm));
  const ss = Math.min(40, Math.max(0.5, o.axialMm / 2.355 / grid.sampleMm));
  const sigmaAlongMm = alongLateral ? o.lateralMm / 2.355 : o.axialMm / 2.355;
  return { sb, ss, rb: 2.5 * sb, rs: 2.5 * ss, norm: stepMm / (Math.sqrt(2 * Math.PI) * sigmaAlongMm) };
}

/** Splat the specular echoes of every structure's outline into `spec` (beam space, linear amplitude). */
export function splatSurfaces(grid: BeamGrid, structures: readonly RasterStructure[], spec: Float32Array, o: SurfaceSplat): void {
  const stepMm = Math.min(o.lateralMm, o.axialMm) / 1.2;
  const psfLat = psfFor(grid, o, stepMm, true);
  const psfAx = psfFor(grid, o, stepMm, false);
  for (const st of structures) {
    if (!(st.reflection > 0)) continue;
    const r = st.reflection * o.gain;
    for (const c of st.contours) {
      const pts = c.points;
      const n = pts.length / 2;
      const count = c.closed ? n : n - 1;
      for (let i = 0; i < count; i++) {
        const j = (i + 1) % n;
        const u0 = pts[i * 2]!, v0 = pts[i * 2 + 1]!;
        const du = pts[j * 2]! - u0, dv = pts[j * 2 + 1]! - v0;
        const len = Math.hypot(du, dv);
        if (len < 1e-6) continue;
        const tu = du / len, tv = dv / len;
        const steps = Math.max(1, Math.round(len / stepMm));
        const h = len / steps;
        // Interpolate the PSF normalisation by the line's direction (lateral line: lateral σ).
        const psf = Math.abs(tu) >= Math.abs(tv) ? psfLat : psfAx;
        for (let k = 0; k < steps; k++) {
          const u = u0 + tu * (k + 0.5) * h, v = v0 + tv * (k + 0.5) * h;
          if (v < 0) continue;
          const d = beamDirectionAt(grid, u, v);
          const cos = Math.abs(-tv * d.du + tu * d.dv); // |surface normal · beam|
          const amp = r * (o.roughness + (1 - o.roughness) * Math.pow(cos, o.exponent));
          splatPoint(grid, spec, u, v, amp * (h / stepMm), psf);
        }
      }
    }
  }
}
