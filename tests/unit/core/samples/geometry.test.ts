/**
 * Consistency of the exported sample geometry, with hand-computed numbers for the key ones.
 */
import { describe, expect, it } from 'vitest';
import { measurementSpace, pointInRegion, type UltrasoundRegion } from '../../../../core/dicom/calibration';
import {
  CELIAC_PLEXUS_GEOMETRY as CP,
  GANGLION_IMPAR_GEOMETRY as GI,
  SAMPLE_GEOMETRIES,
  THORACIC_PARAVERTEBRAL_GEOMETRY as TP,
  pxToMm,
  sampleGeometry,
  sampleStructure,
  type Point2,
  type SampleGeometry,
  type SampleShape,
} from '../../../../core/samples/geometry';

function region(g: SampleGeometry): UltrasoundRegion {
  return { index: 0, ...g.region, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: g.mmPerPx / 10, deltaY: g.mmPerPx / 10 };
}

function shapePoints(s: SampleShape): Point2[] {
  if (s.kind === 'ellipse') return [s.center, { x: s.center.x + s.radiusX, y: s.center.y }, { x: s.center.x, y: s.center.y + s.radiusY }];
  return [...s.points];
}

function inPoly(p: Point2, poly: readonly Point2[]): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!,
      b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) c = !c;
  }
  return c;
}

/** Distance from a point to a polyline, mm (hand-rolled here, independent of core/samples/synth/shapes). */
function distMm(g: SampleGeometry, p: Point2, line: readonly Point2[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!,
      b = line[i + 1]!;
    const dx = b.x - a.x,
      dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y));
  }
  return best * g.mmPerPx;
}

describe('sample geometry: every sample', () => {
  it('has the seven block ids, distinct files, and lookups by id', () => {
    expect(SAMPLE_GEOMETRIES.map((g) => g.blockId).sort()).toEqual([
      'celiac-plexus',
      'erector-spinae-plane',
      'femoral',
      'ganglion-impar',
      'interscalene',
      'thoracic-paravertebral',
      'transversus-abdominis-plane',
    ]);
    expect(new Set(SAMPLE_GEOMETRIES.map((g) => g.fileName)).size).toBe(7);
    expect(sampleGeometry('ganglion-impar')).toBe(GI);
    expect(sampleGeometry('nope')).toBeUndefined();
  });

  for (const g of SAMPLE_GEOMETRIES) {
    describe(g.blockId, () => {
      it('has a region inside the image, a reference on the skin row, and timing that agrees', () => {
        expect(g.region.x0).toBeGreaterThanOrEqual(0);
        expect(g.region.y0).toBeGreaterThanOrEqual(0);
        expect(g.region.x1).toBeLessThan(g.columns);
        expect(g.region.y1).toBeLessThan(g.rows);
        expect(g.reference.y).toBe(g.skinRowPx);
        expect(pointInRegion(g.reference, region(g))).toBe(true);
        expect(g.frameTimeMs * g.frameRateFps).toBeCloseTo(1000, 9);
        expect(g.frameCount).toBeGreaterThanOrEqual(40);
        expect(g.frameCount).toBeLessThanOrEqual(90);
        expect(g.frameRateFps).toBeGreaterThanOrEqual(20);
        expect(g.frameRateFps).toBeLessThanOrEqual(30);
      });

      it('keeps every structure inside the image and has at least one target, landmark and at-risk structure', () => {
        for (const s of g.structures) {
          for (const p of shapePoints(s.shape)) {
            expect(p.x, `${s.id}`).toBeGreaterThanOrEqual(0);
            expect(p.y, `${s.id}`).toBeGreaterThanOrEqual(0);
            expect(p.x, `${s.id}`).toBeLessThanOrEqual(g.columns);
            expect(p.y, `${s.id}`).toBeLessThanOrEqual(g.rows);
          }
        }
        const roles = new Set(g.structures.map((s) => s.role));
        expect(roles).toEqual(new Set(['target', 'landmark', 'at-risk']));
        expect(new Set(g.structures.map((s) => s.id)).size).toBe(g.structures.length);
      });

      it('needle: entry and target are measurable in mm (same calibrated region), tips move along the path and stop at the target', () => {
        const n = g.needle;
        const space = measurementSpace([n.entry, n.target], { regions: [region(g)] });
        expect(space.unit).toBe('mm');
        if (space.unit === 'mm') expect(space.mmPerPxX).toBeCloseTo(g.mmPerPx, 12);
        expect(n.tipByFrame).toHaveLength(g.frameCount);
        const len = Math.hypot(n.target.x - n.entry.x, n.target.y - n.entry.y);
        let prev = -1;
        n.tipByFrame.forEach((tip, f) => {
          if (f < n.firstFrame) return expect(tip).toBeNull();
          expect(tip).not.toBeNull();
          const d = Math.hypot(tip!.x - n.entry.x, tip!.y - n.entry.y);
          // on the entry→target segment (within rounding) and never retreating
          const cross = Math.abs((tip!.x - n.entry.x) * (n.target.y - n.entry.y) - (tip!.y - n.entry.y) * (n.target.x - n.entry.x)) / len;
          expect(cross).toBeLessThan(0.05);
          expect(d).toBeGreaterThanOrEqual(prev - 1e-9);
          prev = d;
          if (f >= n.reachesTargetFrame) expect(tip).toEqual(n.target);
          else expect(d).toBeLessThan(len);
        });
        expect(n.angleToSkinDeg).toBeCloseTo((Math.atan2(Math.abs(n.target.y - n.entry.y), Math.abs(n.target.x - n.entry.x)) * 180) / Math.PI, 1);
      });

      it('target point lies inside the target structure; key frames are in range and ordered', () => {
        const target = g.structures.find((s) => s.role === 'target')!;
        const sh = target.shape;
        if (sh.kind === 'contour') expect(inPoly(g.needle.target, sh.points)).toBe(true);
        for (const k of g.keyFrames) {
          expect(k.frame).toBeGreaterThanOrEqual(0);
          expect(k.frame).toBeLessThan(g.frameCount);
        }
        expect(g.keyFrames.find((k) => k.tag === 'target view')!.frame).toBe(g.needle.reachesTargetFrame);
        expect(g.keyFrames.find((k) => k.tag === 'scout view')!.frame).toBeLessThan(g.needle.firstFrame);
      });
    });
  }
});

