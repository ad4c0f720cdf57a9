import { describe, expect, it } from 'vitest';
import { getBlockTemplate } from '../../../../core/blocks/index';
import type { Calibration, UltrasoundRegion } from '../../../../core/dicom/index';
import { impliedImageDepthMm, plausibilityWarnings, type PlausibilityReference } from '../../../../core/geometry/index';
import { createCase, executeCommand, measureClip, plausibilityReference, type Case, type PlanCommand } from '../../../../core/plan/index';

/**
 * The plausibility guard's thresholds, computed by hand from the thoracic paravertebral template:
 * typical depth 55 mm (S6, no maximum) → flagged above 82.5 mm; needle 50–100 mm (S3, S5) → a path is
 * flagged above 150 mm; an image deeper than 300 mm; a needle shorter than the path.
 */
const mm = (value: number) => ({ value, unit: 'mm' as const });
const px = (value: number) => ({ value, unit: 'px' as const, reason: 'uncalibrated' });
const codes = (w: { code: string; about?: string }[]) => w.map((x) => `${x.code}:${x.about}`);

const tpvbPlan = (): Case => {
  let plan = createCase({ id: 'p', now: '2026-01-01T00:00:00.000Z' });
  const r = executeCommand(plan, { type: 'set-block', block: { templateId: 'thoracic-paravertebral', side: 'left', level: 'T4', approach: null } });
  if (!r.ok) throw new Error(r.error.title);
  plan = r.value;
  return plan;
};

describe('plausibility rules at their boundaries', () => {
  const ref: PlausibilityReference = plausibilityReference(tpvbPlan());

  it('reads the limits from the template (cited values), not from constants of its own', () => {
    const t = getBlockTemplate('thoracic-paravertebral')!;
    expect(t.depthMm.typical).toBe(55);
    expect(t.depthMm.max).toBeNull();
    expect(ref.depth).toEqual({ mm: 55, basis: 'typical', sourceIds: ['S6'], uncertain: false });
    expect(ref.needleLength).toEqual({ mm: 100, basis: 'max', sourceIds: ['S3', 'S5'], uncertain: false });
    expect(ref.plannedNeedleLengthMm).toBeNull();
    // A block whose depth the reference does not give: depth is not checked.
    expect(getBlockTemplate('erector-spinae-plane')!.depthMm.status).toBe('unknown');
  });

  it('depth: 82.5 mm passes, 82.51 mm is flagged; path: 150 mm passes, 150.01 mm is flagged', () => {
    expect(plausibilityWarnings({ targetDepth: mm(82.5), pathLength: mm(150) }, ref, null)).toEqual([]);
    expect(codes(plausibilityWarnings({ targetDepth: mm(82.51), pathLength: mm(150) }, ref, null))).toEqual(['implausible-depth:target-depth']);
    expect(codes(plausibilityWarnings({ targetDepth: mm(82.5), pathLength: mm(150.01) }, ref, null))).toEqual(['implausible-depth:path-length']);
  });

  it('numbers in px are never compared with mm limits', () => {
    expect(plausibilityWarnings({ targetDepth: px(5000), pathLength: px(9000) }, { ...ref, plannedNeedleLengthMm: 10 }, null)).toEqual([]);
  });

  it('needle-too-short: an 80 mm needle and an 80 mm path pass; an 80.01 mm path is flagged', () => {
    const r = { ...ref, plannedNeedleLengthMm: 80 };
    expect(plausibilityWarnings({ targetDepth: mm(50), pathLength: mm(80) }, r, null)).toEqual([]);
    expect(codes(plausibilityWarnings({ targetDepth: mm(50), pathLength: mm(80.01) }, r, null))).toEqual(['needle-too-short:path-length']);
  });

  it('implausible-calibration above a 300 mm deep image, from the region containing the target', () => {
    const region = (deltaCm: number): UltrasoundRegion => ({ index: 0, x0: 0, y0: 20, x1: 639, y1: 479, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: deltaCm, deltaY: deltaCm });
    // 460 rows: 300 mm at 300/460 mm/px exactly; a little more is flagged.
    const at = { x: 300, y: 200 };
    const exact = impliedImageDepthMm({ regions: [region(30 / 460)] }, at, { rows: 480 })!;
    expect(exact.rows).toBe(460);
    expect(exact.mm).toBeCloseTo(300, 9);
    const deeper = impliedImageDepthMm({ regions: [region(30.01 / 460)] }, at, { rows: 480 })!;
    expect(plausibilityWarnings({ targetDepth: mm(10), pathLength: mm(10) }, ref, { ...exact, mm: 300 })).toEqual([]);
    expect(codes(plausibilityWarnings({ targetDepth: mm(10), pathLength: mm(10) }, ref, deeper))).toEqual(['implausible-calibration:calibration']);
    // Pixel spacing: the whole image's rows.
    const ps: Calibration = { regions: [], pixelSpacingMm: { rowMm: 0.7, colMm: 0.7, source: 'pixel-spacing' } };
    expect(impliedImageDepthMm(ps, at, { rows: 480 })!.mm).toBeCloseTo(336, 9);
    expect(impliedImageDepthMm({ regions: [] }, at, { rows: 480 })).toBeNull();
  });
});

describe('measureClip carries the guard (the plan panel, measure and the note read it)', () => {
  it('a 0.5 mm/px clip: target 100 mm deep, path 141.4 mm; the note’s 120 mm needle is too short', () => {
    const cmds: PlanCommand[] = [
      { type: 'add-clip', clip: { id: 'c', path: 'c.dcm', displayName: 'c.dcm', sopInstanceUid: null, studyInstanceUid: null, seriesInstanceUid: null, sha256: 'a'.repeat(64), byteLength: 1, frameCount: 1, rows: 400, columns: 400, beam: { kind: 'linear' }, origin: { kind: 'file' } } },
      { type: 'add-needle-path', path: { id: 'n', clipId: 'c', frameIndex: null, entry: { x: 0, y: 0 }, target: { x: 200, y: 200 }, mode: 'in-plane' } },
    ];
    let plan = tpvbPlan();
    for (const c of cmds) {
      const r = executeCommand(plan, c);
      if (!r.ok) throw new Error(`${c.type}: ${r.error.title}`);
      plan = r.value;
    }
    plan = { ...plan, note: { ...(plan.note ?? {}), needle: { lengthMm: 120 } } as Case['note'] };
    const cal: Calibration = { regions: [], pixelSpacingMm: { rowMm: 0.5, colMm: 0.5, source: 'pixel-spacing' } };
    const n = measureClip(plan, 'c', cal).needlePaths[0]!;
    expect(n.targetDepth.value).toBeCloseTo(100, 9); // 200 px × 0.5 below the image top
    expect(n.pathLength.value).toBeCloseTo(Math.hypot(100, 100), 9);
    const got = codes(n.warnings).filter((c) => /implausible|too-short/.test(c));
    // 100 > 82.5 (depth); 141.4 ≤ 150 (path); 120 < 141.4 (needle); 400 rows × 0.5 = 200 mm ≤ 300.
    expect(got).toEqual(['implausible-depth:target-depth', 'needle-too-short:path-length']);
  });
});
