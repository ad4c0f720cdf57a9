/**
 * The bundled case (`.bpcasez`): a ZIP holding `case.json` and the clips under `clips/`, so a case can
 * travel with its images. Pure (fflate), so the browser build can export and import bundles too;
 * core/node wraps it with file IO.
 *
 * Inside the bundle, `clips[].path` is the entry name (`clips/<n>-<name>.dcm`). Clip bytes are checked
 * against `clips[].sha256` both when building and when reading.
 */
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import { appError, err, ok, type AppError, type Result } from '../result';
import { listZip, readZipEntry, ZipError, type ZipEntry } from './bundle-zip';
import { sha256Hex } from './hash';
import { MAX_CASE_TEXT_CHARS, parseCase, serializeCase, type ParsedCase } from './io';
import type { Case } from './schema';

/** Name of the case entry in a bundle. */
export const BUNDLE_CASE_ENTRY = 'case.json';
/** File extension of bundled cases. */
export const BUNDLE_EXTENSION = '.bpcasez';
/**
 * What reading a bundle may cost, whatever the archive declares (a decompression bomb is refused
 * before anything is inflated, and stopped while inflating if its sizes lie).
 */
export const BUNDLE_LIMITS = {
  /** Uncompressed bytes of the case plus every clip it references, together: 2 GiB. */
  maxTotalBytes: 2 * 1024 ** 3,
  /** Uncompressed size of case.json: the largest case text parseCase reads (MAX_CASE_TEXT_CHARS), bytes. */
  maxCaseBytes: MAX_CASE_TEXT_CHARS,
  /**
   * Largest uncompressed ÷ compressed size of an entry over `ratioFreeBytes`. Deflate cannot exceed
   * about 1,032:1; BlockPlan stores clips (1:1) and deflates case.json (JSON: about 5–30:1); other
   * ZIP tools deflating native DICOM rarely pass 50:1. A bomb's entries are near 1,000:1.
   */
  maxRatio: 200,
  /** Entries smaller than this (uncompressed) are not ratio-checked, bytes. */
  ratioFreeBytes: 1024 ** 2,
  /** Entries listed in the central directory, at most. */
  maxEntries: 10_000,
} as const;

function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() || 'clip';
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').replace(/[. ]+$/, '');
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

/** Only the case of a bundle (its clips are neither inflated nor checked): what a recent-cases list shows. */
export function readBundleCase(bytes: Uint8Array, fileName: string): Result<ParsedCase> {
  const opened = openBundleCase(bytes, fileName);
  return opened.ok ? ok(opened.value.parsed.value) : opened;
}

function openBundleCase(bytes: Uint8Array, fileName: string): Result<{ entries: Map<string, ZipEntry>; caseBytes: { value: Uint8Array }; parsed: { value: ParsedCase }; budget: { left: number } }> {
  const damaged = (detail: string, title = 'The bundled case is damaged: it is not a readable ZIP file.') =>
    err(appError('bundle/damaged', title, { file: fileName, action: 'Copy the bundle again from its source.', detail }));
  let entries: Map<string, ZipEntry>;
  try {
    const list = listZip(bytes, BUNDLE_LIMITS.maxEntries);
    entries = new Map();
    for (const e of list) {
      // Two entries of one name: which one is meant is not knowable.
      if (entries.has(e.name)) return damaged(`two entries are named ${JSON.stringify(e.name)}`, 'The bundled case is damaged: two of its entries have the same name.');
      entries.set(e.name, e);
    }
  } catch (e) {
    return damaged(e instanceof Error ? e.message : String(e));
  }
  const caseEntry = entries.get(BUNDLE_CASE_ENTRY);
  if (!caseEntry) return err(appError('bundle/no-case', `The bundle has no ${BUNDLE_CASE_ENTRY}: it is not a BlockPlan bundled case.`, { file: fileName }));
  const budget = { left: BUNDLE_LIMITS.maxTotalBytes };
  const caseBytes = inflateChecked(bytes, caseEntry, BUNDLE_LIMITS.maxCaseBytes, budget, fileName);
  if (!caseBytes.ok) return caseBytes;
  const parsed = parseCase(strFromU8(caseBytes.value), `${fileName} › ${BUNDLE_CASE_ENTRY}`);
  if (!parsed.ok) return parsed;
  return ok({ entries, caseBytes, parsed, budget });
}

/**
 * Read and check a bundle: the case parses, every clip it references is present, safe to name on
 * any system and matches its SHA-256. Only case.json and the referenced clips are inflated, each
 * checked against BUNDLE_LIMITS first; other entries are never read. Never throws.
 */
