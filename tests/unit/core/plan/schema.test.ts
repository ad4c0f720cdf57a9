import { describe, expect, it } from 'vitest';
import { CaseSchema, parseCase, serializeCase, CURRENT_SCHEMA_VERSION } from '../../../../core/plan/index';
import { sampleCase } from './fixtures';

describe('case schema and files', () => {
  it('round-trips a complete case through JSON text', () => {
    const c = sampleCase();
    const text = serializeCase(c);
    const back = parseCase(text, 'x.bpcase');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.plan).toEqual(c);
    expect(back.value.migrated).toBe(false);
    expect(serializeCase(back.value.plan)).toBe(text); // stable bytes on re-save
    expect(text.endsWith('\n')).toBe(true);
  });

  it('applies defaults for optional fields', () => {
    const c = sampleCase();
    const a = c.annotations[0]!;
    expect([a.visible, a.locked, a.closed, a.text]).toEqual([true, false, false, '']);
    expect(c.clips[0]!.origin).toEqual({ kind: 'file' });
  });

  it('damaged JSON names the file and says so', () => {
    const r = parseCase('{"schemaVersion": 2, "id": ', '/cases/broken.bpcase');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('case/damaged-json');
    expect(r.error.file).toBe('/cases/broken.bpcase');
    expect(r.error.title).toMatch(/damaged/);
    expect(r.error.action).toBeTruthy();
  });

  it('a newer schema version asks to update; a file without a version is not a case', () => {
    const newer = parseCase(JSON.stringify({ ...sampleCase(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 }), 'new.bpcase');
    expect(!newer.ok && newer.error.code).toBe('case/newer-version');
    expect(!newer.ok && newer.error.action).toMatch(/Update BlockPlan/);
    const none = parseCase('{"title": "x"}', 'a.json');
    expect(!none.ok && none.error.code).toBe('case/not-a-case');
    const arr = parseCase('[1,2]', 'a.json');
    expect(!arr.ok && arr.error.code).toBe('case/not-a-case');
    const bad = parseCase('{"schemaVersion": "two"}', 'a.json');
    expect(!bad.ok && bad.error.code).toBe('case/bad-version');
  });

  it('names the invalid field with its path', () => {
    const c = JSON.parse(serializeCase(sampleCase()));
    c.annotations[1].points[0].x = 'left';
    const r = parseCase(JSON.stringify(c), 'p.bpcase');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('case/invalid');
    expect(r.error.title).toContain('annotations[1].points[0].x');
    expect(r.error.file).toBe('p.bpcase');
  });

  it('checks cross references: unknown clip, frame beyond the clip, duplicate ids, point counts', () => {
    const base = JSON.parse(serializeCase(sampleCase()));
    type Json = {
      annotations: { id: string; clipId: string; kind: string }[];
      keyFrames: { frameIndex: number }[];
      needlePaths: { clipId: string }[];
      clips: { sha256: string }[];
      manualCalibrations: unknown;
      scene3d?: unknown;
    };
    const cases: [(c: Json) => void, string][] = [
      [(c) => (c.annotations[0].clipId = 'nope'), 'annotations[0].clipId'],
      [(c) => (c.keyFrames[0].frameIndex = 10), 'keyFrames[0].frameIndex'],
      [(c) => (c.needlePaths[0].clipId = 'c9'), 'needlePaths[0].clipId'],
      [(c) => (c.annotations[1].id = 'a1'), 'annotations[1].id'],
      [(c) => (c.annotations[0].kind = 'contour'), 'annotations[0].points'],
      [(c) => (c.clips[0].sha256 = 'xyz'), 'clips[0].sha256'],
      [(c) => (c.manualCalibrations = { c7: { a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, knownDistanceMm: 1 } }), 'manualCalibrations.c7'],
      [
        (c) => (c.scene3d = { clipLinks: [{ clipId: 'zz', frameIndex: null, probe: { kind: 'linear', position: [0, 0, 0], beamDir: [0, 0, 1], lateralDir: [1, 0, 0], depthMm: 40, widthMm: 38 } }] }),
        'scene3d.clipLinks[0].clipId',
      ],
    ];
    for (const [mutate, path] of cases) {
      const c = structuredClone(base);
      mutate(c);
      const r = CaseSchema.safeParse(c);
      expect(r.success, path).toBe(false);
      const pr = parseCase(JSON.stringify(c), 'f.bpcase');
      expect(!pr.ok && pr.error.title, path).toContain(path);
    }
  });
});
