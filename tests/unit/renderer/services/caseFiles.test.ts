import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCase, readBundle, serializeCase, sha256Hex, type Case } from '../../../../core/plan/index';
import { setBridgeForTests } from '../../../../renderer/bridge';
import type { Bridge, OpenedFile } from '../../../../renderer/bridge/types';
import { locateClip, openCaseFile, openSample, saveCase } from '../../../../renderer/services/caseFiles';
import { autosaveNow } from '../../../../renderer/services/autosave';
import { clipFacts, clipRecord } from '../../../../core/plan/clip-facts';
import { usePlanDialog } from '../../../../renderer/state/planDialogs';
import { isCaseDirty, useCase } from '../../../../renderer/state/case';
import { dispatch, useCommands } from '../../../../renderer/state/commands';
import { useFiles } from '../../../../renderer/state/files';
import { useMessages } from '../../../../renderer/state/messages';
import { repoRoot } from '../../../support/shared';

let clipBytes: Uint8Array;
beforeAll(() => {
  clipBytes = new Uint8Array(readFileSync(path.join(repoRoot, 'assets/samples/thoracic-paravertebral.dcm')));
});

/** A bridge over an in-memory file system (desktop-like paths), recording what was written. */
function fakeBridge(mode: 'electron' | 'browser', files: Record<string, Uint8Array> = {}, opts: { saveAsPath?: string; pick?: OpenedFile[] } = {}) {
  const writes: { path: string; bytes: Uint8Array; kind: string }[] = [];
  const recent: { path: string; kind: string; bytes?: Uint8Array }[] = [];
  const b: Bridge = {
    mode,
    appInfo: async () => ({ version: 't', platform: 't', electron: null, chrome: null }),
    openFiles: async () => ({ ok: true, value: opts.pick ?? [] }),
    readFile: async (p) => (files[p] ? { ok: true, value: { path: p, name: p.split('/').pop()!, bytes: files[p]! } } : { ok: false, error: { code: 'file/not-found', title: `${p} not found` } }),
    filesFromDrop: async () => ({ ok: true, value: [] }),
    saveFile: async (req) => {
      const p = req.path && !req.saveAs ? req.path : mode === 'browser' ? req.suggestedName : (opts.saveAsPath ?? `/data/cases/${req.suggestedName}`);
      writes.push({ path: p, bytes: req.bytes, kind: req.kind });
      files[p] = req.bytes;
      return { ok: true, value: { path: p } };
    },
    publishTarget: async () => ({ ok: true, value: null }),
    listRecent: async () => [],
    addRecent: async (r) => {
      recent.push(r);
      return [];
    },
    clearRecent: async () => [],
    removeRecent: async () => [],
    recentCases: async () => [],
    openRecentCase: async (p) => ({ ok: false, error: { code: 'file/not-found', title: `${p} not found` } }),
    writeAutosave: async () => ({ ok: true, value: null }),
    readAutosave: async () => null,
    clearAutosave: async () => undefined,
    onMenuCommand: () => () => undefined,
    onOpenRecent: () => () => undefined,
  };
  setBridgeForTests(b);
  return { b, writes, recent, files };
}

