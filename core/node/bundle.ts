/**
 * Bundled cases on disk (`.bpcasez`): export a saved case with its clips into one file, and import
 * one into a folder as a normal case (`<name>.bpcase` + `clips/…`). See core/plan/bundle.ts.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { BUNDLE_LIMITS, buildBundle, readBundle, type Case } from '../plan/index';
import { appError, err, ok, type Result } from '../result';
import { writeFileAtomic } from './atomic';
import { CASE_EXTENSION, resolveClipPath, writeCaseFile } from './case-file';

/** Write a bundle of `plan` (saved at `casePath`, whose clip paths are relative to it) to `outPath`. */
export async function exportBundleFile(plan: Case, casePath: string, outPath: string): Promise<Result<void>> {
  const clipBytes = new Map<string, Uint8Array>();
  for (const clip of plan.clips) {
    const p = resolveClipPath(casePath, clip);
    try {
      const b = await readFile(p);
      clipBytes.set(clip.id, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    } catch {
      return err(appError('bundle/missing-clip', `The clip “${clip.displayName}” was not found, so the case cannot be bundled.`, { file: p, action: 'Locate the clip, save the case, then export again.' }));
    }
  }
  const z = buildBundle(plan, clipBytes);
  if (!z.ok) return z;
  return writeFileAtomic(outPath, z.value);
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Import a bundle into `destDir`: writes the clips under `destDir/clips/` and the case as
 * `destDir/<bundle name>.bpcase`, and returns the case path. Never overwrites an existing file.
 */
export async function importBundleFile(bundlePath: string, destDir: string): Promise<Result<{ casePath: string; plan: Case }>> {
  let bytes: Buffer;
  try {
    // A regular file no larger than everything a bundle may hold (BUNDLE_LIMITS) plus its directory.
    const st = await stat(bundlePath);
    if (!st.isFile()) return err(appError('bundle/read-failed', 'The bundled case is not a regular file.', { file: bundlePath }));
    if (st.size > BUNDLE_LIMITS.maxTotalBytes + 64 * 1024 ** 2) {
      return err(appError('bundle/too-large', `The bundled case is not opened: the file is ${Math.round(st.size / 1024 ** 2)} MB, more than BlockPlan reads.`, { file: bundlePath }));
    }
    bytes = await readFile(bundlePath);
  } catch (e) {
    return err(appError('bundle/read-failed', 'The bundled case could not be read.', { file: bundlePath, detail: e instanceof Error ? e.message : String(e) }));
  }
  const r = readBundle(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), bundlePath);
  if (!r.ok) return r;
  const casePath = join(destDir, basename(bundlePath, extname(bundlePath)) + CASE_EXTENSION);
  const targets = [casePath, ...r.value.plan.clips.map((c) => resolveClipPath(casePath, c))];
  for (const t of targets) {
    if (await exists(t)) return err(appError('bundle/would-overwrite', 'Importing would overwrite an existing file.', { file: t, action: 'Choose an empty folder for the imported case.' }));
  }
  try {
    await mkdir(join(destDir, 'clips'), { recursive: true });
  } catch (e) {
    return err(appError('bundle/write-failed', 'The folder for the imported case could not be created.', { file: destDir, detail: e instanceof Error ? e.message : String(e) }));
  }
  for (const clip of r.value.plan.clips) {
    const w = await writeFileAtomic(resolveClipPath(casePath, clip), r.value.clipBytes.get(clip.id)!);
    if (!w.ok) return w;
  }
  const saved = await writeCaseFile(casePath, r.value.plan, r.value.plan.updatedAt);
  if (!saved.ok) return saved;
  return ok({ casePath, plan: saved.value });
}
