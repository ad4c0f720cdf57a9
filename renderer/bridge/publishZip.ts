/**
 * Browser mode's place for a published teaching site (core/app/publish.ts): a zip, downloaded when
 * the site is complete, holding one folder (`name/`). The app's files are fetched from the page's own
 * origin, as the build listed them (APP_FILES_MANIFEST): the same app that is running, nothing else.
 * A zip is what every browser can save without asking for a folder (the File System Access API is not
 * in every browser, nor in a headless one).
 */
import { zipSync, type Zippable } from 'fflate';
import { APP_FILES_MANIFEST } from '../../core/app/publish';
import { appError, err, ok, type Result } from '../../core/result';
import type { PublishTarget } from './types';

/** Already-compressed files are stored, the rest deflated. */
const STORED = /\.(gz|wasm|png|jpe?g|woff2?|bpcasez)$/i;

/** A site collected in memory and downloaded as `name.zip` by `finish`. `base`: the app's own URL. */
export function zipSite(name: string, base: string, download: (fileName: string, bytes: Uint8Array) => void): PublishTarget {
  const files: Zippable = {};
  const get = async (rel: string): Promise<Uint8Array> => {
    const url = new URL(rel, base);
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`The app's file ${rel} could not be loaded from ${url.origin} (HTTP ${res.status}).`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const put = (rel: string, bytes: Uint8Array) => void (files[`${name}/${rel}`] = [bytes, { level: STORED.test(rel) ? 0 : 6 }]);
  return {
    where: `${name}.zip`,
    async manifest(): Promise<Result<string>> {
      try {
        return ok(new TextDecoder().decode(await get(APP_FILES_MANIFEST)));
      } catch (e) {
        return err(
          appError('publish/app-not-built', 'Publishing needs the built app: its file list could not be loaded.', {
            action: 'Run BlockPlan from a build (npm run build:renderer, then npm run web), not the development server, and publish again.',
            detail: e instanceof Error ? e.message : String(e),
            file: APP_FILES_MANIFEST,
          }),
        );
      }
    },
    copyAppFile: async (rel) => put(rel, await get(rel)),
    write: async (rel, bytes) => put(rel, bytes),
    async finish() {
      download(`${name}.zip`, zipSync(files));
      return ok({ path: `${name}.zip` });
    },
  };
}
