/**
 * The two sites of "Publish as teaching page" in the renderer's bridge: the desktop's goes over the
 * publish channels (the app's files by name, the site's own files with bytes; a refused write stops
 * the workflow with main's error), the browser's fetches the app from its origin and zips it.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { BlockPlanApi } from '../../../../electron/ipc-contract';
import { electronBridge, PublishWriteError } from '../../../../renderer/bridge/electron';
import { zipSite } from '../../../../renderer/bridge/publishZip';

describe('publish sites (bridge)', () => {
  it('desktop: writes through publishWrite; a refused write throws main’s error', async () => {
    const publishWrite = vi.fn(async (req: { rel: string; bytes: Uint8Array | null }) =>
      req.rel === 'teach.html' ? { ok: false as const, error: { code: 'publish/write-failed', title: 'teach.html could not be written to /x.' } } : { ok: true as const, value: null },
    );
    const api = { publishChooseFolder: async () => ({ ok: true, value: { path: '/out/site', manifest: '{"files":["index.html"]}' } }), publishWrite } as unknown as BlockPlanApi;
    const t = await electronBridge(api).publishTarget('site');
    if (!t.ok || !t.value) throw new Error('no target');
    expect(t.value.where).toBe('/out/site');
    expect(await t.value.manifest()).toEqual({ ok: true, value: '{"files":["index.html"]}' });
    await t.value.copyAppFile('index.html');
    expect(publishWrite).toHaveBeenLastCalledWith({ rel: 'index.html', bytes: null });
    const err = await t.value.write('teach.html', new Uint8Array([1])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishWriteError);
    expect((err as PublishWriteError).error.title).toBe('teach.html could not be written to /x.');
  });

  it('desktop: a cancelled folder dialog is null, not an error', async () => {
    const api = { publishChooseFolder: async () => ({ ok: true, value: null }) } as unknown as BlockPlanApi;
    expect(await electronBridge(api).publishTarget('site')).toEqual({ ok: true, value: null });
  });

  it('browser: fetches the app from the page’s origin and downloads one zip with a folder', async () => {
    const served: Record<string, string> = { '/app/app-files.json': '{"files":["index.html"]}', '/app/index.html': '<html>' };
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (u: URL) => {
      fetched.push(u.href);
      const body = served[u.pathname];
      return body === undefined ? new Response('', { status: 404 }) : new Response(body);
    });
    try {
      const downloads: [string, Uint8Array][] = [];
      const site = zipSite('site', 'http://127.0.0.1:5000/app/index.html?teaching=x', (n, b) => void downloads.push([n, b]));
      expect(await site.manifest()).toEqual({ ok: true, value: '{"files":["index.html"]}' });
      await site.copyAppFile('index.html');
      await site.write('teach.html', new Uint8Array([65]));
      await expect(site.copyAppFile('static/missing.js')).rejects.toThrow(/static\/missing\.js could not be loaded .*HTTP 404/);
      expect(await site.finish()).toEqual({ ok: true, value: { path: 'site.zip' } });
      expect(fetched.every((u) => u.startsWith('http://127.0.0.1:5000/app/'))).toBe(true);
      const files = unzipSync(downloads[0]![1]);
      expect(downloads[0]![0]).toBe('site.zip');
      expect(Object.keys(files).sort()).toEqual(['site/index.html', 'site/teach.html']);
      expect(new TextDecoder().decode(files['site/index.html'])).toBe('<html>');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('browser: without the app file list (development server) the error says to use a build', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
    try {
      const r = await zipSite('site', 'http://127.0.0.1:5173/', () => undefined).manifest();
      expect(!r.ok && r.error.code).toBe('publish/app-not-built');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
