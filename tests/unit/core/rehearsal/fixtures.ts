import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Calibration, UltrasoundRegion } from '../../../../core/dicom/calibration';
import { openDicom } from '../../../../core/dicom/index';
import { CaseSchema, parseCase, type AnnotationInput, type Case, type CaseInput } from '../../../../core/plan/index';
import type { ClipContext } from '../../../../core/rehearsal/index';

export const repoRoot = resolve(__dirname, '../../../..');
export const SAMPLES = ['thoracic-paravertebral', 'celiac-plexus', 'ganglion-impar'] as const;

/** One B-mode region over the whole 640×480 image at `mmPerPx` (Physical Delta in cm = mm/10). */
export function regionCalibration(mmPerPx: number): Calibration {
  const r: UltrasoundRegion = { index: 0, x0: 0, y0: 0, x1: 639, y1: 479, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: mmPerPx / 10, deltaY: mmPerPx / 10 };
  return { regions: [r] };
}

/** A sample case as shipped and its clip's context read from the sample DICOM file. */
export function loadSample(name: (typeof SAMPLES)[number]): { plan: Case; ctx: ClipContext; clips: Map<string, ClipContext> } {
  const r = parseCase(readFileSync(resolve(repoRoot, 'assets/samples', `${name}.bpcase`), 'utf8'), name);
  if (!r.ok) throw new Error(r.error.title);
  const d = openDicom(new Uint8Array(readFileSync(resolve(repoRoot, 'assets/samples', `${name}.dcm`))), { fileName: name });
  if (!d.ok) throw new Error(d.error.message);
  const ctx = { calibration: d.value.calibration, timing: d.value.timing };
  return { plan: r.value.plan, ctx, clips: new Map([[r.value.plan.clips[0]!.id, ctx]]) };
}

const SHA = 'a'.repeat(64);

/**
 * A small expert case on a 640×480 linear clip of 40 frames: a square target (200–300, 200–300 px),
 * a square at-risk "artery" (350–400, 250–300 px), a point landmark, the skin line, a needle path from
 * (100, 0) to the target's centre (250, 250), a target key frame at 20, a right-sided femoral block.
 */
export function syntheticExpert(over: Partial<CaseInput> = {}, extra: AnnotationInput[] = []): Case {
  const sq = (x0: number, y0: number, x1: number, y1: number) => [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ];
  return CaseSchema.parse({
    schemaVersion: 2,
    id: 'syn',
    title: 'synthetic',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    block: { templateId: 'femoral', side: 'right', level: null, approach: null },
    clips: [{ id: 'c', path: 'c.dcm', displayName: 'c.dcm', sopInstanceUid: null, studyInstanceUid: null, seriesInstanceUid: null, sha256: SHA, frameCount: 40, rows: 480, columns: 640, beam: { kind: 'linear' } }],
    keyFrames: [{ id: 'k', clipId: 'c', frameIndex: 20, tag: 'target', text: 'the view' }],
    annotations: [
      { id: 'skin', clipId: 'c', kind: 'line', points: [{ x: 0, y: 0 }, { x: 640, y: 0 }], role: 'skin', frameIndex: null },
      { id: 'tgt', clipId: 'c', kind: 'contour', points: sq(200, 200, 300, 300), label: 'target', role: 'target', frameIndex: null },
      { id: 'art', clipId: 'c', kind: 'contour', points: sq(350, 250, 400, 300), label: 'artery', role: 'at-risk', frameIndex: null },
      ...extra,
    ],
    needlePaths: [{ id: 'n', clipId: 'c', frameIndex: null, entry: { x: 100, y: 0 }, target: { x: 250, y: 250 }, mode: 'in-plane' }],
    manualCalibrations: {},
    settings: {},
    patient: {},
    teaching: {},
    ...over,
  });
}

/** A copy of `c` changed by `f` (structured clone, so the expert is untouched). */
export function edited(c: Case, f: (x: Case) => void): Case {
  const x = structuredClone(c);
  f(x);
  return x;
}
