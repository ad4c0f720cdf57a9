import { describe, expect, it } from 'vitest';
import { parseCase, serializeCase } from '../../../../core/plan/index';

/** A case as the v1 draft format wrote it. */
const v1 = {
  schemaVersion: 1,
  id: 'old-1',
  title: 'Impar, prototype',
  created: '2025-05-01T09:00:00Z',
  modified: '2025-05-01T09:30:00+02:00',
  blockId: 'ganglion-impar',
  side: 'M',
  level: 'SCJ',
  clips: [{ id: 'k', file: 'data\\impar.dcm', sopInstanceUid: '1.2.3', sha256: 'ABCDEF'.repeat(10) + 'abcd', frames: 40, width: 640, height: 480 }],
  annotations: [
    { id: 'r', clip: 'k', type: 'polygon', pts: [[10, 10], [20, 10], [20, 30]], label: 'Rectum', role: 'danger', frame: null, hidden: true },
    { id: 't', clip: 'k', type: 'point', pts: [[300, 200]], label: 'Target', role: 'target', frame: 12 },
  ],
  needle: { clip: 'k', frame: 12, entry: [300, 40], target: [300, 200], inPlane: false },
  marginMm: 3,
};

describe('migration v1 → v2', () => {
  it('reads a v1 file into the current schema with every field mapped', () => {
    const r = parseCase(JSON.stringify(v1), 'old.bpcase');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { plan, fileVersion, migrated } = r.value;
    expect([fileVersion, migrated, plan.schemaVersion]).toEqual([1, true, 2]);
    expect(plan.createdAt).toBe('2025-05-01T09:00:00Z');
    expect(plan.updatedAt).toBe('2025-05-01T09:30:00+02:00');
    expect(plan.block).toEqual({ templateId: 'ganglion-impar', side: 'midline', level: 'SCJ', approach: null });
    expect(plan.clips[0]).toMatchObject({ id: 'k', path: 'data/impar.dcm', displayName: 'impar.dcm', sopInstanceUid: '1.2.3', frameCount: 40, rows: 480, columns: 640 });
    expect(plan.clips[0]!.sha256).toBe(('ABCDEF'.repeat(10) + 'abcd').toLowerCase());
    expect(plan.annotations[0]).toMatchObject({ kind: 'contour', role: 'at-risk', visible: false, closed: true, frameIndex: null, points: [{ x: 10, y: 10 }, { x: 20, y: 10 }, { x: 20, y: 30 }] });
    expect(plan.annotations[1]).toMatchObject({ kind: 'point', role: 'target', frameIndex: 12, visible: true });
    expect(plan.needlePaths).toEqual([{ id: 'needle-1', clipId: 'k', frameIndex: 12, entry: { x: 300, y: 40 }, target: { x: 300, y: 200 }, mode: 'out-of-plane', label: '' }]);
    expect(plan.settings).toEqual({ marginMm: 3, steepAngleDeg: 30 });
    expect(plan.keyFrames).toEqual([]);
    // Once migrated, the case saves as the current version and reads back unchanged.
    const again = parseCase(serializeCase(plan), 'old.bpcase');
    expect(again.ok && again.value.migrated).toBe(false);
    expect(again.ok && again.value.plan).toEqual(plan);
  });

  it('a v1 file without a needle migrates to no needle paths', () => {
    const r = parseCase(JSON.stringify({ ...v1, needle: null }), 'old.bpcase');
    expect(r.ok && r.value.plan.needlePaths).toEqual([]);
  });

  it('an invalid v1 file names the field as written in v1', () => {
    const bad = structuredClone(v1) as unknown as { annotations: { pts: number[][]; frame: number | null }[] };
    bad.annotations[1].pts[0] = [300];
    const r = parseCase(JSON.stringify(bad), 'old.bpcase');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('case/invalid');
    expect(r.error.title).toContain('annotations[1].pts[0]');
    expect(r.error.title).toContain('format version 1');
  });

  it('a v1 file whose migrated result breaks a v2 rule is reported against the v2 field', () => {
    const bad = structuredClone(v1) as unknown as { annotations: { pts: number[][]; frame: number | null }[] };
    bad.annotations[1].frame = 99; // beyond the clip's 40 frames
    const r = parseCase(JSON.stringify(bad), 'old.bpcase');
    expect(!r.ok && r.error.title).toContain('annotations[1].frameIndex');
  });
});
