/**
 * Simulated B-mode image of a probe plane, made from the plane's cross-section of the anatomy
 * (core/anatomy/section.ts). A teaching image, not an acoustic simulation, built the way a scanner
 * forms its picture, in beam space (./beam-grid):
 *
 * 1. Tissue map: which tissue class fills each beam sample (./raster); per class a mean echo and a
 *    scatterer density (./acoustics). The mean is blurred over the resolution cell, so tissue
 *    boundaries are soft — an outline shows only where a surface echoes.
 * 2. Texture: speckle tiles (./speckle) — fully developed speckle where scatterers are dense
 *    (organs), spottier texture where they are sparse (fat, muscle).
 * 3. Surface echoes: each outline echoes in proportion to its impedance step and to cosⁿ of the
 *    angle between beam and surface normal (bright only where the beam meets it near-perpendicular).
 * 4. Attenuation along each beam (dB/cm/MHz per class at the probe's frequency, two-way) against an
 *    automatic time-gain compensation (TGC) that evens the image row by row with the mean attenuation
 *    of the beams that are not blocked: bone and air leave acoustic shadows, fluid posterior
 *    enhancement, and deep tissue darkens a little.
 * 5. Artefacts: A-lines (reverberations of the pleural line at 2× and 3× its depth, faint), the
 *    needle (bright shaft when the beam meets it square, a faint comet tail, a slight shadow).
 * 6. Log compression to 8 bits (dynamic range, overall gain) and scan conversion to pixels.
 *
 * Geometry and calibration: `imageGeometry` (isotropic `mmPerPx`, probe-face centre at `originPx`,
 * the ultrasound region) — what a saved clip's US region carries. Units: mm, dB, MHz.
 */
import type { AtlasCategory } from '../anatomy/atlas-manifest';
import { probePlane, type PlanePoint, type ProbePose } from '../anatomy/plan3d';
import type { SectionContour } from '../anatomy/section';
import { NEEDLE_IMPEDANCE_MRAYL, ORGAN_OVERRIDES, PROBE_ACOUSTICS, SCANNER_DEFAULTS, SURROUNDING_IMPEDANCE_MRAYL, TISSUE_ACOUSTICS, reflectionAmplitude, tissueClassOf, type TissueClass } from './acoustics';
import { beamDirectionAt, beamGrid, imageGeometry, scanConvert, type BeamGrid, type ImageGeometry } from './beam-grid';
import { psfFor, rasteriseLabels, splatPoint, splatSurfaces, type RasterStructure } from './raster';
import { hashInts, speckleTiles } from './speckle';
import { composeFrame, type ClassSpec } from './compose';

export { imageGeometry, type ImageGeometry } from './beam-grid';

/** Paint order of the tissue classes: later classes win where sections overlap. */
const PAINT_ORDER: TissueClass[] = ['background', 'skin', 'muscle', 'organ', 'space', 'pleura', 'air', 'ganglion', 'nerve', 'vessel', 'bone', 'cartilage'];

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
  /** Seed of the electronic noise (frames of a clip use different seeds for a live image). */
  seed?: number;
}

export interface BmodeImage extends ImageGeometry {
  /** 8-bit grey, row-major. */
  pixels: Uint8Array;
  /** Centre frequency of the simulated probe, MHz. */
  frequencyMHz: number;
}

/** Buffers reused between frames of the same size (a worker renders many frames). */
let buffers: { n: number; nb: number; labels: Uint8Array; mean: Float32Array; tmp: Float32Array; spec: Float32Array; extraAtt: Float32Array; beam: Uint8Array } | null = null;

function buffersFor(n: number, nb: number) {
  if (!buffers || buffers.n !== n || buffers.nb !== nb) {
    buffers = { n, nb, labels: new Uint8Array(n), mean: new Float32Array(n), tmp: new Float32Array(n), spec: new Float32Array(n), extraAtt: new Float32Array(n), beam: new Uint8Array(n) };
  }
  return buffers;
}

/**
 * In-place box blur of a row-major field (running sums, edges clamped), radius rb across and rs along
 * the beam. The vertical pass runs row by row over per-column sums (cache-friendly).
 */
