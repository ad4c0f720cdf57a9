/**
 * Issue 12 items 1 and 8, renderer side. Browser mode: a dropped folder with a symbolic-link loop
 * (the browser shows the link as a folder again) is bounded by file/byte/entry limits and refused
 * with a message. Desktop: the renderer hands the dropped File objects to the preload and never a
 * path; entries the main process could not read are reported, naming the file.
 */
import { describe, expect, it, vi } from 'vitest';
import { browserBridge, DROP_LIMITS } from '../../../../renderer/bridge/browser';
import { electronBridge, withoutFailures } from '../../../../renderer/bridge/electron';
import type { BlockPlanApi } from '../../../../electron/ipc-contract';

/** A fake FileSystemEntry tree: a folder that contains two files and itself, three times (as a link loop looks to the browser). */
function loopFolder(name: string, fileBytes: number) {
  const sized = (n: string) => Object.defineProperty(new File(['x'], n), 'size', { value: fileBytes });
  const file = (n: string) => ({ isFile: true, isDirectory: false, name: n, fullPath: `/${name}/${n}`, file: (res: (f: File) => void) => res(sized(n)) });
  const dir: Record<string, unknown> = { isFile: false, isDirectory: true, name, fullPath: `/${name}` };
  dir.createReader = () => {
    let done = false;
    return {
      readEntries: (res: (e: unknown[]) => void) => {
        res(done ? [] : [file('a.dcm'), file('b.dcm'), dir, dir, dir]);
        done = true;
      },
    };
  };
  return dir;
}

function dataTransfer(entry: unknown): DataTransfer {
  return { items: [{ webkitGetAsEntry: () => entry }], files: [] } as unknown as DataTransfer;
}

describe('browser mode drop limits (item 8)', () => {
  it('a folder that contains itself is refused with a message once a limit is reached', async () => {
    const r = await browserBridge().filesFromDrop(dataTransfer(loopFolder('scans', 10)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('folder/too-large');
      expect(r.error.title).toBe(`Nothing was opened: “scans” holds more than ${DROP_LIMITS.files.toLocaleString('en-US')} files; BlockPlan opens at most that much at once.`);
    }
  });

  it('the same limits apply to a drop read one file at a time (pendingFromDrop, what the app uses in browser mode)', async () => {
    const r = await browserBridge().pendingFromDrop!(dataTransfer(loopFolder('scans', 10)));
    expect(!r.ok && r.error.code).toBe('folder/too-large');
    const ok = await browserBridge().pendingFromDrop!({ items: [], files: [new File(['x'], 'a.dcm')] } as unknown as DataTransfer);
    expect(ok.ok && ok.value.map((f) => f.name)).toEqual(['a.dcm']);
  });

  it('the byte limit applies too', async () => {
    const r = await browserBridge().filesFromDrop(dataTransfer(loopFolder('big', 200 * 1024 ** 2)));
    expect(!r.ok && r.error.title).toMatch(/holds more than 2\.0 GB/);
  });
});

describe('desktop drop: File objects to the preload, failures shown', () => {
  it('passes the dropped File objects (not paths) to window.blockplan.readDropped', async () => {
    const f1 = new File(['x'], 'a.dcm');
    const readDropped = vi.fn(async () => ({ ok: true as const, value: [] }));
    const b = electronBridge({ readDropped } as unknown as BlockPlanApi);
    await b.filesFromDrop({ files: [f1] } as unknown as DataTransfer);
    expect(readDropped).toHaveBeenCalledWith([f1]);
  });

  it('reports each entry the main process could not read and keeps the others', () => {
    const report = vi.fn();
    const r = withoutFailures(
      {
        ok: true,
        value: [
          { path: '/a.dcm', name: 'a.dcm', bytes: new Uint8Array([1]) },
          { path: '/etc/passwd', name: 'passwd', bytes: new Uint8Array(0), error: { code: 'file/not-proven', title: 'passwd was not opened', file: 'passwd' } },
          { path: '/scans', name: 'scans', bytes: new Uint8Array(0), error: { code: 'folder/links-skipped', title: '2 symbolic links were not followed' } },
        ],
      },
      report,
    );
    expect(r.ok && r.value.map((f) => f.name)).toEqual(['a.dcm']);
    expect(report.mock.calls).toEqual([
      [{ code: 'file/not-proven', title: 'passwd was not opened', file: 'passwd' }, 'error'],
      [{ code: 'folder/links-skipped', title: '2 symbolic links were not followed' }, 'info'],
    ]);
  });
});
