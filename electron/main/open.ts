/**
 * Opening what the user chose — in a native dialog, by a drop, or from the Recent menu — and the
 * grants that follow (./grants.ts). A case opened this way also grants the clips and models it
 * references (each resolved with realpath and checked again) and saving back to itself.
 */
import path from 'node:path';
import { resolveWriteTarget } from '../../core/node/atomic';
import { formatBytes, openRegularFile } from '../../core/node/read';
import { parseCase } from '../../core/plan/index';
import type { DropClaim, OpenedFile } from '../ipc-contract';
import { failedEntry, isFolder, isReadableFile, linksSkipped, listFolder, MAX_FILE_BYTES, readOne, readProven, refusedShape, type FolderListing } from './files';
import type { Grants } from './grants';
import { realPathOf, refusedPathReason } from './paths';
import type { SavedGrants } from './store';

/** What opening needs from outside: the grants, and the user's confirmation for dropped folders. */
export interface OpenContext {
  grants: Grants;
  /** Ask the user (native dialog) whether to open these dropped folders; true to open. */
  confirmFolders(folders: { path: string; files: number; bytes: string }[]): Promise<boolean>;
}

const IS_CASE = /\.bpcase$/i;
const IS_BUNDLE = /\.bpcasez$/i;

/** The failure of `r` as an entry, or its file. */
function entryOf(r: Awaited<ReturnType<typeof readOne>>, shown: string): OpenedFile {
  return r.ok ? r.value : failedEntry(shown, r.error);
}

/**
 * After a case file the user chose was read: grant saving back to it, and reading the clips and 3D
 * models it references — only after it parsed, each path resolved with realpath, its shape checked
 * again (no device, no foreign network share) and found to be a regular file.
 */
export async function grantCaseReferences(grants: Grants, file: OpenedFile): Promise<void> {
  if (file.error) return;
  if (IS_BUNDLE.test(file.path)) {
    const t = await resolveWriteTarget(file.path);
    if (t.ok) grants.grantWrite(t.value, ['case-bundle']);
    return; // a bundle's clips are inside it
  }
  if (!IS_CASE.test(file.path)) return;
  const parsed = parseCase(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('utf8'), file.name);
  if (!parsed.ok) return;
  const t = await resolveWriteTarget(file.path);
  if (t.ok) grants.grantWrite(t.value, ['case']);
  const plan = parsed.value.plan;
  const refs: { ref: string; kind: 'clip' | 'model' }[] = [
    ...plan.clips.filter((c) => c.origin.kind === 'file').map((c) => ({ ref: c.path, kind: 'clip' as const })),
    ...(plan.scene3d?.models ?? []).flatMap((m) => (m.source.kind === 'file' ? [{ ref: m.source.path, kind: 'model' as const }] : [])),
  ];
  const caseDir = path.dirname(file.path);
  for (const { ref, kind } of refs) {
    const abs = path.isAbsolute(ref) || path.win32.isAbsolute(ref) ? ref : path.resolve(caseDir, ...ref.split('/'));
    if (refusedPathReason(abs, process.platform, grants.allowedShares)) continue;
    const real = await realPathOf(abs);
    if (!real || refusedPathReason(real, process.platform, grants.allowedShares)) continue;
    // What a case names must look like what it claims to be: a hostile case cannot turn ~/.ssh/id_rsa into a "clip".
    if (kind === 'model' ? !MODEL_FILE.test(real) : !(await startsLikeDicom(real))) continue;
    if (await isReadableFile(real)) grants.grantRead(real);
  }
}

/** The 3D model formats BlockPlan reads (core/anatomy ModelRef format). */
const MODEL_FILE = /\.(glb|gltf|stl|obj|ply)$/i;

/**
 * True when a file starts like DICOM: "DICM" after the 128-byte preamble or at the start, or a
 * first element in group 0002 or 0008 (explicit VR, or implicit with a short length) — as every
 * DICOM fixture BlockPlan opens does. No text file starts with those bytes.
 */
export async function startsLikeDicom(real: string): Promise<boolean> {
  const o = await openRegularFile(real, { maxBytes: MAX_FILE_BYTES, noFollow: true });
  if (!o.ok) return false;
  try {
    const b = new Uint8Array(132);
    const { bytesRead } = await o.value.fh.read(b, 0, 132, 0);
    const dicm = (at: number) => bytesRead >= at + 4 && b[at] === 0x44 && b[at + 1] === 0x49 && b[at + 2] === 0x43 && b[at + 3] === 0x4d;
    if (dicm(128) || dicm(0)) return true;
    if (bytesRead < 8) return false;
    const group = b[0]! | (b[1]! << 8);
    if (group !== 0x0002 && group !== 0x0008) return false;
    const vr = String.fromCharCode(b[4]!, b[5]!);
    const implicitLength = b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24);
    return /^(AE|AS|AT|CS|DA|DS|DT|IS|LO|OB|SH|UI|UL|US|SQ|UN)$/.test(vr) || (implicitLength >= 0 && implicitLength <= 1024);
  } catch {
    return false;
  } finally {
    await o.value.fh.close().catch(() => undefined);
  }
}

