/**
 * A synthetic clip: geometry plus a frame function, built from a beam grid, scanner parameters,
 * static tissue maps and a per-frame painter for what moves.
 */
import type { SampleGeometry } from '../types';
import { linearGrid, type BeamGrid } from './beam';
import { cloneMaps, newMaps, Painter, Scanner, type PostLayer, type ScannerParams, type TissueMaps } from './engine';
import { blurSeparable, gaussianKernel } from './field';
import { drawTicks } from './scene-kit';
import type { Box } from './shapes';

export interface SampleClip {
  geometry: SampleGeometry;
  /** 8-bit MONOCHROME2 pixels of frame `index` (rows × columns). */
  frame(index: number): Uint8Array;
}

/** Physical PSF of a probe, mm: σ across and along the beam, for speckle and for specular lines. */
export interface PsfMm {
  lateral: number;
  axial: number;
  specLateral: number;
  specAxial: number;
}

export function scannerParams(grid: BeamGrid, psf: PsfMm, lateralMmPerBeam: number, rest: Omit<ScannerParams, 'psfLateral' | 'psfAxial' | 'specLateral' | 'specAxial'>): ScannerParams {
  return {
    psfLateral: psf.lateral / lateralMmPerBeam,
    psfAxial: psf.axial / grid.sampleStepMm,
    specLateral: psf.specLateral / lateralMmPerBeam,
    specAxial: psf.specAxial / grid.sampleStepMm,
    ...rest,
  };
}

/** The calibrated region of a sample as a fill box, px (right and bottom exclusive). */
export function regionBox(g: Pick<SampleGeometry, 'region'>): Box {
  return { xMin: g.region.x0, yMin: g.region.y0, xMax: g.region.x1 + 1, yMax: g.region.y1 + 1 };
}

/**
 * The scanner of a linear-probe sample: one beam per px column of the calibrated region, the
 * sample's PSF (mm) and depth loss, and the receive chain the linear samples share (45 dB dynamic
 * range, white level 18, noise floor 0.07, 6% fresh speckle per frame); `full` is the region's box.
 */
export function linearScanner(g: Pick<SampleGeometry, 'region' | 'mmPerPx'>, psf: PsfMm, depthLossDbPerMm: number): { grid: BeamGrid; params: ScannerParams; full: Box } {
  const grid = linearGrid(g.region, g.mmPerPx);
  const params = scannerParams(grid, psf, g.mmPerPx, { depthLossDbPerMm, dynamicRangeDb: 45, whiteLevel: 18, noiseFloor: 0.07, freshSpeckle: 0.06 });
  return { grid, params, full: regionBox(g) };
}

/**
 * Assemble a clip. `paintStatic` draws everything that does not move, once; `paintFrame` draws the
 * moving parts into a copy of the static maps and may return a post layer (e.g. lung artefacts).
 */
export function buildClip(opts: {
  geometry: SampleGeometry;
  grid: BeamGrid;
  params: ScannerParams;
  seed: string;
  paintStatic: (pt: Painter) => void;
  paintFrame: (frame: number, pt: Painter) => PostLayer | undefined;
}): SampleClip {
  const { geometry: g, grid } = opts;
  const staticMaps: TissueMaps = newMaps(grid.nBeams * grid.nSamples);
  opts.paintStatic(new Painter(grid, staticMaps));
  // Beam width: the edges of shadows are soft, so spread the static attenuation across neighbouring beams.
  const tmp = new Float32Array(staticMaps.atten.length);
  const spread = new Float32Array(staticMaps.atten.length);
  blurSeparable(staticMaps.atten, spread, tmp, grid.nBeams, grid.nSamples, gaussianKernel(opts.params.psfLateral * 0.8), Float32Array.of(1));
  staticMaps.atten.set(spread);
  const scanner = new Scanner(grid, opts.params, opts.seed);
  const depthMm = g.probe.depthMm;
  return {
    geometry: g,
    frame(index) {
      if (!Number.isInteger(index) || index < 0 || index >= g.frameCount) throw new RangeError(`frame ${index} outside 0–${g.frameCount - 1}`);
      const maps = cloneMaps(staticMaps);
      const post = opts.paintFrame(index, new Painter(grid, maps));
      const beam = scanner.render(maps, index, post);
      const img = new Uint8Array(g.rows * g.columns);
      grid.toImage(beam, img, g.columns);
      drawTicks(img, g.columns, g.rows, {
        x: g.region.x1 + 6,
        skinRow: g.skinRowPx,
        mmPerPx: g.mmPerPx,
        depthMm,
        markerX: g.probe.kind === 'linear' ? g.region.x0 - 12 : g.region.x0 + 4,
        markerY: g.region.y0 + 2,
      });
      return img;
    },
  };
}
