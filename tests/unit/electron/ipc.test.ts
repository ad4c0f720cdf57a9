import { execFileSync } from 'node:child_process';
import { chmodSync, symlinkSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, wireName } from '../../../electron/ipc-contract';
import { AppStore } from '../../../electron/main/store';
import { createHandlers, guard, registerHandlers, requestSchemas, type SenderInfo } from '../../../electron/main/ipc';
import { context } from './support';

const trusted: SenderInfo = { senderFrame: { url: 'app://blockplan/index.html' } };
const isTrusted = (e: SenderInfo) => e.senderFrame?.url.startsWith('app://blockplan/') ?? false;

describe('IPC handlers', () => {
  it('register one handler per channel of the contract', () => {
    const handled: string[] = [];
    registerHandlers({ handle: (c) => void handled.push(c) }, createHandlers(context(os.tmpdir())), isTrusted);
    expect(handled.sort()).toEqual(CHANNELS.map(wireName).sort());
    expect(Object.keys(requestSchemas).sort()).toEqual([...CHANNELS].sort());
  });

  it('refuse foreign senders before looking at the arguments', async () => {
    const handlers = createHandlers(context(os.tmpdir()));
    const h = guard('appInfo', handlers.appInfo, isTrusted);
    for (const sender of [{ senderFrame: null }, { senderFrame: { url: 'https://evil.example/' } }, { senderFrame: { url: 'app://other/x' } }]) {
      const r = await h(sender, null);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('ipc/untrusted-sender');
    }
    expect((await h(trusted, null)).ok).toBe(true);
  });

  it('reject malformed arguments with a Result, never a throw', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    const handlers = createHandlers(context(dir));
    const cases: [keyof typeof handlers, unknown][] = [
      ['readFile', { path: 'relative/path.dcm' }],
      ['readFile', { path: 42 }],
      ['readFile', { path: '/tmp/x', extra: true }],
      ['readFile', '/etc/passwd'],
      ['openDialog', { kind: 'exe', multiple: true, folder: false }],
      ['saveFile', { kind: 'case', suggestedName: '../../evil', bytes: new Uint8Array(1), path: null, saveAs: false }],
      ['saveFile', { kind: 'case', suggestedName: 'a.bpcase', bytes: 'not bytes', path: null, saveAs: false }],
      ['addRecent', { path: '/tmp/a', kind: 'dicom', __proto__: { polluted: true } }],
      ['readDropped', { paths: ['/etc/passwd'] }],
      ['readDropped', { items: [] }],
      ['readDropped', { items: [{ path: '/etc/passwd', sampleSha256: 'not hex' }] }],
      ['readDropped', { items: [{ path: 'relative.dcm' }] }],
      ['writeAutosave', { json: 5 }],
      ['appInfo', { unexpected: 1 }],
    ];
    for (const [c, arg] of cases) {
      const r = await guard(c, handlers[c] as never, isTrusted)(trusted, arg);
      expect(r.ok, `${c} ${JSON.stringify(arg)}`).toBe(false);
      if (!r.ok) expect(['ipc/bad-arguments', 'file/not-granted']).toContain(r.error.code);
    }
  });

  it('read only files the user granted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    const file = path.join(dir, 'a.dcm');
    writeFileSync(file, new Uint8Array([1, 2, 3]));
    const ctx = context(dir, { showOpenDialog: vi.fn(async () => [file]) });
    const h = createHandlers(ctx);
    const before = await guard('readFile', h.readFile, isTrusted)(trusted, { path: file });
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.error.code).toBe('file/not-granted');
    const opened = await guard('openDialog', h.openDialog, isTrusted)(trusted, { kind: 'dicom', multiple: true, folder: false });
    expect(opened.ok && opened.value.map((f) => f.name)).toEqual(['a.dcm']);
    const after = await guard('readFile', h.readFile, isTrusted)(trusted, { path: file });
    expect(after.ok && Array.from(after.value.bytes)).toEqual([1, 2, 3]);
  });

  it('save through the dialog, atomically, and then to the same path without a dialog', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    const target = path.join(dir, 'plan.bpcase');
    const showSaveDialog = vi.fn(async () => target);
    const h = createHandlers(context(dir, { showSaveDialog }));
    const save = guard('saveFile', h.saveFile, isTrusted);
    const r1 = await save(trusted, { kind: 'case', suggestedName: 'plan.bpcase', bytes: new TextEncoder().encode('{"v":1}'), path: null, saveAs: false });
    expect(r1).toEqual({ ok: true, value: { path: target } });
    const r2 = await save(trusted, { kind: 'case', suggestedName: 'plan.bpcase', bytes: new TextEncoder().encode('{"v":2}'), path: target, saveAs: false });
    expect(r2.ok).toBe(true);
    expect(showSaveDialog).toHaveBeenCalledTimes(1);
    expect(readFileSync(target, 'utf8')).toBe('{"v":2}');
    // A path that was never granted goes through the dialog (which the user cancels here).
    showSaveDialog.mockResolvedValueOnce(null as never);
    const r3 = await save(trusted, { kind: 'case', suggestedName: 'x.bpcase', bytes: new Uint8Array(1), path: '/etc/x.bpcase', saveAs: false });
    expect(r3).toEqual({ ok: true, value: null });
  });

  it('keep recent files and the autosave across calls', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    const file = path.join(dir, 'c.bpcase');
    writeFileSync(file, '{}');
    const ctx = context(dir, { showOpenDialog: vi.fn(async () => [file]) });
    const h = createHandlers(ctx);
    await h.openDialog({ kind: 'case', multiple: false, folder: false });
    const rec = await h.addRecent({ path: file, kind: 'case' });
    expect(rec.ok && rec.value.map((r) => r.name)).toEqual(['c.bpcase']);
    expect(ctx.recentChanged).toHaveBeenCalled();
    expect(await h.readAutosave(null)).toEqual({ ok: true, value: null });
    await h.writeAutosave({ json: '{"a":1}' });
    const a = await h.readAutosave(null);
    expect(a.ok && a.value?.json).toBe('{"a":1}');
    await h.clearAutosave(null);
    expect(await h.readAutosave(null)).toEqual({ ok: true, value: null });
  });
});