/** The real path of a chosen path whose shape (as given and as resolved) is allowed, else the failure entry. */
async function resolveChosen(p: string, shares: ReadonlySet<string>): Promise<string | OpenedFile> {
  const shape = refusedPathReason(p, process.platform, shares);
  const real = shape ? null : await realPathOf(p);
  const reason = shape ?? (real ? refusedPathReason(real, process.platform, shares) : null);
  if (reason) {
    const r = refusedShape(p, reason);
    return failedEntry(p, r.ok ? { code: 'file/refused-path', title: reason } : r.error);
  }
  if (!real) return failedEntry(p, { code: 'file/not-found', title: `${path.basename(p)} was not found`, action: 'It may have been moved or deleted.' });
  return real;
}

/** Grant and read the regular files of a folder listing (plus a notice for links not followed). */
async function readListing(grants: Grants, listing: FolderListing): Promise<OpenedFile[]> {
  const out: OpenedFile[] = [];
  for (const f of listing.files) {
    grants.grantRead(f.real);
    out.push(entryOf(await readOne(f.real, f.path), f.path));
  }
  const notice = linksSkipped(listing);
  if (notice) out.push(notice);
  return out;
}

/**
 * Open paths the user picked in OUR native dialog (or the Recent menu, which lists only files
 * opened before): files are granted and read, folders expanded (links not followed, limits),
 * cases grant what they reference.
 */
export async function openChosen(grants: Grants, paths: readonly string[], opts: { folder: boolean }): Promise<OpenedFile[]> {
  const out: OpenedFile[] = [];
  for (const p of paths) {
    grants.allowShareOf(p); // the user browsed to this share themselves
    const real = await resolveChosen(p, grants.allowedShares);
    if (typeof real !== 'string') {
      out.push(real);
      continue;
    }
    if (opts.folder && (await isFolder(real))) {
      const listing = await listFolder(p, real);
      if (!listing.ok) out.push(failedEntry(p, listing.error));
      else out.push(...(await readListing(grants, listing.value)));
      continue;
    }
    grants.grantRead(real);
    const file = entryOf(await readOne(real, p), p);
    await grantCaseReferences(grants, file);
    out.push(file);
  }
  return out;
}

/**
 * Open a drop, as the preload described it. A file is granted only when its bytes match the
 * preload's proof; folders are listed (links not followed, limits) and opened only after the
 * user confirms them in a native dialog. UNC paths are refused (a drop cannot name a share).
 */
export async function openDropped(ctx: OpenContext, items: readonly DropClaim[]): Promise<OpenedFile[]> {
  const out: OpenedFile[] = [];
  const folders: FolderListing[] = [];
  for (const item of items) {
    const p = item.path;
    const real = await resolveChosen(p, new Set()); // a drop never names a network share
    if (typeof real !== 'string') {
      out.push(real);
      continue;
    }
    if (await isFolder(real)) {
      const listing = await listFolder(p, real);
      if (!listing.ok) out.push(failedEntry(p, listing.error));
      else folders.push(listing.value);
      continue;
    }
    if (item.size === undefined || item.sampleSha256 === undefined) {
      out.push(failedEntry(p, { code: 'file/not-proven', title: `${path.basename(p)} was not opened: it could not be read from the drop`, action: 'Open it with File › Open.' }));
      continue;
    }
    const r = await readProven(real, p, item.size, item.sampleSha256);
    if (!r.ok) {
      out.push(failedEntry(p, r.error));
      continue;
    }
    ctx.grants.grantRead(real);
    await grantCaseReferences(ctx.grants, r.value);
    out.push(r.value);
  }
  const nonEmpty = folders.filter((f) => f.files.length > 0 || f.links > 0);
  if (nonEmpty.length && (await ctx.confirmFolders(nonEmpty.map((f) => ({ path: f.root, files: f.files.length, bytes: formatBytes(f.totalBytes) }))))) {
    for (const f of nonEmpty) out.push(...(await readListing(ctx.grants, f)));
  }
  return out;
}

/**
 * Grants kept with the autosave (./store.ts), restored when the autosave is read on the next start,
 * so a recovered case finds its clips and saves in place. Each path is checked again: same real
 * path as when granted, an allowed shape, a regular file (reads).
 */
export async function restoreGrants(grants: Grants, saved: SavedGrants): Promise<void> {
  for (const p of saved.reads) {
    if (refusedPathReason(p, process.platform, grants.allowedShares)) continue;
    const real = await realPathOf(p);
    if (real === path.resolve(p) && (await isReadableFile(real))) grants.grantRead(real);
  }
  for (const w of saved.writes) {
    if (refusedPathReason(w.path, process.platform, grants.allowedShares)) continue;
    const t = await resolveWriteTarget(w.path);
    if (t.ok && t.value === path.resolve(w.path)) grants.grantWrite(t.value, w.kinds);
  }
}

/** The grants to keep with an autosave. */
export function grantsToSave(grants: Grants): SavedGrants {
  return {
    reads: grants.readGrants().slice(0, 20_000),
    writes: grants.caseWriteGrants().map((w) => ({ path: w.path, kinds: w.kinds.filter((k): k is 'case' | 'case-bundle' => k === 'case' || k === 'case-bundle') })),
  };
}
