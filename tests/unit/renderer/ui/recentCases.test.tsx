import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setBridgeForTests } from '../../../../renderer/bridge';
import type { Bridge, RecentCase } from '../../../../renderer/bridge/types';
import { clipStatus, RecentCases } from '../../../../renderer/ui/RecentCases';

const row = (over: Partial<RecentCase>): RecentCase => ({
  path: '/cases/t5.bpcase',
  name: 't5.bpcase',
  openedAt: '2026-12-08T01:00:00.000Z',
  modifiedAt: '2026-12-07T18:30:00.000Z',
  available: true,
  block: 'Thoracic paravertebral block, right, T5',
  patientName: 'Doe^Jane',
  bundled: false,
  clips: { total: 2, reachable: 2, needPermission: 0 },
  ...over,
});

function withRows(rows: RecentCase[]) {
  const removed: string[] = [];
  const b = {
    recentCases: async () => rows.filter((r) => !removed.includes(r.path)),
    removeRecent: async (p: string) => (removed.push(p), []),
  } as unknown as Bridge;
  setBridgeForTests(b);
  return removed;
}

afterEach(() => {
  cleanup();
  setBridgeForTests(null);
});

describe('recent cases on the empty screen', () => {
  it('lists name, block, time and clip status; hides patient names until asked; removes a case from the list', async () => {
    const removed = withRows([row({}), row({ path: '/cases/old.bpcase', name: 'old.bpcase', patientName: null, clips: { total: 3, reachable: 1, needPermission: 1 } })]);
    render(<RecentCases />);
    const list = await screen.findByRole('region', { name: 'Recent cases' });
    const open = within(list).getByRole('button', { name: /^Open t5\.bpcase, Thoracic paravertebral block, right, T5\. Changed .*All 2 clips found$/ });
    expect(open).toBeTruthy();
    expect(list.textContent).not.toMatch(/Doe/);
    expect(list.textContent).toMatch(/1 clip needs your permission again; 1 of 3 clips not found: you will be asked to locate it/);
    await userEvent.click(within(list).getByRole('checkbox', { name: 'Show patient names' }));
    expect(list.textContent).toMatch(/Patient: Doe\^Jane/);
    await userEvent.click(within(list).getByRole('button', { name: 'Remove old.bpcase from the recent list' }));
    expect(removed).toEqual(['/cases/old.bpcase']);
    await screen.findByRole('button', { name: /^Open t5\.bpcase/ });
    expect(screen.queryByText('old.bpcase')).toBeNull();
  });

  it('says when a case file is gone (and cannot be opened), and what a bundle holds', () => {
    expect(clipStatus(row({ available: false }))).toEqual({ text: 'The case file is no longer available here.', ok: false });
    expect(clipStatus(row({ bundled: true, clips: { total: 1, reachable: 1, needPermission: 0 } }))).toEqual({ text: '1 clip inside the bundle', ok: true });
    expect(clipStatus(row({ clips: { total: 1, reachable: 1, needPermission: 0 } }))).toEqual({ text: 'Its clip is found', ok: true });
  });

  it('shows nothing when no case is recent', async () => {
    withRows([]);
    const { container } = render(<RecentCases />);
    await new Promise((r) => setTimeout(r, 0));
    expect(container.textContent).toBe('');
  });
});
