import { CaseSchema, CURRENT_SCHEMA_VERSION, type Case } from '../../../../core/plan/index';
import { NoteSchema } from '../../../../core/notes/schema';

/** A small but complete case used across the plan tests. */
export function sampleCase(): Case {
  return CaseSchema.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: 'case-1',
    title: 'TPVB T4 right',
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:05:00.000Z',
    block: { templateId: 'thoracic-paravertebral', side: 'right', level: 'T4', approach: 'transverse-intercostal' },
    clips: [
      {
        id: 'c1',
        path: 'clips/tpvb.dcm',
        displayName: 'tpvb.dcm',
        sopInstanceUid: '2.25.1',
        studyInstanceUid: '2.25.2',
        seriesInstanceUid: '2.25.3',
        sha256: 'a'.repeat(64),
        frameCount: 10,
        rows: 600,
        columns: 800,
        beam: { kind: 'linear' },
      },
    ],
    keyFrames: [{ id: 'k1', clipId: 'c1', frameIndex: 3, tag: 'target', text: 'tip at target' }],
    annotations: [
      { id: 'a1', clipId: 'c1', kind: 'polyline', points: [{ x: 0, y: 400 }, { x: 800, y: 420 }], label: 'Pleura', structureId: 'parietal-pleura', role: 'at-risk', frameIndex: null },
      { id: 'a2', clipId: 'c1', kind: 'point', points: [{ x: 400, y: 350 }], label: 'PVS', structureId: 'paravertebral-space', role: 'target', frameIndex: 3 },
    ],
    needlePaths: [{ id: 'n1', clipId: 'c1', frameIndex: null, entry: { x: 100, y: 60 }, target: { x: 400, y: 350 }, mode: 'in-plane', label: 'Needle' }],
    manualCalibrations: {},
    settings: { marginMm: 5, steepAngleDeg: 30 },
    patient: { weightKg: 70 },
    note: NoteSchema.parse({}),
    scene3d: { models: [], atRisk: [], clipLinks: [] },
    teaching: { deidentified: false },
    extensions: { 'rehearsal-v0': { draft: true } },
  });
}