export function readBundle(bytes: Uint8Array, fileName: string): Result<ReadBundle> {
  const opened = openBundleCase(bytes, fileName);
  if (!opened.ok) return opened;
  const { entries, caseBytes, parsed, budget } = opened.value;
  const clips = parsed.value.plan.clips;

  // Every referenced name must be safe, and distinct even where names ignore case (Windows, macOS).
  const seen = new Map<string, string>();
  for (const clip of clips) {
    if (!isSafeEntry(clip.path)) {
      return err(appError('bundle/unsafe-name', `The bundle's case names the clip “${clip.displayName}” ${JSON.stringify(clip.path)}, which is not a safe file name inside a folder on every system.`, {
        file: fileName,
        action: 'Do not use this bundle; export it again from the original case.',
      }));
    }
    const folded = clip.path.normalize('NFC').toLowerCase();
    const other = seen.get(folded);
    if (other !== undefined && other !== clip.path) {
      return err(appError('bundle/unsafe-name', `The bundle's clips ${JSON.stringify(other)} and ${JSON.stringify(clip.path)} differ only in letter case, so one would overwrite the other on Windows and macOS.`, { file: fileName }));
    }
    seen.set(folded, clip.path);
  }
  // Declared sizes first, so a bundle that cannot be read is refused before anything is inflated.
  let declared = caseBytes.value.length;
  for (const clip of clips) {
    const e = entries.get(clip.path);
    if (!e) return err(appError('bundle/missing-clip', `The bundle lacks the clip “${clip.displayName}” (${clip.path}).`, { file: fileName, action: 'Export the bundle again from the original case.' }));
    declared += e.uncompressedSize;
  }
  if (declared > BUNDLE_LIMITS.maxTotalBytes) return err(tooLarge(fileName, `its case and clips declare ${mb(declared)} uncompressed`));
  const clipBytes = new Map<string, Uint8Array>();
  for (const clip of clips) {
    const b = inflateChecked(bytes, entries.get(clip.path)!, BUNDLE_LIMITS.maxTotalBytes, budget, fileName);
    if (!b.ok) return b;
    if (sha256Hex(b.value) !== clip.sha256) return err(appError('bundle/clip-changed', `The clip “${clip.displayName}” in the bundle does not match its SHA-256: the bundle is damaged.`, { file: fileName }));
    clipBytes.set(clip.id, b.value);
  }
  return ok({ plan: parsed.value.plan, clipBytes, migrated: parsed.value.migrated });
}

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MB`;

function tooLarge(fileName: string, why: string): AppError {
  return appError('bundle/too-large', `The bundled case is not opened: ${why}, more than BlockPlan reads (${mb(BUNDLE_LIMITS.maxTotalBytes)} in all, ${BUNDLE_LIMITS.maxRatio}:1 compression at most).`, {
    file: fileName,
    action: 'If the bundle is genuine, unzip it and open its case file; otherwise delete it (it may be a decompression bomb).',
  });
}

/** Check one entry's declared size and ratio against the limits and the remaining budget, then inflate it. */
function inflateChecked(bytes: Uint8Array, e: ZipEntry, maxBytes: number, budget: { left: number }, fileName: string): Result<Uint8Array> {
  if (e.uncompressedSize > maxBytes) return err(tooLarge(fileName, `${e.name} declares ${mb(e.uncompressedSize)} uncompressed`));
  if (e.uncompressedSize > budget.left) return err(tooLarge(fileName, `its entries declare more than ${mb(BUNDLE_LIMITS.maxTotalBytes)} uncompressed`));
  if (e.uncompressedSize > BUNDLE_LIMITS.ratioFreeBytes && e.uncompressedSize > e.compressedSize * BUNDLE_LIMITS.maxRatio) {
    return err(tooLarge(fileName, `${e.name} declares ${mb(e.uncompressedSize)} from ${mb(e.compressedSize)} (${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1)`));
  }
  try {
    const out = readZipEntry(bytes, e);
    budget.left -= out.length;
    return ok(out);
  } catch (x) {
    const detail = x instanceof ZipError ? x.message : x instanceof Error ? x.message : String(x);
    return err(appError('bundle/damaged', `The bundled case is damaged: ${e.name} cannot be read.`, { file: fileName, action: 'Copy the bundle again from its source.', detail }));
  }
}

const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Windows device names (any extension, any case): a file of that name is the device, not a file. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/**
 * Entry names that are safe to create inside a folder on Linux, macOS and Windows: relative, `/`
 * separators only, no `.`/`..`/empty components, no drive letters or alternate data streams (no
 * `:` at all), none of `<>"|?*` or control characters, no Windows device names (`CON`, `NUL.txt`,
 * `COM1` …), and no component ending in a dot or space (Windows drops them, so `evil.bat.` is
 * `evil.bat`), at most 255 characters per component.
 */
export function isSafeEntry(name: string): boolean {
  if (!name || name.length > 1024 || name.startsWith('/') || /[\\:<>"|?*]/.test(name) || hasControl(name)) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part.length <= 255 && !/[. ]$/.test(part) && !/^ /.test(part) && !WINDOWS_RESERVED.test(part));
}
