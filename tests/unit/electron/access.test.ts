/**
 * Issue 12 items 1 and 8: file access only as the user chose. Each test acts as a COMPROMISED
 * renderer — code in the renderer sending whatever IPC it likes to the main-process handlers
 * (Electron mocked: dialogs are test doubles) — and checks the main process holds.
 */
import { chmodSync, readdirSync, unlinkSync, mkdirSync, mkdtempSync, openAsBlob, readFileSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, guard, type HandlerContext, type SenderInfo } from '../../../electron/main/ipc';
import { EXPORT_SET_MS, Grants } from '../../../electron/main/grants';
import { refusedPathReason } from '../../../electron/main/paths';
import { MAX_FILES_PER_OPEN } from '../../../electron/main/files';
import { context } from './support';
import { dropClaims } from '../../../electron/preload/drop';
import { startsLikeDicom } from '../../../electron/main/open';
import { openDicom } from '../../../core/dicom/index';
import { dicomFixturesDir, repoRoot } from '../../support/shared';
import type { DropClaim, OpenedFile } from '../../../electron/ipc-contract';
import { createCase, executeCommand, serializeCase, type Case } from '../../../core/plan/index';

const trusted: SenderInfo = { senderFrame: { url: 'app://blockplan/index.html' } };
const isTrusted = (e: SenderInfo) => e.senderFrame?.url.startsWith('app://blockplan/') ?? false;
const posix = process.platform !== 'win32';

function tmp(): string {
  return realpathSync(mkdtempSync(path.join(os.tmpdir(), 'bp-access-')));
}

function setup(over: Partial<HandlerContext> = {}) {
  const dir = tmp();
  let clock = 1_000_000;
  const ctx = context(dir, { grants: new Grants(() => clock), ...over });
  const h = createHandlers(ctx);
  // Every call goes through the same guard as ipcMain.handle (sender check, zod validation).
  const call = {
    readFile: (p: string) => guard('readFile', h.readFile, isTrusted)(trusted, { path: p }),
    readDropped: (items: unknown) => guard('readDropped', h.readDropped, isTrusted)(trusted, { items }),
    saveFile: (req: Record<string, unknown>) => guard('saveFile', h.saveFile, isTrusted)(trusted, { suggestedName: 'x', bytes: new Uint8Array([7]), path: null, saveAs: false, ...req }),
    openDialog: (kind: 'dicom' | 'model' | 'case', folder = false) => guard('openDialog', h.openDialog, isTrusted)(trusted, { kind, multiple: true, folder }),
  };
  return { dir, ctx, h, call, advance: (ms: number) => (clock += ms) };
}

/** What the preload sends for a real drop of these files: their Electron paths and the proof. */
async function realDrop(paths: string[]): Promise<DropClaim[]> {
  const files = await Promise.all(paths.map(async (p) => ({ p, blob: await openAsBlob(p).catch(() => new File([], path.basename(p))) })));
  const byBlob = new Map(files.map((f) => [f.blob, f.p]));
  return dropClaims(
    files.map((f) => f.blob),
    (b) => byBlob.get(b) ?? '',
    crypto.subtle,
  );
}

/** Bytes that start like a Part 10 DICOM file (preamble + "DICM"), then `tail`. */
const dicomLike = (tail: string) => Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from(tail)]);

const names = (files: OpenedFile[]) => files.map((f) => (f.error ? `${f.name}: ${f.error.code}` : f.name));
const values = <T,>(r: { ok: boolean; value?: T }): T => {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return r.value as T;
};

function caseReferencing(clipPaths: string[], modelPath?: string): string {
  let plan: Case = createCase({ id: 'k', title: 'T', now: '2026-01-01T00:00:00.000Z' });
  clipPaths.forEach((p, i) => {
    const r = executeCommand(plan, {
      type: 'add-clip',
      clip: { id: `c${i}`, path: p, displayName: `c${i}`, sopInstanceUid: null, studyInstanceUid: null, seriesInstanceUid: null, sha256: '0'.repeat(64), byteLength: 1, frameCount: 1, rows: 1, columns: 1, beam: { kind: 'unknown' }, origin: { kind: 'file' } },
    });
    if (!r.ok) throw new Error(r.error.title);
    plan = r.value;
  });
  if (modelPath) {
    plan = {
      ...plan,
      scene3d: { models: [{ id: 'm', label: 'M', source: { kind: 'file', path: modelPath, format: 'stl' }, mmPerUnit: 1, unitsOverridden: false, transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], structures: [] }] } as unknown as Case['scene3d'],
    };
  }
  return serializeCase(plan);
}