function boxBlur(f: Float32Array, tmp: Float32Array, nb: number, ns: number, rb: number, rs: number): void {
  const at = (i: number, n: number) => (i < 0 ? 0 : i >= n ? n - 1 : i);
  if (rb > 0 && nb > 2 * rb + 2) {
    const inv = 1 / (2 * rb + 1);
    for (let s = 0; s < ns; s++) {
      const row = s * nb;
      let acc = 0;
      for (let k = -rb; k <= rb; k++) acc += f[row + at(k, nb)]!;
      for (let b = 0; b < nb; b++) {
        tmp[row + b] = acc * inv;
        acc += f[row + at(b + rb + 1, nb)]! - f[row + at(b - rb, nb)]!;
      }
    }
  } else tmp.set(f);
  if (rs > 0 && ns > 2 * rs + 2) {
    const inv = 1 / (2 * rs + 1);
    const acc = new Float32Array(nb);
    for (let k = -rs; k <= rs; k++) {
      const r = at(k, ns) * nb;
      for (let b = 0; b < nb; b++) acc[b] += tmp[r + b]!;
    }
    for (let s = 0; s < ns; s++) {
      const row = s * nb, add = at(s + rs + 1, ns) * nb, sub = at(s - rs, ns) * nb;
      for (let b = 0; b < nb; b++) {
        f[row + b] = acc[b]! * inv;
        acc[b] += tmp[add + b]! - tmp[sub + b]!;
      }
    }
  } else f.set(tmp);
}

/** Tissue classes of this frame (overrides such as the kidney get their own class), and the structures in paint order. */
function classify(structures: readonly SimStructure[], grid: BeamGrid, frequencyMHz: number): { classes: ClassSpec[]; raster: RasterStructure[] } {
  const perSampleCm = grid.sampleMm / 10;
  const spec = (t: TissueClass, att: number, z: number): ClassSpec => ({
    echoDb: TISSUE_ACOUSTICS[t].echoDb,
    density: TISSUE_ACOUSTICS[t].density,
    attPerSample: 2 * att * frequencyMHz * perSampleCm * SCANNER_DEFAULTS.attenuationScale,
    reflection: reflectionAmplitude(SURROUNDING_IMPEDANCE_MRAYL, z),
    blocks: t === 'bone' || t === 'air',
    air: t === 'air',
  });
  const classes = PAINT_ORDER.map((t) => spec(t, TISSUE_ACOUSTICS[t].attenDbPerCmMHz, TISSUE_ACOUSTICS[t].impedanceMRayl));
  const raster: (RasterStructure & { order: number })[] = [];
  for (const s of structures) {
    const t = tissueClassOf(s.id, s.category);
    let label = PAINT_ORDER.indexOf(t);
    const o = t === 'organ' ? ORGAN_OVERRIDES.find((x) => s.id.startsWith(x.prefix)) : undefined;
    if (o) {
      label = classes.length;
      classes.push(spec('organ', o.attenDbPerCmMHz, o.impedanceMRayl));
    }
    // Vessel walls are tubes with an inner and an outer surface: the lumen is filled too.
    raster.push({ label, contours: s.contours, reflection: classes[label]!.reflection, order: PAINT_ORDER.indexOf(t), solid: t === 'vessel' });
  }
  raster.sort((a, b) => a.order - b.order);
  return { classes, raster };
}