describe('devices, FIFOs and folders in the main process (issue 12 item 6)', () => {
  it.runIf(process.platform !== 'win32')('a chosen /dev/zero (or a link to it) or FIFO is refused at once, naming why', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    const fifo = path.join(dir, 'clip.dcm');
    execFileSync('mkfifo', [fifo]);
    const link = path.join(dir, 'zero.dcm');
    symlinkSync('/dev/zero', link);
    const ctx = context(dir, { showOpenDialog: vi.fn(async () => ['/dev/zero', link, fifo]) });
    const h = createHandlers(ctx);
    const t0 = Date.now();
    const opened = await h.openDialog({ kind: 'dicom', multiple: true, folder: false });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(opened.ok && opened.value.map((f) => [f.name, f.bytes.byteLength, f.error?.code])).toEqual([
      ['zero', 0, 'file/refused-path'],
      ['zero.dcm', 0, 'file/refused-path'],
      ['clip.dcm', 0, 'file/not-a-file'],
    ]);
    const r = await h.readFile({ path: fifo });
    expect(!r.ok && [r.error.code, r.error.title]).toEqual(['file/not-a-file', 'This is a pipe (FIFO), not a file: BlockPlan reads only regular files.']);
  });
});

describe('atomic saves in the main process (issue 12 item 10)', () => {
  it('three saves of one file in the same millisecond all succeed, keep 0600, leave no temp file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    const target = path.join(dir, 'case.bpcase');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const ctx = context(dir, { showSaveDialog: vi.fn(async () => target) });
    const h = createHandlers(ctx);
    const first = await h.saveFile({ kind: 'case', suggestedName: 'case.bpcase', bytes: new Uint8Array([1]), path: null, saveAs: true });
    expect(first).toEqual({ ok: true, value: { path: target } });
    const big = (b: number) => new Uint8Array(200_000).fill(b);
    const rs = await Promise.all([2, 3, 4].map((b) => h.saveFile({ kind: 'case', suggestedName: 'case.bpcase', bytes: big(b), path: target, saveAs: false })));
    expect(rs.map((r) => r.ok)).toEqual([true, true, true]);
    const back = readFileSync(target);
    expect(back.length).toBe(200_000);
    expect(new Set(back).size).toBe(1);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['case.bpcase']);
  });
});

describe('patient data at rest (issue 12 item 14)', () => {
  it.runIf(process.platform !== 'win32')('the autosave and the recent list are owner-only (0600), even over older 0644 files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    const store = new AppStore(path.join(dir, 'userdata'));
    expect((await store.writeAutosave('{"patient":"x"}')).ok).toBe(true);
    expect(statSync(store.autosavePath).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'userdata')).mode & 0o777).toBe(0o700);
    chmodSync(store.autosavePath, 0o644);
    await store.writeAutosave('{"patient":"y"}');
    expect(statSync(store.autosavePath).mode & 0o777).toBe(0o600);
    await store.addRecent('/cases/Doe-John.bpcase', 'case');
    expect(statSync(path.join(dir, 'userdata', 'recent.json')).mode & 0o777).toBe(0o600);
  });

  it('a failed autosave comes back as a clear error the renderer shows, never a throw', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-ipc-'));
    writeFileSync(path.join(dir, 'userdata'), 'a file where the folder should be');
    const h = createHandlers(context(dir));
    const r = await guard('writeAutosave', h.writeAutosave, isTrusted)(trusted, { json: '{}' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.title, r.error.action]).toEqual(['autosave/failed', expect.stringMatching(/^Autosave failed: /), 'Save the case to a file to keep your work.']);
  });
});
