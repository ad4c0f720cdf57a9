import { describe, expect, it } from 'vitest';
import type { Calibration, UltrasoundRegion } from '../../../../core/dicom/calibration';
import {
  computeAnnotationMetrics,
  computeNeedleMetrics,
  DEFAULT_MARGIN_MM,
  DEFAULT_STEEP_ANGLE_DEG,
  measureDistance,
  type AnnotationGeometry,
  type NeedleMetricSettings,
} from '../../../../core/geometry/index';

/** A B-mode region, 0.1 mm/px (PhysicalDelta 0.01 cm), covering x 0–799, y 50–599. */
function region(over: Partial<UltrasoundRegion> = {}): UltrasoundRegion {
  return { index: 0, x0: 0, y0: 50, x1: 799, y1: 599, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.01, ...over };
}
const cal01: Calibration = { regions: [region()] };
const settings: NeedleMetricSettings = { marginMm: DEFAULT_MARGIN_MM, steepAngleDeg: DEFAULT_STEEP_ANGLE_DEG, image: { columns: 800, rows: 600 }, beam: { kind: 'linear' } };
const path = { entry: { x: 100, y: 100 }, target: { x: 400, y: 500 }, mode: 'in-plane' as const };

describe('needle metrics, hand-computed at 0.1 mm/px', () => {
  it('path (100,100)→(400,500) px is 50.0 mm; depth, angles, entry offset', () => {
    const m = computeNeedleMetrics(path, [], cal01, settings);
    expect(m.pathLength).toEqual({ value: 50, unit: 'mm' });
    // Skin = top of the region (y0 = 50): depth (500-50) px × 0.1 = 45 mm
    expect(m.skin.source).toBe('region-top');
    expect(m.targetDepth.unit).toBe('mm');
    expect(m.targetDepth.value).toBeCloseTo(45, 12);
    // 3-4-5 triangle: atan(400/300) = 53.130° to the horizontal skin; 36.870° to the vertical beam
    expect(m.angleToSkin!.value).toBeCloseTo((Math.atan2(4, 3) * 180) / Math.PI, 10);
    expect(m.angleToBeam!.value).toBeCloseTo((Math.atan2(3, 4) * 180) / Math.PI, 10);
    expect(m.angleToBeam!.note).toBeUndefined();
    expect(m.steep).toBe(true); // 53° > 30°
    expect(m.warnings.map((w) => w.code)).toContain('steep-angle');
    // Entry x=100 px is 10 mm from the left edge of the region
    expect(m.entryOffset).toEqual({ distance: { value: 10, unit: 'mm' }, edge: 'left', inside: true });
    // Extension: from (400,500) along (3,4) until y = 600 (region bottom y1+1) → (475, 600)
    expect(m.extension).toEqual({ fromPx: { x: 400, y: 500 }, toPx: { x: 475, y: 600 }, bounds: 'region' });
  });

  it('clearance: pleura crossed only by the extension, artery at 8.8 mm from the path', () => {
    const anns: AnnotationGeometry[] = [
      { id: 'pl', kind: 'polyline', points: [{ x: 0, y: 560 }, { x: 800, y: 560 }], role: 'at-risk', label: 'Pleura' },
      // circle of radius 20 px (2 mm) centred (400,320): distance from the line = |300·4 − 220·3|/5 = 108 px
      { id: 'a', kind: 'ellipse', points: [{ x: 380, y: 300 }, { x: 420, y: 340 }], role: 'at-risk', label: 'Artery' },
      { id: 'tp', kind: 'contour', points: [{ x: 500, y: 100 }, { x: 600, y: 100 }, { x: 600, y: 150 }], role: 'landmark' },
    ];
    const m = computeNeedleMetrics(path, anns, cal01, settings);
    expect(m.clearances.map((c) => c.annotationId)).toEqual(['pl', 'a']); // landmarks are not clearances
    const pl = m.clearances[0]!;
    expect(pl.path.distance.value).toBeCloseTo(6, 12); // (560-500) px
    expect(pl.path.crosses).toBe(false);
    expect(pl.path.withinMargin).toBe(false);
    expect(pl.extension!.crosses).toBe(true);
    const art = m.clearances[1]!;
    expect(art.path.distance.unit).toBe('mm');
    expect(art.path.distance.value).toBeCloseTo(10.8 - 2, 9);
    expect(art.extension!.distance.value).toBeCloseTo(16, 9); // (500 − 340) px below the circle
    expect(m.warnings.find((w) => w.code === 'extension-crosses-at-risk')?.annotationId).toBe('pl');
    expect(m.warnings.some((w) => w.code === 'crosses-at-risk')).toBe(false);
  });

  it('margin: a structure 4 mm from the path is within the default 5 mm margin, and crossing is flagged', () => {
    const near: AnnotationGeometry = { id: 'v', kind: 'point', points: [{ x: 440, y: 470 }], role: 'at-risk', label: 'Vessel' };
    // distance of (440,470) from the line: |340·4 − 370·3|/5 = 50 px = 5.0 mm → within (≤ 5 mm)
    let m = computeNeedleMetrics(path, [near], cal01, settings);
    expect(m.clearances[0]!.path.distance.value).toBeCloseTo(5, 9);
    expect(m.clearances[0]!.path.withinMargin).toBe(true);
    m = computeNeedleMetrics(path, [near], cal01, { ...settings, marginMm: 4.9 });
    expect(m.clearances[0]!.path.withinMargin).toBe(false);
    const crossing: AnnotationGeometry = { id: 'x', kind: 'line', points: [{ x: 100, y: 400 }, { x: 400, y: 100 }], role: 'at-risk', label: 'Nerve' };
    m = computeNeedleMetrics(path, [crossing], cal01, settings);
    expect(m.clearances[0]!.path.crosses).toBe(true);
    expect(m.clearances[0]!.path.distance.value).toBe(0);
    expect(m.warnings.find((w) => w.code === 'crosses-at-risk')?.severity).toBe('danger');
  });

  it('a user-marked skin line replaces the region top for depth and angle', () => {
    const skin: AnnotationGeometry = { id: 's', kind: 'line', points: [{ x: 0, y: 100 }, { x: 800, y: 100 }], role: 'skin' };
    const m = computeNeedleMetrics(path, [skin], cal01, settings);
    expect(m.skin.source).toBe('annotation');
    expect(m.targetDepth.value).toBeCloseTo(40, 12);
    // A sloped skin line at 45°: angle to skin = 53.13 − 45 = 8.13°
    const sloped: AnnotationGeometry = { id: 's', kind: 'line', points: [{ x: 0, y: 0 }, { x: 600, y: 600 }], role: 'skin' };
    const m2 = computeNeedleMetrics(path, [sloped], cal01, settings);
    expect(m2.angleToSkin!.value).toBeCloseTo((Math.atan2(4, 3) * 180) / Math.PI - 45, 9);
  });

  it('a shallow path is not steep; out-of-plane never triggers the steep warning', () => {
    const shallow = { entry: { x: 100, y: 60 }, target: { x: 500, y: 260 }, mode: 'in-plane' as const }; // atan(200/400) = 26.6°
    const m = computeNeedleMetrics(shallow, [], cal01, settings);
    expect(m.angleToSkin!.value).toBeCloseTo((Math.atan(0.5) * 180) / Math.PI, 10);
    expect(m.steep).toBe(false);
    const oop = computeNeedleMetrics({ ...path, mode: 'out-of-plane' }, [], cal01, settings);
    expect(oop.steep).toBeNull();
    expect(oop.warnings.map((w) => w.code)).toContain('out-of-plane');
  });

  it('beam: radial from a known apex; assumed vertical (and said so) when unknown', () => {
    // Apex straight above the entry: the radial beam is vertical at the entry, same as linear.
    const r = computeNeedleMetrics(path, [], cal01, { ...settings, beam: { kind: 'radial', apex: { x: 100, y: -100 } } });
    expect(r.angleToBeam!.value).toBeCloseTo((Math.atan2(3, 4) * 180) / Math.PI, 10);
    // Apex on the needle's own line behind the entry: the needle runs along the beam → 0°.
    const along = computeNeedleMetrics(path, [], cal01, { ...settings, beam: { kind: 'radial', apex: { x: -200, y: -300 } } });
    expect(along.angleToBeam!.value).toBeCloseTo(0, 6);
    expect(along.beam).toBe('radial');
    const unk = computeNeedleMetrics(path, [], cal01, { ...settings, beam: { kind: 'unknown' } });
    expect(unk.beam).toBe('assumed-vertical');
    expect(unk.angleToBeam!.note).toMatch(/assumed vertical/);
  });
});

