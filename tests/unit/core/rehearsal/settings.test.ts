import { describe, expect, it } from 'vitest';
import { getBlockTemplate } from '../../../../core/blocks/index';
import { parseCase, serializeCase } from '../../../../core/plan/index';
import { REHEARSAL_DEFAULTS, REHEARSAL_SOURCES, resolveRehearsal, revealsAnswer, traineeCase } from '../../../../core/rehearsal/index';
import { edited, loadSample, SAMPLES, syntheticExpert } from './fixtures';

describe('teaching case settings: defaults from the plan', () => {
  it.each(SAMPLES)('the %s sample is a teaching case out of the box: every task, structures with the template’s “why”', (name) => {
    const { plan } = loadSample(name);
    const r = resolveRehearsal(plan);
    expect(r.teaching).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.tasks.map((t) => t.id)).toEqual(['find-view', 'identify-structures', 'plan-needle', 'block-details']);
    expect(r.view).toEqual({ keyFrameId: plan.keyFrames.find((k) => k.tag === 'target')!.id, frameIndex: plan.keyFrames.find((k) => k.tag === 'target')!.frameIndex });
    const template = getBlockTemplate(plan.block.templateId!)!;
    // Every target and at-risk annotation is asked; a template structure's explanation is its "why".
    for (const a of plan.annotations.filter((x) => x.role === 'target' || x.role === 'at-risk')) {
      const s = r.structures.find((x) => x.annotationId === a.id)!;
      expect(s).toBeDefined();
      if (a.structureId) expect(s.explanation).toBe(template.structures.find((t) => t.id === a.structureId)!.why);
    }
    expect(r.structures.some((s) => s.role === 'landmark' && s.structureId === null)).toBe(false);
    expect(r.hints).toEqual(['skin']);
    // Objectives made from the tasks; the sample's teaching comment explains the path after submission
    // (it names the route and angle, so it is not shown before).
    expect(r.learningObjectives).toHaveLength(4);
    expect(r.tasks.find((t) => t.id === 'plan-needle')!.explanation).toMatch(/^Teaching: /);
    expect(r.learningObjectives.join(' ')).not.toMatch(/Teaching: /);
    expect(r.tolerances.targetFullMm).toBe(REHEARSAL_DEFAULTS.tolerances.targetFullMm.value);
  });

  it('the paravertebral sample asks side and approach (template: three sides, two approaches); the midline ones only the approach', () => {
    expect(resolveRehearsal(loadSample('thoracic-paravertebral').plan).blockDetails).toEqual(['side', 'approach']);
    expect(resolveRehearsal(loadSample('celiac-plexus').plan).blockDetails).toEqual(['approach']);
  });

  it('an educator’s settings override the defaults; references to what the case lacks are listed, not fatal', () => {
    const c = edited(syntheticExpert(), (x) => {
      x.teaching = {
        title: 'Femoral drill',
        learningObjectives: ['Keep clear of the artery.'],
        deidentified: false,
        deidentificationFlags: {},
        rehearsal: {
          tasks: ['plan-needle', 'find-view', 'plan-needle'],
          weights: { 'plan-needle': 60 },
          tolerances: { targetFullMm: 1 },
          structures: ['art', 'nope'],
          margins: { art: 2, tgt: 3 },
          blockDetails: ['side', 'volume'],
          passPercent: 80,
          hide: { block: false },
          hints: [],
          explanations: { structures: { art: 'Femoral artery: puncture.' }, steps: { 'plan-needle': 'From lateral.' } },
        },
      };
    });
    const r = resolveRehearsal(c);
    expect(r.title).toBe('Femoral drill');
    expect(r.tasks).toEqual([
      { id: 'plan-needle', weight: 60, explanation: 'From lateral.' },
      { id: 'find-view', weight: 15, explanation: 'the view' },
    ]);
    expect(r.structures.map((s) => [s.annotationId, s.explanationSource, s.explanation])).toEqual([['art', 'educator', 'Femoral artery: puncture.']]);
    expect(r.margins).toEqual({ art: 2 });
    expect(r.blockDetails).toEqual(['side']);
    expect(r.tolerances.targetFullMm).toBe(1);
    expect(r.tolerances.targetZeroMm).toBe(15);
    expect(r.passPercent).toBe(80);
    expect(r.hide).toEqual({ annotations: true, needlePaths: true, keyFrames: true, block: false });
    expect(r.learningObjectives).toEqual(['Keep clear of the artery.']);
    expect(r.problems).toHaveLength(3);
    for (const what of ['“nope”', '“tgt”', '“volume”']) expect(r.problems.some((p) => p.includes(what))).toBe(true);
  });

  it('the settings save and read back unchanged; a file without them (written before) still opens and rehearses', () => {
    const c = edited(syntheticExpert(), (x) => {
      x.teaching = { learningObjectives: [], deidentified: false, deidentificationFlags: {}, rehearsal: { tasks: ['plan-needle'], tolerances: { angleZeroDeg: 45 } } };
      x.rehearsal = { attempts: [], blockDetails: { needleGaugeG: 22, needleLengthMm: 80, volumeMl: 12 } };
    });
    const back = parseCase(serializeCase(c), 'x.bpcase');
    expect(back.ok && back.value.plan).toEqual(c);
    const { plan } = loadSample('ganglion-impar');
    const { rehearsal: _settings, ...without } = plan.teaching!;
    expect(resolveRehearsal({ ...plan, teaching: without }).tasks.length).toBe(4);
  });

  it('invalid settings are refused with the field named', () => {
    const text = serializeCase(syntheticExpert()).replace('"teaching": {', '"teaching": { "rehearsal": { "tasks": ["juggle"] },');
    const r = parseCase(text, 'bad.bpcase');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.title).toContain('teaching.rehearsal.tasks[0]');
  });

  it('a v1 (draft format) file migrates and rehearses with the defaults', () => {
    const v1 = {
      schemaVersion: 1,
      id: 'old',
      created: '2025-05-01T09:00:00Z',
      modified: '2025-05-01T09:00:00Z',
      blockId: 'ganglion-impar',
      side: 'M',
      clips: [{ id: 'k', file: 'impar.dcm', sha256: 'ab'.repeat(32), frames: 40, width: 640, height: 480 }],
      annotations: [{ id: 't', clip: 'k', type: 'polygon', pts: [[10, 10], [50, 10], [50, 50]], label: 'Target', role: 'target' }],
      needle: { clip: 'k', entry: [300, 0], target: [30, 30] },
    };
    const r = parseCase(JSON.stringify(v1), 'old.bpcase');
    expect(r.ok && r.value.migrated).toBe(true);
    if (!r.ok) return;
    // Midline (the template's only side) and no approach chosen: no block detail to ask.
    expect(resolveRehearsal(r.value.plan).tasks.map((t) => t.id)).toEqual(['identify-structures', 'plan-needle']);
  });
});

