import { describe, it, expect } from 'vitest';
import { getBlockTemplate } from '../../../../core/blocks';
import type { Calibration } from '../../../../core/dicom/calibration';
import { CaseSchema, measureClip } from '../../../../core/plan/index';
import { keyImageRequests, lateralityOf, noteSuggestions, plannedFromMeasurements, prefillNote, sideInLabel } from '../../../../core/notes/prefill';
import { FIXTURE_MM_PER_PX, interscaleneCase } from '../cli/noteCase';

/** The fixture's one ultrasound region, as dcmdump lists it (x 1–959, y 74–734, 0.013921936 cm/px). */
const calibration: Calibration = {
  regions: [{ index: 0, x0: 1, y0: 74, x1: 959, y1: 734, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: FIXTURE_MM_PER_PX / 10, deltaY: FIXTURE_MM_PER_PX / 10 }],
};

describe('prefill from a case', () => {
  const plan = CaseSchema.parse(interscaleneCase());
  const measurements = [measureClip(plan, 'clip-1', calibration)];
  const t = getBlockTemplate('interscalene')!;

  it('fills empty fields from the case and template, keeps what the user typed', () => {
    const n = prefillNote(plan, measurements);
    expect(n.procedure.blockName).toBe(t.nomenclature.standardName);
    expect(n.procedure.side).toBe('right');
    expect(n.procedure.level).toBe('C5–C6');
    expect(n.procedure.approach).toBe(t.approaches.find((a) => a.primary)!.name);
    expect(n.identity.patientId).toBe('BP-0001');
    expect(n.preChecks.weightKg).toBe(82);
    expect(n.guidance.probe).toBe(t.probe.type);
    expect(n.guidance.structuresIdentified).toEqual(['C5/C6 roots', 'Phrenic nerve']); // skin line excluded
    expect(n.needle.gaugeG).toBe(t.needle.gaugeG.min);
    expect(n.doseSettings.interscalene).toBe(true);
    expect(n.staff.operator).toBe('Dr A. Operator'); // typed, kept
    const typed = prefillNote(CaseSchema.parse(interscaleneCase({ note: { procedure: { level: 'C6' }, guidance: { probe: 'hockey stick' } } })), measurements);
    expect(typed.procedure.level).toBe('C6');
    expect(typed.guidance.probe).toBe('hockey stick');
  });

  it('does not prefill ranges or [?] values; offers them as suggestions', () => {
    const plan2 = CaseSchema.parse(interscaleneCase({ block: { templateId: 'thoracic-paravertebral', side: 'left', level: 'T4', approach: null }, note: undefined }));
    const tp = getBlockTemplate('thoracic-paravertebral')!;
    const n = prefillNote(plan2);
    if (tp.needle.lengthMm.min !== tp.needle.lengthMm.max) expect(n.needle.lengthMm).toBeUndefined();
    const s = noteSuggestions(plan2);
    expect(s.risks).toEqual(tp.complications.map((c) => c.name));
    expect(n.consent.risksDiscussed).toEqual([]); // never ticked on the user's behalf
  });

  it('planned numbers come from the plan (hand-computed) and are always recomputed', () => {
    const stale = CaseSchema.parse(interscaleneCase({ note: { planned: [{ kind: 'target-depth', label: 'old', value: 99, unit: 'mm' }] } }));
    const planned = prefillNote(stale, measurements).planned;
    const depth = planned.find((p) => p.kind === 'target-depth')!;
    expect(depth.value).toBeCloseTo(220 * FIXTURE_MM_PER_PX, 6);
    expect(depth.unit).toBe('mm');
    expect(planned.find((p) => p.kind === 'path-length')!.value).toBeCloseTo(Math.hypot(400, 220) * FIXTURE_MM_PER_PX, 6);
    expect(planned.find((p) => p.kind === 'angle-to-skin')!.value).toBeCloseTo((Math.atan2(220, 400) * 180) / Math.PI, 6);
    expect(planned.find((p) => p.kind === 'clearance')!.structure).toBe('Phrenic nerve');
    expect(planned.some((p) => p.value === 99)).toBe(false);
  });

  it('uncalibrated numbers stay in px with the reason', () => {
    const m = [measureClip(plan, 'clip-1', { regions: [] })];
    const p = plannedFromMeasurements(m);
    expect(p.every((x) => x.unit !== 'mm')).toBe(true);
    expect(p.find((x) => x.kind === 'path-length')!.unit).toBe('px');
    expect(p.find((x) => x.kind === 'path-length')!.uncalibratedReason).toBeTruthy();
  });

  it('key images: one per key frame, with annotations, the needle path and its numbers', () => {
    const reqs = keyImageRequests(plan, measurements);
    expect(reqs).toHaveLength(1);
    expect(reqs[0]!.caption).toBe('GE V830 clip, frame 1 — needle visible: planned path to the roots');
    const kinds = reqs[0]!.shapes.map((s) => s.kind);
    expect(kinds).toContain('ellipse');
    expect(kinds).toContain('arrow');
    const labels = reqs[0]!.shapes.filter((s) => s.kind === 'label').map((s) => (s as { text: string }).text).join('\n');
    expect(labels).toContain(`depth ${(220 * FIXTURE_MM_PER_PX).toFixed(1)} mm`);
    expect(labels).toContain('Phrenic nerve');
  });

  it('laterality: block side, sides named in labels, DICOM laterality of clips', () => {
    expect(sideInLabel('Right phrenic nerve')).toBe('right');
    expect(sideInLabel('Brightness')).toBeUndefined();
    expect(sideInLabel('left and right')).toBeUndefined();
    const lat = lateralityOf(plan, new Map([['clip-1', 'L']]));
    expect(lat.blockSide).toBe('right');
    expect(lat.clips[0]!.side).toBe('left');
  });
});