describe('calibration rule cases', () => {
  it('two regions side by side: a path across both is in px and says why', () => {
    const cal: Calibration = { regions: [region({ x1: 399 }), region({ index: 1, x0: 400, x1: 799 })] };
    // (Region bounds are inclusive pixel indices, so x = 400 still belongs to the left region: cross well past it.)
    const m = computeNeedleMetrics({ entry: { x: 100, y: 100 }, target: { x: 700, y: 500 }, mode: 'in-plane' }, [], cal, settings);
    expect(m.pathLength.unit).toBe('px');
    expect(m.pathLength.value).toBeCloseTo(Math.hypot(600, 400), 10);
    expect(m.pathLength.reason).toMatch(/different ultrasound regions/);
    expect(m.angleToSkin!.reason).toMatch(/uncalibrated pixels/);
    expect(m.warnings.map((w) => w.code)).toContain('uncalibrated');
    // A path inside the right-hand region alone is calibrated.
    const inside = computeNeedleMetrics({ entry: { x: 450, y: 100 }, target: { x: 750, y: 500 }, mode: 'in-plane' }, [], cal, settings);
    expect(inside.pathLength).toEqual({ value: 50, unit: 'mm' });
    expect(inside.entryOffset!.distance.value).toBeCloseTo(5, 12); // 50 px from x0=400
  });

  it('Doppler region: points in a spectral Doppler strip are not spatial → px', () => {
    // PW Doppler strip: time (s) on x, velocity (cm/s, code 7) on y
    const cal: Calibration = { regions: [region({ y1: 299 }), region({ index: 1, y0: 300, y1: 599, spatialFormat: 3, dataType: 3, unitsX: 4, unitsY: 7, deltaX: 0.004, deltaY: 0.5 })] };
    const d = measureDistance({ x: 100, y: 350 }, { x: 400, y: 550 }, cal);
    expect(d.unit).toBe('px');
    expect(d.reason).toMatch(/not calibrated in cm/);
    expect(measureDistance({ x: 100, y: 100 }, { x: 400, y: 200 }, cal).unit).toBe('mm');
  });

  it('negative deltas measure like positive ones', () => {
    const cal: Calibration = { regions: [region({ deltaX: -0.01, deltaY: -0.01 })] };
    expect(computeNeedleMetrics(path, [], cal, settings).pathLength).toEqual({ value: 50, unit: 'mm' });
  });

  it('no regions and no pixel spacing: px with a reason; pixel spacing fallback is anisotropic-correct', () => {
    const none = computeNeedleMetrics(path, [], { regions: [] }, settings);
    expect(none.pathLength).toMatchObject({ value: 500, unit: 'px' });
    expect(none.pathLength.reason).toMatch(/no calibration/);
    expect(none.skin.source).toBe('image-top');
    expect(none.targetDepth).toMatchObject({ value: 500, unit: 'px' });
    // rows 0.1 mm, columns 0.2 mm: dx = 300·0.2 = 60 mm, dy = 400·0.1 = 40 mm
    const aniso = computeNeedleMetrics(path, [], { regions: [], pixelSpacingMm: { rowMm: 0.1, colMm: 0.2, source: 'pixel-spacing' } }, settings);
    expect(aniso.pathLength.value).toBeCloseTo(Math.hypot(60, 40), 10);
    expect(aniso.angleToSkin!.value).toBeCloseTo((Math.atan2(40, 60) * 180) / Math.PI, 10);
    expect(aniso.targetDepth.value).toBeCloseTo(50, 10); // 500 px × 0.1 mm, image top
  });

  it('a manual calibration gives mm', () => {
    const cal: Calibration = { regions: [], manual: { a: { x: 0, y: 0 }, b: { x: 0, y: 200 }, knownDistanceMm: 20 } };
    expect(computeNeedleMetrics(path, [], cal, settings).pathLength).toEqual({ value: 50, unit: 'mm', manual: true });
  });

  it('clearances in px cannot be checked against the mm margin, and say so', () => {
    const anns: AnnotationGeometry[] = [{ id: 'v', kind: 'point', points: [{ x: 440, y: 470 }], role: 'at-risk' }];
    const m = computeNeedleMetrics(path, anns, { regions: [] }, settings);
    expect(m.clearances[0]!.path.distance.unit).toBe('px');
    expect(m.clearances[0]!.path.withinMargin).toBeNull();
    expect(m.warnings.map((w) => w.code)).toContain('margin-unchecked');
  });
});