/** The open case with one clip (at `clipPath`) and one annotation, not saved. */
function caseWithClip(clipPath: string) {
  const facts = clipFacts(clipBytes, 'tpvb.dcm');
  if (!facts.ok) throw new Error('sample clip unreadable');
  const st = useCase.getState();
  st.apply({ type: 'add-clip', clip: clipRecord('c1', clipPath, 'tpvb.dcm', facts.value) });
  st.setClipRuntime('c1', { location: clipPath, onDisk: true, bytes: clipBytes, calibration: facts.value.calibration });
  st.apply({ type: 'add-annotation', annotation: { id: 'a1', clipId: 'c1', kind: 'point', points: [{ x: 300, y: 200 }], role: 'target', label: 'PVS', frameIndex: 4 } });
  st.apply({ type: 'set-block', block: { templateId: 'thoracic-paravertebral', side: 'right', level: 'T5', approach: null } });
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const lastMessage = () => useMessages.getState().messages.at(-1);

beforeEach(() => {
  useCase.getState().reset();
  useMessages.getState().clear();
  usePlanDialog.setState({ dialog: null });
  useFiles.setState({ files: [] });
});
afterEach(() => {
  setBridgeForTests(null);
  vi.unstubAllGlobals();
});

describe('saving cases', () => {
  it('desktop: writes clip paths relative to the folder chosen in the dialog, then the case is clean', async () => {
    const { writes, recent } = fakeBridge('electron', {}, { saveAsPath: '/data/cases/t5.bpcase' });
    caseWithClip('/data/clips/tpvb.dcm');
    expect(await saveCase()).toBe(true);
    const last = writes.at(-1)!;
    expect(last.path).toBe('/data/cases/t5.bpcase');
    const parsed = parseCase(text(last.bytes), 't5.bpcase');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.plan.clips[0]!.path).toBe('../clips/tpvb.dcm');
    expect(parsed.value.plan.clips[0]!.sha256).toBe(sha256Hex(clipBytes));
    expect(parsed.value.plan.annotations[0]!.label).toBe('PVS');
    expect(isCaseDirty()).toBe(false);
    expect(useCase.getState().file).toMatchObject({ path: '/data/cases/t5.bpcase', name: 't5.bpcase', bundled: false });
    expect(recent.some((r) => r.path === '/data/cases/t5.bpcase' && r.kind === 'case')).toBe(true);
    // Save again: no dialog, same file.
    useCase.getState().apply({ type: 'set-title', title: 'T5 right' });
    await saveCase();
    expect(writes.at(-1)!.path).toBe('/data/cases/t5.bpcase');
  });

  it('suggests a file name from the block, side and level', async () => {
    const { writes } = fakeBridge('browser');
    caseWithClip('tpvb.dcm');
    await saveCase();
    expect(writes[0]!.path).toBe('thoracic-paravertebral-right-T5.bpcase');
  });

  it('browser: the download keeps clip names, and each clip is kept for reopening', async () => {
    const { writes, recent } = fakeBridge('browser');
    caseWithClip('tpvb.dcm');
    await saveCase();
    const parsed = parseCase(text(writes[0]!.bytes), 'x');
    expect(parsed.ok && parsed.value.plan.clips[0]!.path).toBe('tpvb.dcm');
    expect(recent.find((r) => r.path === 'tpvb.dcm')?.bytes).toBe(clipBytes);
  });

  it('bundle: the .bpcasez holds the case and the clip, and opens to the same plan', async () => {
    const { writes } = fakeBridge('electron', {}, { saveAsPath: '/data/cases/t5.bpcasez' });
    caseWithClip('/data/clips/tpvb.dcm');
    const before = useCase.getState().history.present;
    expect(await saveCase({ saveAs: true, bundle: true })).toBe(true);
    const w = writes.at(-1)!;
    expect(w.kind).toBe('case-bundle');
    const rb = readBundle(w.bytes, 't5.bpcasez');
    expect(rb.ok).toBe(true);
    if (!rb.ok) return;
    expect(sha256Hex(rb.value.clipBytes.get('c1')!)).toBe(sha256Hex(clipBytes)); // (toEqual on 3 MB is slow)
    useCase.getState().reset();
    expect(await openCaseFile({ path: '/data/cases/t5.bpcasez', name: 't5.bpcasez', bytes: w.bytes })).toBe(true);
    const after = useCase.getState().history.present;
    expect(after.annotations).toEqual(before.annotations);
    expect(after.block).toEqual(before.block);
    expect(sha256Hex(useCase.getState().clips.c1!.bytes!)).toBe(sha256Hex(clipBytes));
    expect(useCase.getState().file.bundled).toBe(true);
  });

  it('desktop: a clip that is only in memory (a sample) makes Save write a bundle', async () => {
    const { writes } = fakeBridge('electron', {}, { saveAsPath: '/data/cases/s.bpcasez' });
    caseWithClip('tpvb.dcm');
    useCase.getState().setClipRuntime('c1', { ...useCase.getState().clips.c1!, onDisk: false });
    await saveCase();
    expect(writes.at(-1)!.kind).toBe('case-bundle');
  });
});

