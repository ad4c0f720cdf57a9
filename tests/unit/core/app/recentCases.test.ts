import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRecentCases, type ClipReach } from '../../../../core/app/recentCases';
import { buildBundle, parseCase } from '../../../../core/plan/index';
import { repoRoot } from '../../../support/shared';

const SAMPLES = path.join(repoRoot, 'assets/samples');
const caseBytes = readFileSync(path.join(SAMPLES, 'thoracic-paravertebral.bpcase'));
const clipBytes = readFileSync(path.join(SAMPLES, 'thoracic-paravertebral.dcm'));

describe('describeRecentCases (the empty screen’s list, both platforms)', () => {
  it('lists only cases; reads the block from a case and from a bundle’s case.json; counts clips found, needing permission, missing', async () => {
    const parsed = parseCase(caseBytes.toString('utf8'), 't.bpcase');
    if (!parsed.ok) throw new Error(parsed.error.title);
    const plan = parsed.value.plan;
    const bundle = buildBundle(plan, new Map([[plan.clips[0]!.id, new Uint8Array(clipBytes)]]));
    if (!bundle.ok) throw new Error(bundle.error.title);
    const files: Record<string, Uint8Array> = { '/c/a.bpcase': new Uint8Array(caseBytes), '/c/b.bpcasez': bundle.value, '/c/broken.bpcase': new TextEncoder().encode('{ not json') };
    const asked: string[] = [];
    let reach: ClipReach = 'ask';
    const ports = {
      readCase: async (p: string) => (files[p] ? { ok: true as const, value: { bytes: files[p]!, modifiedAt: '2026-12-08T01:00:00.000Z' } } : { ok: false as const, error: { code: 'file/not-found', title: 'gone' } }),
      clipReach: async (resolved: string) => (asked.push(resolved), reach),
    };
    const recent = [
      { path: '/c/a.bpcase', name: 'a.bpcase', kind: 'case', openedAt: '2026-12-08T02:00:00.000Z' },
      { path: '/c/clip.dcm', name: 'clip.dcm', kind: 'dicom', openedAt: '2026-12-08T02:00:00.000Z' },
      { path: '/c/b.bpcasez', name: 'b.bpcasez', kind: 'case', openedAt: '2026-12-08T02:00:00.000Z' },
      { path: '/c/broken.bpcase', name: 'broken.bpcase', kind: 'case', openedAt: '2026-12-08T02:00:00.000Z' },
      { path: '/c/moved.bpcase', name: 'moved.bpcase', kind: 'case', openedAt: '2026-12-08T02:00:00.000Z' },
    ];
    const rows = await describeRecentCases(recent, ports);
    expect(rows.map((r) => r.name)).toEqual(['a.bpcase', 'b.bpcasez', 'broken.bpcase', 'moved.bpcase']);
    expect(rows[0]).toMatchObject({ available: true, bundled: false, block: 'Thoracic paravertebral block, right, T5', modifiedAt: '2026-12-08T01:00:00.000Z', clips: { total: 1, reachable: 0, needPermission: 1 } });
    // The clip is looked for beside the case (its stored path resolved against the case's folder).
    expect(asked).toEqual(['/c/thoracic-paravertebral.dcm']);
    expect(rows[1]).toMatchObject({ available: true, bundled: true, block: 'Thoracic paravertebral block, right, T5', clips: { total: 1, reachable: 1, needPermission: 0 } });
    expect(rows[2]).toMatchObject({ available: true, block: null, clips: { total: 0, reachable: 0, needPermission: 0 } });
    expect(rows[3]).toMatchObject({ available: false, block: null, modifiedAt: null });
    reach = 'no';
    const again = await describeRecentCases(recent.slice(0, 1), ports);
    expect(again[0]!.clips).toEqual({ total: 1, reachable: 0, needPermission: 0 });
  });
});