/** Render the B-mode image of a probe pose from the plane sections of the scene's structures. */
export function renderBmode(pose: ProbePose, structures: readonly SimStructure[], opts: BmodeOptions): BmodeImage {
  const g = imageGeometry(pose, opts.columns, opts.rows);
  const grid = beamGrid(pose, g);
  const { nBeams: nb, nSamples: ns } = grid;
  const probe = PROBE_ACOUSTICS[pose.kind];
  const f = probe.frequencyMHz;
  const buf = buffersFor(nb * ns, nb);
  const { labels, mean, tmp, spec, extraAtt, beam } = buf;
  const { classes, raster } = classify(structures, grid, f);

  // 1. tissue map and its blurred mean echo
  labels.fill(0);
  rasteriseLabels(grid, raster, labels);
  const echo = Float32Array.from(classes, (c) => c.echoDb);
  for (let i = 0; i < labels.length; i++) mean[i] = echo[labels[i]!]!;
  boxBlur(mean, tmp, nb, ns, Math.round(probe.lateralResolutionMm / grid.lateralMm / 2), Math.round(probe.axialResolutionMm / grid.sampleMm / 2));

  // 3. surface echoes and the needle
  spec.fill(0);
  extraAtt.fill(0);
  const D = SCANNER_DEFAULTS;
  splatSurfaces(grid, raster, spec, { gain: D.specularGain, exponent: D.specularExponent, roughness: D.roughness, lateralMm: probe.lateralResolutionMm, axialMm: probe.axialResolutionMm });
  if (opts.needle) drawNeedle(grid, opts.needle, spec, extraAtt, probe);

  // 2. speckle lookup, shifted with the probe (see ./speckle)
  const tiles = speckleTiles(pose.kind);
  const plane = probePlane(pose);
  const lateralShift = plane ? plane.origin[0] * plane.lateral[0] + plane.origin[1] * plane.lateral[1] + plane.origin[2] * plane.lateral[2] : 0;
  const elevation = plane ? plane.origin[0] * plane.normal[0] + plane.origin[1] * plane.normal[1] + plane.origin[2] * plane.normal[2] : 0;
  const turn = plane ? Math.round(Math.atan2(plane.lateral[1], plane.lateral[0]) * 20) + 97 * Math.round(Math.asin(Math.max(-1, Math.min(1, plane.lateral[2]))) * 20) : 0;
  const W = tiles.width, H = tiles.height, tx = tiles.texelMm;
  const col = new Int32Array(nb);
  for (let b = 0; b < nb; b++) col[b] = (((Math.round((b * grid.lateralMm + lateralShift) / tx) % W) + W) % W);
  const rowBase = hashInts(Math.round(elevation / 0.5), turn, 7) % H;
  const noiseShift = hashInts(opts.seed ?? 1, 3, 11) % (W * H);

  // 4–6. attenuation with automatic TGC, artefacts, log compression (./compose)
  composeFrame({ grid, labels, mean, spec, extraAtt, beam, classes, tiles, col, rowBase, noiseShift, gainDb: opts.gainDb ?? 0, dynamicRangeDb: opts.dynamicRangeDb ?? D.dynamicRangeDb, axialResolutionMm: probe.axialResolutionMm });
  const pixels = new Uint8Array(g.columns * g.rows);
  scanConvert(grid, g, beam.subarray(0, nb * ns), pixels);
  return { ...g, pixels, frequencyMHz: f };
}

/** The needle in plane: a bright steel shaft (angle-dependent), a faint comet tail below it, a slight shadow. */
function drawNeedle(grid: BeamGrid, n: { entry: PlanePoint; tip: PlanePoint }, spec: Float32Array, extraAtt: Float32Array, probe: { lateralResolutionMm: number; axialResolutionMm: number }): void {
  const D = SCANNER_DEFAULTS;
  const du = n.tip.u - n.entry.u, dv = n.tip.v - n.entry.v;
  const len = Math.hypot(du, dv);
  if (len < 1e-6) return;
  const tu = du / len, tv = dv / len;
  const stepMm = Math.min(probe.lateralResolutionMm, probe.axialResolutionMm) / 2;
  const lateral = Math.abs(tu) >= Math.abs(tv);
  const psf = psfFor(grid, { lateralMm: probe.lateralResolutionMm, axialMm: Math.max(probe.axialResolutionMm, D.needleOuterDiameterMm / 2) }, stepMm, lateral);
  const r = reflectionAmplitude(SURROUNDING_IMPEDANCE_MRAYL, NEEDLE_IMPEDANCE_MRAYL) * D.specularGain;
  const rev = Math.pow(10, D.needleReverbDb / 20);
  const shadow = D.needleShadowDb / (Math.sqrt(2 * Math.PI) * psf.ss);
  const steps = Math.max(1, Math.round(len / stepMm));
  for (let k = 0; k <= steps; k++) {
    const u = n.entry.u + (du * k) / steps, v = n.entry.v + (dv * k) / steps;
    if (v < 0) continue;
    const d = beamDirectionAt(grid, u, v);
    const cos = Math.abs(-tv * d.du + tu * d.dv);
    const amp = r * (0.25 + 0.75 * Math.pow(cos, D.specularExponent));
    splatPoint(grid, spec, u, v, amp, psf);
    for (let c = 1; c <= 3; c++) {
      const off = c * D.needleReverbSpacingMm;
      splatPoint(grid, spec, u + d.du * off, v + d.dv * off, amp * Math.pow(rev, c) * cos, psf);
    }
    splatPoint(grid, extraAtt, u + d.du * 0.5, v + d.dv * 0.5, shadow, psf);
  }
}