describe('every failed save or autosave is shown (issue 12 item 7)', () => {
  /** A case that cannot be serialised: extensions nested 20,000 deep (past the schema's depth limit). */
  function unsavable() {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20_000; i++) deep = (deep.a = {}) as Record<string, unknown>;
    useCase.setState((st) => ({ history: { ...st.history, present: { ...st.history.present, extensions: { deep: root } } } }));
  }

  it('Ctrl+S on a case that cannot be written: a message, the case stays open and unsaved', async () => {
    const { writes } = fakeBridge('electron', {}, { saveAsPath: '/data/cases/t5.bpcase' });
    caseWithClip('/data/clips/tpvb.dcm');
    unsavable();
    useCommands.getState().register([{ id: 'file.saveCase', label: 'Save case', group: 'File', run: () => void saveCase() }]);
    dispatch('file.saveCase'); // what the shortcut and the menu do
    await vi.waitFor(() => expect(lastMessage()?.title).toBe('The case could not be saved.'));
    expect(lastMessage()).toMatchObject({ severity: 'error', detail: expect.stringMatching(/cannot be saved: extensions\.deep.*deep/) });
    expect(writes).toEqual([]);
    expect(isCaseDirty()).toBe(true);
  });

  it('a save the platform rejects (IPC failure) is shown too', async () => {
    const { b } = fakeBridge('electron');
    b.saveFile = async () => {
      throw new Error('An object could not be cloned.');
    };
    caseWithClip('/data/clips/tpvb.dcm');
    expect(await saveCase()).toBe(false);
    expect(lastMessage()).toMatchObject({ title: 'The case could not be saved.', detail: 'Error: An object could not be cloned.' });
  });

  it('a failed autosave is shown once per edit, whether the write fails or the case cannot be serialised', async () => {
    const { b } = fakeBridge('electron');
    b.writeAutosave = async () => ({ ok: false, error: { code: 'autosave/failed', title: 'Autosave failed: the disk is full.', action: 'Save the case to a file to keep your work.' } });
    caseWithClip('/data/clips/tpvb.dcm');
    expect(await autosaveNow(b)).toBe('failed');
    expect(await autosaveNow(b)).toBe('failed'); // the next tick: not shown again
    expect(useMessages.getState().messages.filter((m) => m.title.startsWith('Autosave failed')).map((m) => [m.severity, m.title])).toEqual([['warning', 'Autosave failed: the disk is full.']]);
    useMessages.getState().clear();
    b.writeAutosave = async () => ({ ok: true, value: null });
    unsavable();
    useCase.getState().apply({ type: 'set-title', title: 'edited' });
    expect(await autosaveNow(b)).toBe('failed');
    expect(lastMessage()).toMatchObject({ severity: 'warning', title: 'Autosave failed: the case could not be written.', detail: expect.stringMatching(/cannot be saved: extensions\.deep.*deep/) });
  });
});