describe('hand-computed figures', () => {
  it('thoracic paravertebral: 0.15 mm/px, target 52 mm deep, pleura 55.8 mm deep 10 mm lateral, 61.5 mm needle at ~57.7°', () => {
    expect(TP.mmPerPx).toBe(0.15);
    // region 320 × 460 px → 48 × 69 mm
    expect((TP.region.x1 - TP.region.x0 + 1) * TP.mmPerPx).toBeCloseTo(48, 9);
    expect((TP.region.y1 - TP.region.y0 + 1) * TP.mmPerPx).toBeCloseTo(69, 9);
    expect(pxToMm(TP, TP.needle.target).yMm).toBeCloseTo(52, 1);
    // target px = (320 − 9.5/0.15, 20 + 52/0.15) = (256.67, 366.67)
    expect(TP.needle.target.x).toBeCloseTo(256.67, 2);
    expect(TP.needle.target.y).toBeCloseTo(366.67, 2);
    const pleura = sampleStructure(TP, 'pleura')!.shape;
    expect(pleura.kind).toBe('polyline');
    if (pleura.kind === 'polyline') {
      const at10 = pleura.points.find((p) => Math.abs(p.x - (320 + 10 / 0.15)) < 0.01)!;
      expect((at10.y - TP.skinRowPx) * TP.mmPerPx).toBeCloseTo(55.8, 1);
      // The needle tip stops ~6 mm above the pleura (more than a 5 mm margin).
      const d = distMm(TP, TP.needle.target, pleura.points);
      expect(d).toBeGreaterThan(5);
      expect(d).toBeLessThan(7);
    }
    // entry (23.4, 0) → target (−9.5, 52): length √(32.9² + 52²) = 61.53 mm, angle atan(52/32.9) = 57.68°
    const e = pxToMm(TP, TP.needle.entry);
    const t = pxToMm(TP, TP.needle.target);
    expect(Math.hypot(t.xMm - e.xMm, t.yMm - e.yMm)).toBeCloseTo(61.53, 1);
    expect(TP.needle.angleToSkinDeg).toBeCloseTo(57.7, 1);
    expect(TP.injection?.maxPleuralDisplacementMm).toBe(3);
  });

  it('ganglion impar: SCJ opening 14.5 mm deep, tip ~3.2 mm beyond the ventral sacral cortex, rectum and ganglion not visible on US', () => {
    const scj = sampleStructure(GI, 'sacrococcygeal-junction')!.shape;
    expect(scj.kind).toBe('contour');
    if (scj.kind === 'contour') expect(pxToMm(GI, scj.points[0]!).yMm).toBeCloseTo(14.5, 1);
    expect(pxToMm(GI, GI.needle.target).yMm).toBeCloseTo(27.2, 1);
    expect(sampleStructure(GI, 'rectum')!.visibleOnUs).toBe(false);
    expect(sampleStructure(GI, 'ganglion-impar')!.visibleOnUs).toBe(false);
    // needle passes through the joint opening: at 14.5 mm depth its x lies between the cortices
    const e = pxToMm(GI, GI.needle.entry),
      t = pxToMm(GI, GI.needle.target);
    const xAt = e.xMm + ((t.xMm - e.xMm) * (14.5 - e.yMm)) / (t.yMm - e.yMm);
    expect(xAt).toBeGreaterThan(1.2 - 1.5);
    expect(xAt).toBeLessThan(1.2 + 1.5);
  });

  it('celiac plexus: sector bounds from R 50 mm, 60°, 150 mm at 0.35 mm/px; target 87.5 mm deep and 3.8 mm from the aortic wall', () => {
    // x0 = ⌊320 − 200·sin30°/0.35⌋ = ⌊34.29⌋, y1 = ⌊40 − 142.86 + 571.43⌋ = ⌊468.57⌋
    expect(CP.region).toEqual({ x0: 34, y0: 20, x1: 605, y1: 468 });
    expect(pxToMm(CP, CP.needle.target).yMm).toBeCloseTo(87.5, 1);
    const aorta = sampleStructure(CP, 'aorta')!.shape;
    expect(aorta.kind).toBe('ellipse');
    if (aorta.kind === 'ellipse') {
      const dPx = Math.hypot(CP.needle.target.x - aorta.center.x, CP.needle.target.y - aorta.center.y) - aorta.radiusX;
      // centre (4, 100) mm, r 11: √(8² + 12.5²) − 11 = 3.84 mm
      expect(dPx * CP.mmPerPx).toBeCloseTo(Math.hypot(8, 12.5) - 11, 1);
    }
    // entry at the skin level lateral to the probe face lies inside the region's bounding box
    expect(pointInRegion(CP.needle.entry, region(CP))).toBe(true);
    expect(CP.probe.kind).toBe('curvilinear');
  });
});