describe('annotation metrics', () => {
  it('line length, contour area, ellipse axes and area, depth below the region top', () => {
    const anns: AnnotationGeometry[] = [
      { id: 'l', kind: 'line', points: [{ x: 100, y: 100 }, { x: 400, y: 500 }], role: 'landmark' },
      { id: 'c', kind: 'contour', points: [{ x: 100, y: 200 }, { x: 300, y: 200 }, { x: 300, y: 300 }, { x: 100, y: 300 }], role: 'at-risk' },
      { id: 'e', kind: 'ellipse', points: [{ x: 400, y: 300 }, { x: 500, y: 300 }, { x: 400, y: 350 }], role: 'target' },
    ];
    const [l, c, e] = anns.map((a) => computeAnnotationMetrics(a, anns, cal01, { columns: 800, rows: 600 }));
    expect(l!.length).toEqual({ value: 50, unit: 'mm' });
    expect(l!.depth!.value).toBeCloseTo(5, 12); // shallowest point y=100 → 50 px below y0=50
    expect(c!.area!.unit).toBe('mm²');
    expect(c!.area!.value).toBeCloseTo(200, 9); // 20 mm × 10 mm
    expect(c!.perimeter!.value).toBeCloseTo(60, 9);
    expect(c!.depth!.value).toBeCloseTo(15, 9);
    expect(e!.semiAxes!.a.value).toBeCloseTo(10, 9);
    expect(e!.semiAxes!.b.value).toBeCloseTo(5, 9);
    expect(e!.area!.value).toBeCloseTo(Math.PI * 50, 9);
    expect(e!.depth!.value).toBeCloseTo(20, 6); // top of the ellipse at y=250 → 200 px
  });
});