describe('opening cases', () => {
  async function savedCase(): Promise<{ bytes: Uint8Array; plan: Case }> {
    const { writes } = fakeBridge('electron', {}, { saveAsPath: '/data/cases/t5.bpcase' });
    caseWithClip('/data/clips/tpvb.dcm');
    await saveCase();
    const bytes = writes.at(-1)!.bytes;
    const p = parseCase(text(bytes), 'x');
    if (!p.ok) throw new Error('unreadable');
    useCase.getState().reset();
    return { bytes, plan: p.value.plan };
  }

  it('finds clips relative to the case and checks them by SHA-256', async () => {
    const { bytes, plan } = await savedCase();
    fakeBridge('electron', { '/data/clips/tpvb.dcm': clipBytes });
    expect(await openCaseFile({ path: '/data/cases/t5.bpcase', name: 't5.bpcase', bytes })).toBe(true);
    expect(serializeCase(useCase.getState().history.present)).toBe(serializeCase(plan));
    expect(useCase.getState().clips.c1).toMatchObject({ location: '/data/clips/tpvb.dcm', onDisk: true });
    expect(useCase.getState().clips.c1!.calibration.regions.length).toBeGreaterThan(0);
    expect(isCaseDirty()).toBe(false);
    expect(usePlanDialog.getState().dialog).toBeNull();
    // The clip went to the viewer's hand-off (here: the files store).
    expect(useFiles.getState().files.map((f) => f.path)).toEqual(['/data/clips/tpvb.dcm']);
  });

  it('a damaged case file: a clear message naming the file and the problem, and the open case is kept', async () => {
    fakeBridge('electron');
    caseWithClip('/data/clips/tpvb.dcm');
    const before = useCase.getState().history;
    const ok = await openCaseFile({ path: '/x/broken.bpcase', name: 'broken.bpcase', bytes: new TextEncoder().encode('{"schemaVersion": 2, "id": "x", ') });
    expect(ok).toBe(false);
    expect(useCase.getState().history).toBe(before);
    expect(lastMessage()).toMatchObject({ severity: 'error', file: 'broken.bpcase' });
    expect(lastMessage()!.title).toMatch(/damaged: it is not valid JSON/);
    const wrong = await openCaseFile({ path: '/x/wrong.bpcase', name: 'wrong.bpcase', bytes: new TextEncoder().encode('{"schemaVersion": 2, "id": "x"}') });
    expect(wrong).toBe(false);
    expect(lastMessage()!.title).toMatch(/invalid at/);
    expect(useCase.getState().history).toBe(before);
  });

  it('asks before replacing unsaved work; Cancel keeps everything', async () => {
    const { bytes } = await savedCase();
    fakeBridge('electron', { '/data/clips/tpvb.dcm': clipBytes });
    useCase.getState().apply({ type: 'set-title', title: 'unsaved edit' });
    const before = useCase.getState().history;
    const pending = openCaseFile({ path: '/data/cases/t5.bpcase', name: 't5.bpcase', bytes });
    await vi.waitFor(() => expect(usePlanDialog.getState().dialog?.kind).toBe('unsaved'));
    const d = usePlanDialog.getState().dialog;
    if (d?.kind === 'unsaved') d.resolve('cancel');
    expect(await pending).toBe(false);
    expect(useCase.getState().history).toBe(before);
  });

  it('a moved clip: the case opens, the user is asked to locate it, and only the same bytes are accepted', async () => {
    const { bytes } = await savedCase();
    const other = new Uint8Array(clipBytes);
    other[other.length - 1] ^= 0xff;
    const fb = fakeBridge('electron', {}, { pick: [{ path: '/elsewhere/renamed.dcm', name: 'renamed.dcm', bytes: other }] });
    expect(await openCaseFile({ path: '/data/cases/t5.bpcase', name: 't5.bpcase', bytes })).toBe(true);
    const d = usePlanDialog.getState().dialog;
    expect(d?.kind).toBe('locate');
    if (d?.kind !== 'locate') return;
    expect(d.missing).toEqual([{ clipId: 'c1', displayName: 'tpvb.dcm', expectedAt: '/data/clips/tpvb.dcm', reason: 'not-found' }]);
    // A different file is refused, naming it.
    expect(await locateClip(d.missing[0]!, d.caseDir)).toBe(false);
    expect(lastMessage()!.title).toMatch(/renamed.dcm is not the clip “tpvb.dcm”/);
    expect(useCase.getState().history.present.clips[0]!.path).toBe('../clips/tpvb.dcm');
    // The real clip, moved: accepted, and the case records its new path (relative to the case).
    fb.b.openFiles = async () => ({ ok: true, value: [{ path: '/elsewhere/renamed.dcm', name: 'renamed.dcm', bytes: clipBytes }] });
    expect(await locateClip(d.missing[0]!, d.caseDir)).toBe(true);
    expect(useCase.getState().history.present.clips[0]!.path).toBe('../../elsewhere/renamed.dcm');
    expect(isCaseDirty()).toBe(true);
    expect(useCase.getState().clips.c1?.location).toBe('/elsewhere/renamed.dcm');
  });

  it('browser mode: locating a clip is not an edit — the case stays saved and its stored path unchanged', async () => {
    fakeBridge('browser');
    caseWithClip('clips/tpvb.dcm');
    const bytes = new TextEncoder().encode(serializeCase(useCase.getState().history.present));
    useCase.getState().reset();
    const fb = fakeBridge('browser', {}, { pick: [{ path: 'tpvb.dcm', name: 'tpvb.dcm', bytes: clipBytes }] });
    expect(await openCaseFile({ path: 't5.bpcase', name: 't5.bpcase', bytes })).toBe(true);
    const d = usePlanDialog.getState().dialog;
    if (d?.kind !== 'locate') throw new Error('expected the locate dialog');
    expect(isCaseDirty()).toBe(false);
    expect(await locateClip(d.missing[0]!, d.caseDir)).toBe(true);
    expect(isCaseDirty()).toBe(false);
    expect(useCase.getState().history.past).toHaveLength(0);
    expect(useCase.getState().history.present.clips[0]!.path).toBe('clips/tpvb.dcm');
    expect(useCase.getState().clips.c1?.location).toBe('tpvb.dcm');
    expect(fb.b.mode).toBe('browser');
  });

  it('browser mode: a clip kept as a file handle opens with its case, checked by SHA-256, with no locate dialog', async () => {
    fakeBridge('browser');
    caseWithClip('clips/tpvb.dcm');
    const bytes = new TextEncoder().encode(serializeCase(useCase.getState().history.present));
    useCase.getState().reset();
    const asked: string[] = [];
    const fb = fakeBridge('browser');
    fb.b.readKeptClip = async (clip) => {
      asked.push(clip.sha256);
      return clip.sha256 === sha256Hex(clipBytes) ? { ok: true, value: { path: 'tpvb.dcm', name: 'tpvb.dcm', bytes: clipBytes } } : null;
    };
    expect(await openCaseFile({ path: 't5.bpcase', name: 't5.bpcase', bytes })).toBe(true);
    expect(asked).toEqual([sha256Hex(clipBytes)]);
    expect(usePlanDialog.getState().dialog).toBeNull();
    expect(useCase.getState().clips.c1?.location).toBe('tpvb.dcm');
    expect(isCaseDirty()).toBe(false);
    // A kept file whose bytes changed is not taken: the user is asked to locate the clip.
    useCase.getState().reset();
    const changed = new Uint8Array(clipBytes);
    changed[changed.length - 1] ^= 0xff;
    fb.b.readKeptClip = async () => ({ ok: true, value: { path: 'tpvb.dcm', name: 'tpvb.dcm', bytes: changed } });
    expect(await openCaseFile({ path: 't5.bpcase', name: 't5.bpcase', bytes })).toBe(true);
    expect(usePlanDialog.getState().dialog?.kind).toBe('locate');
  });
});