describe('hand-computed figures of the linear samples (issue 20 item 7)', () => {
  // Each fills 460 region rows with its imaging depth: mm/px = depth / 460; depth = (row − 20) × mm/px.
  const cases = [
    // id, imaging depth mm, target depth mm, template depth range mm (blocks.md) or null, needle mm
    ['interscalene', 36.8, 14.7, [10, 30], 50],
    ['femoral', 40, 20.4, [20, 40], 80],
    ['erector-spinae-plane', 48, 29.3, null, 80],
    ['transversus-abdominis-plane', 45, 24.2, null, 80],
  ] as const;
  for (const [id, depthMm, targetMm, range, needleMm] of cases) {
    it(`${id}: ${(depthMm / 460).toFixed(4)} mm/px, target ${targetMm} mm deep${range ? ` (within blocks.md's ${range[0]}–${range[1]} mm)` : ''}, needle ${needleMm} mm longer than the path`, () => {
      const g = sampleGeometry(id)!;
      expect(g.mmPerPx).toBeCloseTo(depthMm / 460, 12);
      expect(g.region.y1 - g.region.y0 + 1).toBe(460);
      expect((g.needle.target.y - g.skinRowPx) * g.mmPerPx).toBeCloseTo(targetMm, 1);
      if (range) {
        expect(targetMm).toBeGreaterThanOrEqual(range[0]);
        expect(targetMm).toBeLessThanOrEqual(range[1]);
      }
      expect(g.needle.lengthMm).toBe(needleMm);
      const pathMm = Math.hypot(g.needle.target.x - g.needle.entry.x, g.needle.target.y - g.needle.entry.y) * g.mmPerPx;
      expect(pathMm).toBeLessThan(needleMm);
      // The region is centred and the probe centre (reference) is a whole pixel in its middle.
      expect(Number.isInteger(g.reference.x)).toBe(true);
      expect(g.reference.x - g.region.x0).toBe(g.region.x1 + 1 - g.reference.x);
    });
  }
});
