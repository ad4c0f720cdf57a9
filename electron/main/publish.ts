/**
 * "Publish as teaching page" on the desktop (core/app/publish.ts runs in the renderer; this is its
 * site port in the main process). The user chooses a folder in a native dialog; main makes a new
 * folder for the site in it and writes only there, and only: the app's own files (copied from the
 * built renderer, as its file list APP_FILES_MANIFEST names them) and the site's two files
 * (teach.html and the bundle). The renderer names no path of its own.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { APP_FILES_MANIFEST, parseAppManifest, SITE_BUNDLE_PATH } from '../../core/app/publish';
import type { IpcContract, IpcRequest, IpcResponse, IpcResult } from '../ipc-contract';
import { refusedPathReason } from './paths';

type PublishChannel = 'publishChooseFolder' | 'publishWrite';
export type PublishHandlers = { [C in PublishChannel]: (req: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>> };

/** The files of the site that are not the app's: what the renderer may write with bytes. */
const SITE_FILES = ['teach.html', SITE_BUNDLE_PATH];
/** Largest file of the site the renderer may hand over (bytes). */
const MAX_SITE_FILE_BYTES = 2 * 1024 ** 3;

/** Argument schemas of the publish channels (spread into electron/main/ipc.ts requestSchemas). */
export const publishRequestSchemas: { [C in PublishChannel]: z.ZodType<IpcContract[C]['request']> } = {
  publishChooseFolder: z
    .object({ name: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'must be a plain folder name') })
    .strict(),
  publishWrite: z
    .object({
      rel: z.string().min(1).max(300).regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/, 'must be a relative path').refine((r) => !r.split('/').some((s) => s === '' || s === '.' || s === '..'), 'must stay inside the site'),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_SITE_FILE_BYTES, 'too large').nullable(),
    })
    .strict(),
};

export interface PublishContext {
  /** The built renderer (dist/renderer), whose files the site copies. */
  rendererRoot: string;
  /** Native folder dialog; the chosen folder or null. */
  chooseFolder(): Promise<string | null>;
  /** Windows network shares the user browsed to (see ./paths.ts). */
  allowedShares(): ReadonlySet<string>;
  platform?: NodeJS.Platform;
}

const fail = (code: string, title: string, extra: { action?: string; detail?: string; file?: string } = {}) => ({ ok: false as const, error: { code, title, ...extra } });

/** A new folder `name` in `parent` (`name (2)`, … when taken). */
async function newFolder(parent: string, name: string): Promise<string> {
  for (let i = 1; i < 100; i++) {
    const p = path.join(parent, i === 1 ? name : `${name} (${i})`);
    try {
      await mkdir(p);
      return p;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`every name from “${name}” to “${name} (99)” is taken`);
}

export function createPublishHandlers(ctx: PublishContext): PublishHandlers {
  let site: { dir: string; app: ReadonlySet<string> } | null = null;
  return {
    async publishChooseFolder({ name }) {
      site = null;
      let manifest: string;
      try {
        manifest = await readFile(path.join(ctx.rendererRoot, APP_FILES_MANIFEST), 'utf8');
      } catch {
        return fail('publish/app-not-built', `This installation has no list of the app's files (${APP_FILES_MANIFEST}).`, { action: 'Reinstall BlockPlan, or build it again (npm run build:renderer).' });
      }
      const app = parseAppManifest(manifest);
      if (!app.ok) return { ok: false, error: app.error };
      const parent = await ctx.chooseFolder();
      if (!parent) return { ok: true, value: null };
      const reason = refusedPathReason(parent, ctx.platform ?? process.platform, ctx.allowedShares());
      if (reason) return fail('publish/refused-folder', `The teaching page cannot be written to ${parent}: ${reason}.`, { action: 'Choose a folder on this computer.', file: parent });
      try {
        const dir = await newFolder(parent, name);
        site = { dir, app: new Set(app.value) };
        return { ok: true, value: { path: dir, manifest } };
      } catch (e) {
        return fail('publish/folder-failed', `A folder for the teaching page could not be made in ${parent}.`, { action: 'Choose a folder you can write to.', detail: e instanceof Error ? e.message : String(e), file: parent });
      }
    },
    async publishWrite({ rel, bytes }) {
      if (!site) return fail('publish/no-folder', 'No folder was chosen for the teaching page.', { action: 'Choose “Publish as teaching page…” again.' });
      if (bytes ? !SITE_FILES.includes(rel) : !site.app.has(rel)) return fail('publish/not-site-file', `${rel} is not a file of the teaching page.`, { file: rel });
      const to = path.join(site.dir, ...rel.split('/'));
      try {
        await mkdir(path.dirname(to), { recursive: true });
        if (bytes) await writeFile(to, bytes);
        else await copyFile(path.join(ctx.rendererRoot, ...rel.split('/')), to);
        return { ok: true, value: null };
      } catch (e) {
        return fail('publish/write-failed', `${rel} could not be written to ${site.dir}.`, { action: 'Check the free space and that the folder can be written, then publish again.', detail: e instanceof Error ? e.message : String(e), file: to });
      }
    },
  };
}
