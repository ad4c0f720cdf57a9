/**
 * The desktop's site for "Publish as teaching page" (electron/main/publish.ts): main makes a new
 * folder in the one the user chose and writes only there, only the app's listed files (copied from
 * the renderer build) and the site's own two files; the renderer's requests are validated by zod
 * through the same guard as every channel.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guard } from '../../../electron/main/ipc';
import { createPublishHandlers } from '../../../electron/main/publish';

function setup(chosen: string | null = null) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bp-pub-'));
  const root = path.join(tmp, 'renderer');
  mkdirSync(path.join(root, 'static'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<html>');
  writeFileSync(path.join(root, 'static/app.js'), 'app');
  writeFileSync(path.join(root, 'secret.txt'), 'not listed');
  writeFileSync(path.join(root, 'app-files.json'), JSON.stringify({ files: ['index.html', 'static/app.js'] }));
  const parent = path.join(tmp, 'out');
  mkdirSync(parent);
  const h = createPublishHandlers({ rendererRoot: root, chooseFolder: async () => (chosen === null ? parent : chosen || null), allowedShares: () => new Set(), platform: 'linux' });
  return { h, parent, root };
}

describe('publish handlers (desktop)', () => {
  it('writes the app and the site into a new folder in the chosen one, and nothing else', async () => {
    const { h, parent } = setup();
    const c = await h.publishChooseFolder({ name: 'blockplan-teaching-case' });
    expect(c.ok && c.value?.path).toBe(path.join(parent, 'blockplan-teaching-case'));
    expect(c.ok && JSON.parse(c.value!.manifest).files).toEqual(['index.html', 'static/app.js']);
    expect((await h.publishWrite({ rel: 'static/app.js', bytes: null })).ok).toBe(true);
    expect((await h.publishWrite({ rel: 'teaching/case.bpcasez', bytes: new Uint8Array([1, 2]) })).ok).toBe(true);
    expect(readFileSync(path.join(parent, 'blockplan-teaching-case/static/app.js'), 'utf8')).toBe('app');
    expect([...readFileSync(path.join(parent, 'blockplan-teaching-case/teaching/case.bpcasez'))]).toEqual([1, 2]);
    // Not listed by the build, or an app file the renderer tries to write itself: refused.
    const unlisted = await h.publishWrite({ rel: 'secret.txt', bytes: null });
    expect(!unlisted.ok && unlisted.error.code).toBe('publish/not-site-file');
    const overwrite = await h.publishWrite({ rel: 'index.html', bytes: new Uint8Array([60]) });
    expect(!overwrite.ok && overwrite.error.code).toBe('publish/not-site-file');
    expect(existsSync(path.join(parent, 'blockplan-teaching-case/secret.txt'))).toBe(false);
    // A second publish never overwrites the first.
    const again = await h.publishChooseFolder({ name: 'blockplan-teaching-case' });
    expect(again.ok && again.value?.path).toBe(path.join(parent, 'blockplan-teaching-case (2)'));
  });

  it('writes nothing before a folder is chosen, nor after a cancel', async () => {
    const { h } = setup('');
    const w = await h.publishWrite({ rel: 'teach.html', bytes: new Uint8Array([1]) });
    expect(!w.ok && w.error.code).toBe('publish/no-folder');
    const c = await h.publishChooseFolder({ name: 'site' });
    expect(c).toEqual({ ok: true, value: null });
    expect((await h.publishWrite({ rel: 'teach.html', bytes: new Uint8Array([1]) })).ok).toBe(false);
  });

  it('refuses a kernel folder and a path that leaves the site (zod, through the guard)', async () => {
    const { h } = setup('/proc/self');
    const c = await h.publishChooseFolder({ name: 'site' });
    expect(!c.ok && c.error.code).toBe('publish/refused-folder');
    const trusted = () => true;
    const write = guard('publishWrite', h.publishWrite, trusted);
    for (const rel of ['../x', '/etc/passwd', 'a/../../b', 'a\\b', '']) {
      const r = await write({ senderFrame: { url: 'app://blockplan/' } }, { rel, bytes: null });
      expect(!r.ok && r.error.code, rel).toBe('ipc/bad-arguments');
    }
    const choose = guard('publishChooseFolder', h.publishChooseFolder, trusted);
    const bad = await choose({ senderFrame: { url: 'app://blockplan/' } }, { name: '../up' });
    expect(!bad.ok && bad.error.code).toBe('ipc/bad-arguments');
  });
});
