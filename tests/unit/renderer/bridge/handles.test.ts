import { beforeEach, describe, expect, it, vi } from 'vitest';

/** IndexedDB stand-in: jsdom has none (the handles module only uses these four calls). */
const kv = new Map<string, unknown>();
vi.mock('../../../../renderer/bridge/idb', () => ({
  kvGet: async (k: string) => kv.get(k),
  kvSet: async (k: string, v: unknown) => (kv.set(k, v), k),
  kvDelete: async (k: string) => void kv.delete(k),
  kvKeys: async () => [...kv.keys()],
}));
const { handleState, keepDroppedHandles, linkHandleToHash, readThroughHandle } = await import('../../../../renderer/bridge/handles');

/** Handles as the File System Access API gives them, with a permission the test controls. */
function fakeTree(files: Record<string, string>) {
  const perm = { state: 'prompt' as PermissionState, requested: 0, answer: 'granted' as PermissionState };
  const permission = {
    queryPermission: async () => perm.state,
    requestPermission: async () => (perm.requested++, (perm.state = perm.answer)),
  };
  const file = (name: string, text: string) => ({ kind: 'file' as const, name, ...permission, getFile: async () => ({ name, arrayBuffer: async () => new TextEncoder().encode(text).buffer }) as unknown as File });
  const dir = (name: string, prefix: string): unknown => ({
    kind: 'directory' as const,
    name,
    ...permission,
    async getDirectoryHandle(n: string) {
      if (perm.state !== 'granted') throw new DOMException('no permission', 'NotAllowedError');
      if (!Object.keys(files).some((p) => p.startsWith(`${prefix}${n}/`))) throw new DOMException('not found', 'NotFoundError');
      return dir(n, `${prefix}${n}/`);
    },
    async getFileHandle(n: string) {
      if (perm.state !== 'granted') throw new DOMException('no permission', 'NotAllowedError');
      const text = files[`${prefix}${n}`];
      if (text === undefined) throw new DOMException('not found', 'NotFoundError');
      return file(n, text);
    },
  });
  return { perm, dir, file };
}

/** A drop's items, each giving its handle (as DataTransferItem.getAsFileSystemHandle does). */
const dropOf = (handles: unknown[]) => handles.map((h) => ({ kind: 'file', getAsFileSystemHandle: async () => h }) as unknown as DataTransferItem);
const settle = () => new Promise((r) => setTimeout(r, 0));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

beforeEach(() => kv.clear());

describe('kept file handles (browser mode)', () => {
  it('a dropped folder: its files are read by their path inside it, after permission is asked for once on the folder', async () => {
    const t = fakeTree({ 'study/series1/IM1.dcm': 'clip one', 'study/IM2.dcm': 'clip two' });
    keepDroppedHandles(dropOf([t.dir('study', 'study/')]));
    await settle();
    expect([...kv.keys()]).toEqual(['handle-dir:study']);
    expect(await handleState({ paths: ['study/series1/IM1.dcm'] })).toBe('prompt');
    // Without asking (listing the recent cases) nothing is read.
    const quiet = await readThroughHandle({ paths: ['study/series1/IM1.dcm'] }, { ask: false });
    expect(quiet?.ok).toBe(false);
    expect(t.perm.requested).toBe(0);
    const r = await readThroughHandle({ paths: ['study/series1/IM1.dcm'] }, { ask: true });
    expect(r?.ok && { path: r.value.path, name: r.value.name, text: text(r.value.bytes) }).toEqual({ path: 'study/series1/IM1.dcm', name: 'IM1.dcm', text: 'clip one' });
    expect(t.perm.requested).toBe(1);
    expect(await handleState({ paths: ['study/IM2.dcm'] })).toBe('granted');
    expect(await handleState({ paths: ['study/gone.dcm'] })).toBe('missing');
    expect(await readThroughHandle({ paths: ['other/IM1.dcm'] }, { ask: true })).toBeNull();
  });

  it('found by SHA-256 once linked, even when another file of the same name is kept later; a refused permission is an error naming the file', async () => {
    const a = fakeTree({});
    keepDroppedHandles(dropOf([a.file('IM1.dcm', 'first')]));
    await settle();
    await linkHandleToHash('IM1.dcm', 'aa'.repeat(32));
    const b = fakeTree({});
    keepDroppedHandles(dropOf([b.file('IM1.dcm', 'second')]));
    await settle();
    a.perm.state = 'granted';
    b.perm.state = 'granted';
    const bySha = await readThroughHandle({ sha256: 'aa'.repeat(32), paths: ['IM1.dcm'] }, { ask: true });
    expect(bySha?.ok && text(bySha.value.bytes)).toBe('first');
    const byName = await readThroughHandle({ paths: ['IM1.dcm'] }, { ask: true });
    expect(byName?.ok && text(byName.value.bytes)).toBe('second');
    b.perm.state = 'prompt';
    b.perm.answer = 'denied';
    const refused = await readThroughHandle({ paths: ['IM1.dcm'] }, { ask: true });
    expect(refused?.ok === false && refused.error).toMatchObject({ code: 'file/denied', file: 'IM1.dcm', title: 'IM1.dcm could not be read: permission to read it was not given.' });
  });
});