describe('drops: only files the drop really handed over', () => {
  it('readDropped("/etc/passwd") from the renderer is refused, with or without a guessed proof', async () => {
    const { call } = setup();
    const target = posix ? '/etc/passwd' : 'C:\\Windows\\win.ini';
    const bare = values<OpenedFile[]>(await call.readDropped([{ path: target }]));
    expect(bare).toHaveLength(1);
    expect(bare[0]!.bytes.byteLength).toBe(0);
    expect(bare[0]!.error?.code).toMatch(/file\/not-proven|file\/not-found/);
    const guessed = values<OpenedFile[]>(await call.readDropped([{ path: target, size: 1234, sampleSha256: 'e'.repeat(64) }]));
    expect(guessed[0]!.error?.code).toMatch(/file\/not-proven|file\/not-found/);
    const after = await call.readFile(target);
    expect(!after.ok && after.error.code).toBe('file/not-granted');
  });

  it('a real drop (File objects → preload proof) is read and granted; a proof for other bytes is not', async () => {
    const { dir, call } = setup();
    const big = path.join(dir, 'big.dcm');
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    writeFileSync(big, bytes);
    const small = path.join(dir, 'small.dcm');
    writeFileSync(small, 'DICM');
    const claims = await realDrop([big, small]);
    expect(claims.map((c) => [c.path, c.size])).toEqual([[big, 300_000], [small, 4]]);
    const opened = values<OpenedFile[]>(await call.readDropped(claims));
    expect(names(opened)).toEqual(['big.dcm', 'small.dcm']);
    expect(Buffer.from(opened[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect((await call.readFile(big)).ok).toBe(true);
    // The middle of a big file is not sampled, but the size and both ends are: change the end.
    const other = path.join(dir, 'other.dcm');
    writeFileSync(other, bytes.map((b, i) => (i === bytes.length - 1 ? b ^ 1 : b)));
    const forged = values<OpenedFile[]>(await call.readDropped([{ ...claims[0]!, path: other }]));
    expect(forged[0]!.error?.code).toBe('file/not-proven');
    expect((await call.readFile(other)).ok).toBe(false);
  });

  it('a dropped folder opens only after the user confirms it in the native dialog', async () => {
    const confirmFolders = vi.fn(async () => false);
    const { dir, call } = setup({ confirmFolders });
    const secret = path.join(dir, 'home');
    mkdirSync(path.join(secret, '.ssh'), { recursive: true });
    writeFileSync(path.join(secret, 'notes.txt'), 'private');
    writeFileSync(path.join(secret, '.ssh', 'id_ed25519'), 'KEY');
    const refused = values<OpenedFile[]>(await call.readDropped([{ path: secret }]));
    expect(refused).toEqual([]);
    expect(confirmFolders).toHaveBeenCalledWith([{ path: secret, files: 1, bytes: '7 bytes' }]); // hidden entries are not listed
    expect((await call.readFile(path.join(secret, 'notes.txt'))).ok).toBe(false);
    confirmFolders.mockResolvedValueOnce(true);
    const opened = values<OpenedFile[]>(await call.readDropped(await realDrop([secret])));
    expect(names(opened)).toEqual(['notes.txt']);
    expect((await call.readFile(path.join(secret, '.ssh', 'id_ed25519'))).ok).toBe(false);
  });

  it('the preload leaves out Files without a path (made by the page) and non-files', async () => {
    const claims = await dropClaims([new File(['x'], '/etc/passwd'), 'a string', { path: '/etc/passwd' }], () => '', crypto.subtle);
    expect(claims).toEqual([]);
  });
});

describe.runIf(posix)('symbolic links never leave the grant', () => {
  it('a link inside an opened folder to a file outside it is not followed, and reading it is refused', async () => {
    const { dir, call, ctx } = setup();
    const outside = path.join(dir, 'outside-secret.txt');
    writeFileSync(outside, 'SECRET');
    const folder = path.join(dir, 'study');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.dcm'), 'A');
    symlinkSync(outside, path.join(folder, 'b.dcm'));
    symlinkSync('/', path.join(folder, 'root'));
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([folder]);
    const opened = values<OpenedFile[]>(await call.openDialog('dicom', true));
    expect(names(opened)).toEqual(['a.dcm', 'study: folder/links-skipped']);
    expect(opened[1]!.error?.title).toBe('2 symbolic links in the folder “study” were not followed');
    const viaLink = await call.readFile(path.join(folder, 'b.dcm'));
    expect(!viaLink.ok && viaLink.error.code).toBe('file/not-granted');
    expect((await call.readFile(path.join(folder, 'a.dcm'))).ok).toBe(true);
    // `..` out of a granted folder is no grant either.
    expect((await call.readFile(path.join(folder, '..', 'outside-secret.txt'))).ok).toBe(false);
  });

  it('a granted file replaced by a link to elsewhere is refused (the real path is checked)', async () => {
    const { dir, call, ctx } = setup();
    const clip = path.join(dir, 'clip.dcm');
    writeFileSync(clip, 'CLIP');
    const secret = path.join(dir, 'secret.txt');
    writeFileSync(secret, 'SECRET');
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([clip]);
    await call.openDialog('dicom');
    expect((await call.readFile(clip)).ok).toBe(true);
    unlinkSync(clip);
    symlinkSync(secret, clip);
    const r = await call.readFile(clip);
    expect(!r.ok && r.error.code).toBe('file/not-granted');
  });

  it('a symbolic-link loop in a dropped folder neither multiplies files nor explodes (item 8)', async () => {
    const { dir, call } = setup({ confirmFolders: vi.fn(async () => true) });
    const folder = path.join(dir, 'loop');
    mkdirSync(path.join(folder, 'series'), { recursive: true });
    for (let i = 0; i < 5; i++) writeFileSync(path.join(folder, 'series', `${i}.dcm`), 'x'.repeat(100));
    symlinkSync('..', path.join(folder, 'series', 'up'));
    symlinkSync('.', path.join(folder, 'series', 'self'));
    symlinkSync(folder, path.join(folder, 'again'));
    const t0 = Date.now();
    const opened = values<OpenedFile[]>(await call.readDropped(await realDrop([folder])));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(names(opened)).toEqual(['0.dcm', '1.dcm', '2.dcm', '3.dcm', '4.dcm', 'loop: folder/links-skipped']);
    expect(opened.at(-1)!.error?.title).toBe('3 symbolic links in the folder “loop” were not followed');
  });
});

describe('folder limits (item 8)', () => {
  it(`more than ${MAX_FILES_PER_OPEN} files: refused with a message, nothing read`, async () => {
    const confirmFolders = vi.fn(async () => true);
    const { dir, call } = setup({ confirmFolders });
    const folder = path.join(dir, 'many');
    mkdirSync(folder);
    for (let i = 0; i <= MAX_FILES_PER_OPEN; i++) writeFileSync(path.join(folder, `f${String(i).padStart(5, '0')}.dcm`), '');
    const r = values<OpenedFile[]>(await call.readDropped([{ path: folder }]));
    expect(r).toHaveLength(1);
    expect(r[0]!.error).toMatchObject({ code: 'folder/too-large', title: 'The folder “many” holds more than 5,000 files; BlockPlan opens at most that many at once.' });
    expect(confirmFolders).not.toHaveBeenCalled();
  });

  it('more than 2 GB in total: refused with a message (sparse files, no disk used)', async () => {
    const { dir, call, ctx } = setup();
    const folder = path.join(dir, 'huge');
    mkdirSync(folder);
    for (const n of ['a.dcm', 'b.dcm', 'c.dcm']) {
      writeFileSync(path.join(folder, n), '');
      truncateSync(path.join(folder, n), 1024 ** 3);
    }
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([folder]);
    const r = values<OpenedFile[]>(await call.openDialog('dicom', true));
    expect(r.map((f) => [f.error?.code, f.error?.title])).toEqual([['folder/too-large', 'The files in the folder “huge” add up to more than 2.0 GB; BlockPlan opens at most that much at once.']]);
  });
});

describe('a case grants only what it references, after it parsed', () => {
  it('opening a case grants its clips and file models (by real path), nothing else beside them', async () => {
    const { dir, call, ctx } = setup();
    mkdirSync(path.join(dir, 'clips'));
    writeFileSync(path.join(dir, 'clips', 'a.dcm'), dicomLike('A'));
    writeFileSync(path.join(dir, 'clips', 'unrelated.dcm'), dicomLike('U'));
    writeFileSync(path.join(dir, 'model.stl'), 'solid');
    const real = path.join(dir, 'real-b.dcm');
    writeFileSync(real, dicomLike('B'));
    if (posix) symlinkSync(real, path.join(dir, 'clips', 'b.dcm'));
    else writeFileSync(path.join(dir, 'clips', 'b.dcm'), dicomLike('B'));
    const key = path.join(dir, 'id_ed25519');
    writeFileSync(key, '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    const casePath = path.join(dir, 'plan.bpcase');
    writeFileSync(casePath, caseReferencing(['clips/a.dcm', 'clips/b.dcm', 'id_ed25519', posix ? '/proc/self/environ' : 'C:\\x\\NUL'], path.join(dir, 'model.stl')));
    expect((await call.readFile(path.join(dir, 'clips', 'a.dcm'))).ok).toBe(false);
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([casePath]);
    expect(names(values<OpenedFile[]>(await call.openDialog('case')))).toEqual(['plan.bpcase']);
    expect((await call.readFile(path.join(dir, 'clips', 'a.dcm'))).ok).toBe(true);
    expect((await call.readFile(path.join(dir, 'clips', 'b.dcm'))).ok).toBe(true);
    expect((await call.readFile(path.join(dir, 'model.stl'))).ok).toBe(true);
    expect((await call.readFile(path.join(dir, 'clips', 'unrelated.dcm'))).ok).toBe(false);
    // A "clip" that is not DICOM (a private key named by a hostile case) is not granted.
    expect((await call.readFile(key)).ok).toBe(false);
    if (posix) {
      const proc = await call.readFile('/proc/self/environ');
      expect(!proc.ok && proc.error.code).toBe('file/refused-path');
    }
  });

  it('every DICOM fixture BlockPlan opens counts as DICOM for a case reference (independent reader: openDicom)', async () => {
    const files = readdirSync(dicomFixturesDir(), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.dcm'))
      .map((d) => path.join(d.parentPath, d.name));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      if (!openDicom(new Uint8Array(readFileSync(f))).ok) continue;
      expect(await startsLikeDicom(f), f).toBe(true);
    }
    expect(await startsLikeDicom(path.join(repoRoot, 'package.json'))).toBe(false);
  });

  it('a case that does not parse, or does not exist, grants nothing (not even its folder)', async () => {
    const { dir, call, ctx } = setup();
    writeFileSync(path.join(dir, 'clip.dcm'), 'x');
    const broken = path.join(dir, 'broken.bpcase');
    writeFileSync(broken, '{"format":"not a case", "clips":[{"path":"clip.dcm"}]}');
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([broken, path.join(dir, 'ghost.bpcase')]);
    await call.openDialog('case');
    expect((await call.readFile(path.join(dir, 'clip.dcm'))).ok).toBe(false);
    // A dropped (unproven) path ending in .bpcase grants nothing either.
    await call.readDropped([{ path: path.join(dir, 'ghost.bpcase') }]);
    expect((await call.readFile(path.join(dir, 'clip.dcm'))).ok).toBe(false);
  });
});

describe('writes only where the user chose, in a save dialog or by opening that case', () => {
  it('saveFile to a path never picked shows the dialog instead (cancelled: nothing written)', async () => {
    const showSaveDialog = vi.fn(async () => null);
    const { dir, call, ctx } = setup({ showSaveDialog });
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'ORIGINAL');
    expect(values(await call.saveFile({ kind: 'case', path: victim }))).toBeNull();
    expect(showSaveDialog).toHaveBeenCalledTimes(1);
    // Read-granted (an opened DICOM file) is not write-granted.
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([victim]);
    await call.openDialog('dicom');
    expect(values(await call.saveFile({ kind: 'case', path: victim }))).toBeNull();
    expect(values(await call.saveFile({ kind: 'note-pdf', path: victim }))).toBeNull();
    expect(showSaveDialog).toHaveBeenCalledTimes(3);
    expect(readFileSync(victim, 'utf8')).toBe('ORIGINAL');
  });

  it('an opened case saves in place without a dialog — as a case only; a save-dialog pick for its kind', async () => {
    const showSaveDialog = vi.fn(async (): Promise<string | null> => null);
    const { dir, call, ctx } = setup({ showSaveDialog });
    const casePath = path.join(dir, 'plan.bpcase');
    writeFileSync(casePath, caseReferencing([]));
    chmodSync(casePath, 0o600);
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([casePath]);
    await call.openDialog('case');
    expect(values(await call.saveFile({ kind: 'case', path: casePath, bytes: new TextEncoder().encode('{"v":2}') }))).toEqual({ path: casePath });
    expect(readFileSync(casePath, 'utf8')).toBe('{"v":2}');
    expect(showSaveDialog).not.toHaveBeenCalled();
    expect(values(await call.saveFile({ kind: 'note-html', path: casePath }))).toBeNull(); // another kind: dialog
    expect(showSaveDialog).toHaveBeenCalledTimes(1);
    const picked = path.join(dir, 'export.png');
    showSaveDialog.mockResolvedValueOnce(picked);
    expect(values(await call.saveFile({ kind: 'image', path: null, saveAs: true }))).toEqual({ path: picked });
    expect(values(await call.saveFile({ kind: 'image', path: picked }))).toEqual({ path: picked });
    expect(showSaveDialog).toHaveBeenCalledTimes(2);
  });

  it.runIf(posix)('a case reached through a symbolic link is saved to its target; the link stays', async () => {
    const { dir, call, ctx } = setup();
    mkdirSync(path.join(dir, 'store'));
    const target = path.join(dir, 'store', 'plan.bpcase');
    writeFileSync(target, caseReferencing([]));
    const link = path.join(dir, 'plan.bpcase');
    symlinkSync(target, link);
    (ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([link]);
    await call.openDialog('case');
    expect(values(await call.saveFile({ kind: 'case', path: link, bytes: new TextEncoder().encode('NEW') }))).toEqual({ path: link });
    expect(readFileSync(target, 'utf8')).toBe('NEW');
    expect(realpathSync(link)).toBe(target);
  });

  it('a note export: the other formats may follow beside the first, once each, with their extension, for a while', async () => {
    const showSaveDialog = vi.fn(async (): Promise<string | null> => null);
    const { dir, call, advance } = setup({ showSaveDialog });
    const pdf = path.join(dir, 'case-note.pdf');
    showSaveDialog.mockResolvedValueOnce(pdf);
    expect(values(await call.saveFile({ kind: 'note-pdf', saveAs: true }))).toEqual({ path: pdf });
    const md = path.join(dir, 'case-note.md');
    expect(values(await call.saveFile({ kind: 'note-md', path: md }))).toEqual({ path: md });
    expect(values(await call.saveFile({ kind: 'note-md', path: path.join(dir, 'again.md') }))).toBeNull(); // once per kind
    expect(values(await call.saveFile({ kind: 'note-html', path: path.join(dir, 'x.sh') }))).toBeNull(); // wrong extension
    expect(values(await call.saveFile({ kind: 'note-html', path: path.join(os.tmpdir(), 'x.html') }))).toBeNull(); // another folder
    expect(values(await call.saveFile({ kind: 'case', path: path.join(dir, 'x.bpcase') }))).toBeNull(); // not a note kind
    advance(EXPORT_SET_MS + 1);
    expect(values(await call.saveFile({ kind: 'note-html', path: path.join(dir, 'case-note.html') }))).toBeNull(); // too late
    expect(showSaveDialog).toHaveBeenCalledTimes(6);
  });
});

describe('path shapes', () => {
  it('Windows: UNC and device paths are refused; a share picked in a dialog is allowed', () => {
    const win = (p: string, shares: string[] = []) => refusedPathReason(p, 'win32', new Set(shares));
    expect(win('C:\\Users\\dr\\case.bpcase')).toBeNull();
    expect(win('\\\\evil.example\\share\\clip.dcm')).toMatch(/network share/);
    expect(win('//evil.example/share/clip.dcm')).toMatch(/network share/);
    expect(win('\\\\.\\PhysicalDrive0')).toMatch(/device path/);
    expect(win('\\\\?\\C:\\x.dcm')).toMatch(/device path/);
    expect(win('\\\\?\\UNC\\server\\share\\x')).toMatch(/device path/);
    expect(win('C:\\x\\NUL.dcm')).toMatch(/device/);
    expect(win('C:\\x\\com1')).toMatch(/device/);
    expect(win('C:\\x\\CONOUT$')).toMatch(/device/);
    expect(win('C:\\x\\clip.dcm:hidden')).toMatch(/alternate data stream/);
    expect(win('clips\\a.dcm')).toMatch(/not an absolute path/);
    expect(win('\\\\hospital\\cases\\p.bpcase', ['\\\\hospital\\cases'])).toBeNull();
    expect(win('\\\\HOSPITAL\\Cases\\clips\\a.dcm', ['\\\\hospital\\cases'])).toBeNull();
    expect(win('\\\\hospital\\other\\a.dcm', ['\\\\hospital\\cases'])).toMatch(/network share/);
  });

  it('POSIX: /proc, /sys and /dev are refused', () => {
    for (const p of ['/proc/self/environ', '/sys/kernel/x', '/dev/zero', '/dev/../dev/sda']) expect(refusedPathReason(p, 'linux'), p).toMatch(/system/);
    expect(refusedPathReason('/home/dr/case.bpcase', 'linux')).toBeNull();
    expect(refusedPathReason('/devices/x.dcm', 'linux')).toBeNull();
  });

  it.runIf(posix)('even a path somehow granted is refused when it is a kernel file', async () => {
    const { call, ctx } = setup();
    ctx.grants.grantRead('/proc/self/environ');
    const r = await call.readFile('/proc/self/environ');
    expect(!r.ok && r.error.code).toBe('file/refused-path');
  });
});

describe('grants across a restart, with the autosave', () => {
  it('a recovered case can read the clips it was granted — and nothing the renderer wrote into the autosave', async () => {
    const first = setup();
    const { dir } = first;
    writeFileSync(path.join(dir, 'clip.dcm'), dicomLike('CLIP'));
    const casePath = path.join(dir, 'plan.bpcase');
    writeFileSync(casePath, caseReferencing(['clip.dcm']));
    (first.ctx.showOpenDialog as ReturnType<typeof vi.fn>).mockResolvedValueOnce([casePath]);
    await first.call.openDialog('case');
    const hostile = JSON.stringify({ grants: { reads: [posix ? '/etc/passwd' : 'C:\\Windows\\win.ini'], writes: [] } });
    expect(values(await first.h.writeAutosave({ json: hostile }))).toBeNull();

    // Next start: same user-data folder, fresh grants.
    const store = first.ctx.store;
    const second = setup({ store });
    expect((await second.call.readFile(path.join(dir, 'clip.dcm'))).ok).toBe(false);
    const a = values<{ json: string } | null>(await second.h.readAutosave(null));
    expect(a?.json).toBe(hostile);
    expect(Object.keys(a!)).toEqual(['json', 'savedAt']); // the grants stay in the main process
    expect((await second.call.readFile(path.join(dir, 'clip.dcm'))).ok).toBe(true);
    expect(values(await second.call.saveFile({ kind: 'case', path: casePath, bytes: new TextEncoder().encode('{}') }))).toEqual({ path: casePath });
    expect((await second.call.readFile(posix ? '/etc/passwd' : 'C:\\Windows\\win.ini')).ok).toBe(false);
  });
});