describe('sample cases', () => {
  it('fetches the case and its clip relative to the page, checks the hash and opens it clean', async () => {
    fakeBridge('browser');
    // A sample case made here from the sample clip (the shipped one is checked by its own tests).
    const facts = clipFacts(clipBytes, 'thoracic-paravertebral.dcm');
    if (!facts.ok) throw new Error('unreadable');
    caseWithClip('thoracic-paravertebral.dcm');
    const sample = serializeCase(useCase.getState().history.present);
    useCase.getState().reset();
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (u: URL) => {
      urls.push(u.pathname);
      if (u.pathname.endsWith('/assets/samples/thoracic-paravertebral.bpcase')) return new Response(sample);
      if (u.pathname.endsWith('/assets/samples/thoracic-paravertebral.dcm')) return new Response(clipBytes as Uint8Array<ArrayBuffer>);
      return new Response('not found', { status: 404 });
    });
    expect(await openSample('thoracic-paravertebral')).toBe(true);
    expect(urls).toEqual(['/assets/samples/thoracic-paravertebral.bpcase', '/assets/samples/thoracic-paravertebral.dcm']);
    expect(useCase.getState().history.present.annotations[0]!.label).toBe('PVS');
    expect(useCase.getState().file).toMatchObject({ origin: 'sample', path: null });
    expect(isCaseDirty()).toBe(false);
  });

  it('says so when a sample is not installed', async () => {
    fakeBridge('browser');
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
    expect(await openSample('celiac-plexus')).toBe(false);
    expect(lastMessage()!.title).toMatch(/celiac-plexus.bpcase is not installed/);
  });
});
