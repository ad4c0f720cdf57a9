import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, requestSchemas } from '../../../electron/main/ipc';
import { Grants } from '../../../electron/main/grants';
import { repoRoot } from '../../support/shared';
import { context } from './support';

const SAMPLES = path.join(repoRoot, 'assets/samples');

/** A folder with the TPVB sample case (patient name added) and its clip beside it, opened through the dialog and on the recent list. */
async function openedCase() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-recent-'));
  const casePath = path.join(dir, 'tpvb.bpcase');
  const plan = JSON.parse(readFileSync(path.join(SAMPLES, 'thoracic-paravertebral.bpcase'), 'utf8')) as { patient: Record<string, unknown> };
  plan.patient = { ...plan.patient, name: 'Doe^Jane' };
  writeFileSync(casePath, JSON.stringify(plan));
  copyFileSync(path.join(SAMPLES, 'thoracic-paravertebral.dcm'), path.join(dir, 'thoracic-paravertebral.dcm'));
  const ctx = context(dir, { showOpenDialog: vi.fn(async () => [casePath]) });
  const h = createHandlers(ctx);
  await h.openDialog({ kind: 'case', multiple: false, folder: false });
  await h.addRecent({ path: casePath, kind: 'case' });
  return { dir, casePath, ctx, h };
}

describe('recent cases in the main process (issue 20 item 5)', () => {
  it('describes each recent case: block, file time, patient name (for the UI to hide), and whether its clips are beside it', async () => {
    const { dir, casePath, h } = await openedCase();
    const rows = await h.recentCases(null);
    expect(rows.ok).toBe(true);
    if (!rows.ok) return;
    expect(rows.value).toEqual([
      expect.objectContaining({
        path: casePath,
        name: 'tpvb.bpcase',
        available: true,
        block: 'Thoracic paravertebral block, right, T5',
        patientName: 'Doe^Jane',
        bundled: false,
        modifiedAt: statSync(casePath).mtime.toISOString(),
        clips: { total: 1, reachable: 1, needPermission: 0 },
      }),
    ]);
    rmSync(path.join(dir, 'thoracic-paravertebral.dcm'));
    const after = await h.recentCases(null);
    expect(after.ok && after.value[0]!.clips).toEqual({ total: 1, reachable: 0, needPermission: 0 });
    rmSync(casePath);
    const gone = await h.recentCases(null);
    expect(gone.ok && gone.value[0]).toMatchObject({ available: false, block: null, patientName: null });
  });

  it('opens only a case on the list, granting it and its clip; removes a case from the list', async () => {
    const { dir, casePath, ctx, h } = await openedCase();
    // A new window's grants: the case is read again from the list, and its clip becomes readable.
    ctx.grants = new Grants();
    const h2 = createHandlers(ctx);
    const refused = await h2.openRecentCase({ path: path.join(dir, 'other.bpcase') });
    expect(refused.ok || refused.error.code).toBe('file/not-recent');
    const opened = await h2.openRecentCase({ path: casePath });
    expect(opened.ok && opened.value.name).toBe('tpvb.bpcase');
    expect(ctx.grants.canRead(path.join(dir, 'thoracic-paravertebral.dcm'))).toBe(true);
    const left = await h.removeRecent({ path: casePath });
    expect(left).toEqual({ ok: true, value: [] });
    expect(ctx.recentChanged).toHaveBeenCalled();
    const rows = await h.recentCases(null);
    expect(rows).toEqual({ ok: true, value: [] });
  });

  it('validates the new channels’ requests: absolute paths only, no extra fields', () => {
    expect(requestSchemas.openRecentCase.safeParse({ path: 'relative.bpcase' }).success).toBe(false);
    expect(requestSchemas.removeRecent.safeParse({ path: '/a.bpcase', extra: 1 }).success).toBe(false);
    expect(requestSchemas.recentCases.safeParse(null).success).toBe(true);
  });
});
