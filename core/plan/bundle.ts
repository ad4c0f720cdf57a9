/**
 * The bundled case (`.bpcasez`): a ZIP holding `case.json` and the clips under `clips/`, so a case can
 * travel with its images. Pure (fflate), so the browser build can export and import bundles too;
 * core/node wraps it with file IO.
 *
 * Inside the bundle, `clips[].path` is the entry name (`clips/<n>-<name>.dcm`). Clip bytes are checked
 * against `clips[].sha256` both when building and when reading.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { appError, err, ok, type Result } from '../result';
import { sha256Hex } from './hash';
import { parseCase, serializeCase } from './io';
import type { Case } from './schema';

/** Name of the case entry in a bundle. */
export const BUNDLE_CASE_ENTRY = 'case.json';
/** File extension of bundled cases. */
export const BUNDLE_EXTENSION = '.bpcasez';
/** Largest entry a bundle may declare, bytes (a guard against decompression bombs). */
export const MAX_BUNDLE_ENTRY_BYTES = 4 * 1024 ** 3;

function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() || 'clip';
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return cleaned || 'clip';
}

/**
 * Build a bundle from a case and the bytes of each of its clips (by clip id).
 * Fails, naming the clip, when bytes are missing or do not match the stored SHA-256.
 */
export function buildBundle(plan: Case, clipBytes: ReadonlyMap<string, Uint8Array>): Result<Uint8Array> {
  const files: Zippable = {};
  const used = new Set<string>();
  const clips = [];
  for (let i = 0; i < plan.clips.length; i++) {
    const clip = plan.clips[i]!;
    const bytes = clipBytes.get(clip.id);
    if (!bytes) return err(appError('bundle/missing-clip', `The clip “${clip.displayName}” could not be read, so the case cannot be bundled.`, { file: clip.path, action: 'Locate the clip, then export again.' }));
    if (sha256Hex(bytes) !== clip.sha256) {
      return err(appError('bundle/clip-changed', `The clip “${clip.displayName}” has changed since it was added to the case (its SHA-256 differs).`, { file: clip.path, action: 'Locate the original clip, or add the new file as a clip.' }));
    }
    let entry = `clips/${String(i + 1).padStart(2, '0')}-${safeName(clip.displayName || clip.path)}`;
    while (used.has(entry)) entry = entry.replace(/(\.[^.]*)?$/, (ext) => `_${ext}`);
    used.add(entry);
    files[entry] = [bytes, { level: 0 }]; // DICOM pixel data is usually compressed already
    clips.push({ ...clip, path: entry });
  }
  files[BUNDLE_CASE_ENTRY] = [strToU8(serializeCase({ ...plan, clips })), { level: 6 }];
  return ok(zipSync(files));
}

/** A bundle read into memory: the case (clip paths are entry names) and each clip's bytes by id. */
export interface ReadBundle {
  plan: Case;
  clipBytes: Map<string, Uint8Array>;
  migrated: boolean;
}

/** Read and check a bundle: the case parses, every clip is present and matches its SHA-256. */
export function readBundle(bytes: Uint8Array, fileName: string): Result<ReadBundle> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => f.originalSize <= MAX_BUNDLE_ENTRY_BYTES && isSafeEntry(f.name),
    });
  } catch (e) {
    return err(appError('bundle/damaged', 'The bundled case is damaged: it is not a readable ZIP file.', { file: fileName, action: 'Copy the bundle again from its source.', detail: e instanceof Error ? e.message : String(e) }));
  }
  const caseBytes = files[BUNDLE_CASE_ENTRY];
  if (!caseBytes) return err(appError('bundle/no-case', `The bundle has no ${BUNDLE_CASE_ENTRY}: it is not a BlockPlan bundled case.`, { file: fileName }));
  const parsed = parseCase(strFromU8(caseBytes), `${fileName} › ${BUNDLE_CASE_ENTRY}`);
  if (!parsed.ok) return parsed;
  const clipBytes = new Map<string, Uint8Array>();
  for (const clip of parsed.value.plan.clips) {
    const b = files[clip.path];
    if (!b) return err(appError('bundle/missing-clip', `The bundle lacks the clip “${clip.displayName}” (${clip.path}).`, { file: fileName, action: 'Export the bundle again from the original case.' }));
    if (sha256Hex(b) !== clip.sha256) return err(appError('bundle/clip-changed', `The clip “${clip.displayName}” in the bundle does not match its SHA-256: the bundle is damaged.`, { file: fileName }));
    clipBytes.set(clip.id, b);
  }
  return ok({ plan: parsed.value.plan, clipBytes, migrated: parsed.value.migrated });
}

/** Entry names must be relative, without `..`, backslashes or drive letters (no writing outside the target folder). */
export function isSafeEntry(name: string): boolean {
  if (!name || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.');
}