describe('the trainee’s starting case', () => {
  it.each(SAMPLES)('%s: the expert answer is removed, not hidden; the skin line stays as a hint', (name) => {
    const { plan } = loadSample(name);
    const r = resolveRehearsal(plan);
    const t = traineeCase(plan, r);
    expect(t.annotations.map((a) => a.id)).toEqual(['skin']);
    expect([t.needlePaths, t.keyFrames]).toEqual([[], []]);
    expect(t.block).toEqual({ templateId: plan.block.templateId, side: null, level: null, approach: null });
    expect(t.scene3d).toBeUndefined();
    expect(revealsAnswer(t, plan, r)).toEqual([]);
    expect(revealsAnswer(plan, plan, r).length).toBeGreaterThan(0);
  });
});

describe('sources', () => {
  it('every source has a DOI link and says what BlockPlan takes from it; every default is labelled', () => {
    for (const s of Object.values(REHEARSAL_SOURCES)) {
      expect(s.url).toMatch(/^https:\/\/doi\.org\/10\./);
      expect(s.usedFor.length).toBeGreaterThan(20);
    }
    const walk = (o: object): { origin: string }[] => Object.values(o).flatMap((v) => (v && typeof v === 'object' ? ('origin' in v ? [v] : walk(v)) : []));
    const all = walk(REHEARSAL_DEFAULTS);
    expect(all.length).toBeGreaterThan(20);
    for (const d of all) expect(d.origin === 'blockplan' || d.origin in REHEARSAL_SOURCES).toBe(true);
  });
});
