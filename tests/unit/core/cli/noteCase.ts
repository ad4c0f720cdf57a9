/**
 * Builds an interscalene case around a real calibrated ultrasound fixture (GE V830, one US region,
 * 0.1392 mm/px) in a temporary folder, for the `blockplan note` tests. The clip is referenced by
 * absolute path; nothing is copied into the repository.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dicomFixturesDir } from '../../../support/shared';
import { CaseSchema, CURRENT_SCHEMA_VERSION, type CaseInput } from '../../../../core/plan/index';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FIXTURE = path.join(dicomFixturesDir(), 'orthanc-tests/PilatesArgenturGEUltrasoundOsiriX.dcm');
/** mm per px of the fixture's only ultrasound region (PhysicalDeltaX/Y 0.013921936042606831 cm). */
export const FIXTURE_MM_PER_PX = 0.13921936042606831;

export function interscaleneCase(overrides: Partial<CaseInput> = {}): CaseInput {
  const bytes = readFileSync(FIXTURE);
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: 'case-test-interscalene',
    title: 'Interscalene test case',
    createdAt: '2025-03-01T13:00:00Z',
    updatedAt: '2025-03-01T13:30:00Z',
    block: { templateId: 'interscalene', side: 'right', level: 'C5–C6', approach: null },
    clips: [
      {
        id: 'clip-1',
        path: FIXTURE,
        displayName: 'GE V830 clip',
        sopInstanceUid: null,
        studyInstanceUid: null,
        seriesInstanceUid: null,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        byteLength: bytes.length,
        frameCount: 1,
        rows: 735,
        columns: 975,
        beam: { kind: 'linear' },
      },
    ],
    keyFrames: [{ id: 'kf-1', clipId: 'clip-1', frameIndex: 0, tag: 'needle-visible', text: 'planned path to the roots' }],
    annotations: [
      { id: 'a-skin', clipId: 'clip-1', kind: 'line', points: [{ x: 10, y: 80 }, { x: 950, y: 80 }], role: 'skin', label: 'skin', frameIndex: null },
      { id: 'a-target', clipId: 'clip-1', kind: 'point', points: [{ x: 500, y: 300 }], role: 'target', label: 'C5/C6 roots', structureId: 'c5-c6-roots', frameIndex: null },
      { id: 'a-phrenic', clipId: 'clip-1', kind: 'ellipse', points: [{ x: 420, y: 330 }, { x: 470, y: 360 }], role: 'at-risk', label: 'Phrenic nerve', structureId: 'phrenic-nerve', frameIndex: null },
    ],
    needlePaths: [{ id: 'np-1', clipId: 'clip-1', frameIndex: null, entry: { x: 900, y: 80 }, target: { x: 500, y: 300 }, mode: 'in-plane', label: '' }],
    manualCalibrations: {},
    settings: {},
    patient: { name: 'Test Patient', id: 'BP-0001', birthDate: '1961-07-24', sex: 'male', weightKg: 82, heightCm: 178 },
    note: {
      status: 'performed',
      performedAt: '2025-03-01T14:05',
      staff: { operator: 'Dr A. Operator', supervisor: 'Dr B. Supervisor' },
      procedure: { technique: 'single-shot', indication: 'Arthroscopic shoulder surgery' },
      consent: { type: 'verbal', risksDiscussed: ['Hemidiaphragmatic paresis (phrenic nerve)'] },
      injectate: [{ site: 'C5–C6', agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 15, adrenaline: false }],
      events: { aspirationNegative: 'yes', paraesthesia: 'no' },
      complications: { occurred: 'no' },
    },
    ...overrides,
  };
}

/** Writes the case as JSON into a fresh temporary folder; returns the case path. */
export function writeCase(input: CaseInput = interscaleneCase(), name = 'case.bpcase'): string {
  CaseSchema.parse(input); // fail here, not in the CLI, if the test case itself is wrong
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-note-'));
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(input, null, 2));
  return file;
}
