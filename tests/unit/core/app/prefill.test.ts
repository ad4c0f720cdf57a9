import { describe, it, expect } from 'vitest';
import { getBlockTemplate } from '../../../../core/blocks';
import type { Calibration } from '../../../../core/dicom/calibration';
import { CaseSchema, measureClip } from '../../../../core/plan/index';
import { caseNoteDocument, keyImageRequests, lateralityOf, noteSuggestions, plannedFromMeasurements, prefillNote, sideInLabel } from '../../../../core/app/index';
import { confirmForExport } from '../../../../core/notes/document';
import { noteToMarkdown } from '../../../../core/notes/export/markdown';
import { FIXTURE_MM_PER_PX, interscaleneCase } from '../cli/noteCase';

/** The fixture's one ultrasound region, as dcmdump lists it (x 1–959, y 74–734, 0.013921936 cm/px). */
const calibration: Calibration = {
  regions: [{ index: 0, x0: 1, y0: 74, x1: 959, y1: 734, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: FIXTURE_MM_PER_PX / 10, deltaY: FIXTURE_MM_PER_PX / 10 }],
};

describe('prefill from a case', () => {
  const plan = CaseSchema.parse(interscaleneCase());
  const measurements = [measureClip(plan, 'clip-1', calibration)];
  const t = getBlockTemplate('interscalene')!;

  it('fills empty fields from what the user entered in the case, keeps what the user typed', () => {
    const n = prefillNote(plan, measurements);
    expect(n.procedure.blockName).toBe(t.nomenclature.standardName);
    expect(n.procedure.side).toBe('right');
    expect(n.procedure.level).toBe('C5–C6');
    expect(n.procedure.approach).toBeUndefined(); // no approach chosen in the plan: not the template's primary
    expect(prefillNote(CaseSchema.parse(interscaleneCase({ block: { templateId: 'interscalene', side: 'right', level: null, approach: t.approaches[0]!.id } }))).procedure.approach).toBe(t.approaches[0]!.name);
    expect(n.identity.patientId).toBe('BP-0001');
    expect(n.preChecks.weightKg).toBe(82);
    expect(n.guidance.structuresIdentified).toEqual(['C5/C6 roots', 'Phrenic nerve']); // skin line excluded
    expect(n.guidance.needleApproach).toBe('in-plane'); // the drawn needle path's mode
    expect(n.doseSettings.interscalene).toBe(true);
    expect(n.staff.operator).toBe('Dr A. Operator'); // typed, kept
    const typed = prefillNote(CaseSchema.parse(interscaleneCase({ note: { procedure: { level: 'C6' }, guidance: { probe: 'hockey stick' } } })), measurements);
    expect(typed.procedure.level).toBe('C6');
    expect(typed.guidance.probe).toBe('hockey stick');
  });

  it('never writes template guidance into a field: ranges and alternatives are offered beside it', () => {
    // Issue 11: "22G Tuohy or short-bevel (16–18G …)", "lateral to medial … or caudal to cranial", "6–13 MHz" were written as if recorded.
    const plan2 = CaseSchema.parse(interscaleneCase({ block: { templateId: 'thoracic-paravertebral', side: 'left', level: 'T4', approach: null }, note: undefined, needlePaths: [] }));
    const tp = getBlockTemplate('thoracic-paravertebral')!;
    const n = prefillNote(plan2);
    for (const k of ['modality', 'probe', 'frequencyMinMHz', 'frequencyMaxMHz', 'needleDirection', 'needleApproach'] as const) expect(n.guidance[k], k).toBeUndefined();
    for (const k of ['type', 'gaugeG', 'lengthMm'] as const) expect(n.needle[k], k).toBeUndefined();
    expect(JSON.stringify(n)).not.toMatch(/Tuohy|caudal to cranial|6–13/);
    const s = noteSuggestions(plan2);
    expect(s.needleType).toBe(tp.needle.type);
    expect(s.needleType).toMatch(/Tuohy or short-bevel/);
    expect(s.needleDirection).toBe(tp.needle.direction);
    expect(s.frequencyMHz).toMatchObject({ min: 6, max: 13 });
    expect(s.probe).toMatch(/^linear; curvilinear if deep/);
    expect(s.modality).toMatch(/^ultrasound/);
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
    expect(sideInLabel('ISB_left_arm.dcm')).toBe('left');
    expect(sideInLabel('leftover fluid')).toBeUndefined();
    const lat = lateralityOf(plan, new Map([['clip-1', { image: 'U', series: 'L' }]]));
    expect(lat.blockSide).toBe('right');
    expect(lat.clips[0]!.side).toBe('left');
    expect(lat.noteSide).toBeUndefined(); // nothing typed
    const typed = lateralityOf(CaseSchema.parse(interscaleneCase({ note: { procedure: { side: 'left' } } })));
    expect(typed.noteSide).toBe('left');
  });
});

describe('warnings reach the note (issue 11 item 7)', () => {
  // The phrenic nerve marked not visible on ultrasound, and a 50 mm margin the path cannot keep.
  const input = interscaleneCase({ settings: { marginMm: 50 } });
  input.annotations = input.annotations!.map((a) => (a.id === 'a-phrenic' ? { ...a, notVisibleOnUltrasound: true } : a));
  const plan = CaseSchema.parse(input);
  const measurements = [measureClip(plan, 'clip-1', calibration)];

  it('each planned number carries the plan’s warnings; a hidden structure’s clearance is an estimate; the path length is in-image', () => {
    const planned = plannedFromMeasurements(measurements, plan);
    const clearance = planned.find((p) => p.kind === 'clearance')!;
    expect(clearance.notVisibleOnUltrasound).toBe(true);
    expect(clearance.warnings.join(" ")).toMatch(/passes [\d.]+ mm from “Phrenic nerve” \(margin 50 mm, a BlockPlan setting\)/);
    const path = planned.find((p) => p.kind === 'path-length')!;
    expect(path.label).toBe('Needle path length in the image');
    expect(path.caveat).toMatch(/outside the image/);
  });

  it('the exported table prints them: "estimated — not visible on ultrasound", the warnings column, the out-of-image distance named', () => {
    const doc = caseNoteDocument({ plan, measurements, keyImages: [], sources: [], generatedAt: '2025-03-01T15:00:00Z', app: { name: 'BlockPlan', version: 't' } });
    if (!doc.ok) throw new Error(doc.error.title);
    const confirmed = confirmForExport(doc.value, 'right', lateralityOf(plan), { confirmedAt: '2025-03-01T15:00:00Z' });
    if (!confirmed.ok) throw new Error(confirmed.error.title);
    const md = noteToMarkdown(confirmed.value, { images: 'caption-only' });
    const row = md.split('\n').find((l) => l.startsWith('| Planned clearance to Phrenic nerve |'))!;
    expect(row).toMatch(/^\| Planned clearance to Phrenic nerve \| [\d.]+ mm \(estimated — not visible on ultrasound\) \| Phrenic nerve \|/);
    expect(row).toMatch(/The path passes [\d.]+ mm from “Phrenic nerve” \(margin 50 mm, a BlockPlan setting\)\./);
    expect(md).toContain('| Planned needle path length in the image |');
    expect(md).toMatch(/Planned needle path length in the image: Length inside the image only.*skin puncture to the edge of the probe, outside the image/);
  });
});
