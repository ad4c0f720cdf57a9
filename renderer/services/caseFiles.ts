import { buildBundle, parseCase, serializeCase, sha256Hex, touchForSave, type Case } from '../../core/plan/index';
import { readBundleOffThread } from '../workers/bundleReader';
import { appError, type AppError } from '../../core/result';
import { sampleCaseFile, sampleInfo, SAMPLES_FOLDER, type SampleId } from '../../core/samples/index';
import { bridge } from '../bridge';
import type { OpenedFile } from '../bridge/types';
import { isCaseDirty, useCase, type CaseFileInfo, type ClipRuntime, type Recovery } from '../state/case';
import { clearAutosaveIfClean } from './autosave';
import { useFiles } from '../state/files';
import { openFileOfClip } from '../state/fileOfClip';
import { notify, reportError } from '../state/messages';
import { routeFiles } from './fileRouting';
import { NO_CALIBRATION } from '../../core/dicom/calibration';
import { clipFacts } from '../../core/plan/clip-facts';
import { askUnsaved, usePlanDialog, type MissingClip } from '../state/planDialogs';
import { basename, dirname, joinPath, relativePath } from '../../core/plan/paths';

/**
 * Case files: save (atomic on the desktop, a download in the browser), save as, bundles with the
 * clips inside, open (clips found relative to the case and checked by SHA-256; moved clips located by
 * the user), samples, and restoring an autosaved case. Every failure is shown through the messages
 * store, naming the file and what to do; a failed open never replaces the open case.
 */

export const CASE_EXTENSION = '.bpcase';
export const BUNDLE_EXTENSION = '.bpcasez';

const nowIso = () => new Date().toISOString();
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: false });

/** A file name for a case: the current name, else from the block, side and level ("thoracic-paravertebral-right-T4"). */
export function suggestedCaseName(plan: Case, file: CaseFileInfo, ext: string): string {
  const base = file.name ? file.name.replace(/\.bpcasez?$/i, '') : plan.block.templateId ? [plan.block.templateId, plan.block.side, plan.block.level].filter(Boolean).join('-') : plan.title || 'case';
  const safe = base.replace(/[^A-Za-z0-9._ -]+/g, '-').replace(/^[.\s-]+|[\s-]+$/g, '') || 'case';
  return `${safe}${ext}`;
}

/** Where a clip's bytes are now (runtime location, else the stored path resolved against the case folder). */
function clipLocation(clip: Case['clips'][number], rt: ClipRuntime | undefined, caseDir: string): string {
  return rt?.location ?? joinPath(caseDir, clip.path);
}

/** The case with every clip path made relative to `newDir` (the folder the case is written to). */
export function withClipPathsFor(plan: Case, newDir: string, oldDir: string, clips: Record<string, ClipRuntime>): Case {
  return { ...plan, clips: plan.clips.map((c) => ({ ...c, path: relativePath(newDir, clipLocation(c, clips[c.id], oldDir)) })) };
}

/** The bytes of a clip of the open case: in memory, opened this session, or read from beside the case. */
export async function bytesOfClip(clip: Case['clips'][number], rt: ClipRuntime | undefined, caseDir: string): Promise<Uint8Array | null> {
  if (rt?.bytes) return rt.bytes;
  const loaded = openFileOfClip(clip);
  if (loaded) return loaded.bytes;
  const r = await bridge().readFile(clipLocation(clip, rt, caseDir));
  return r.ok ? r.value.bytes : null;
}

/**
 * Save the open case. `saveAs` always asks where; `bundle` writes a .bpcasez with the clips inside
 * (default: what the case was last saved as). On the desktop a case with clips that exist only in
 * memory (samples, opened bundles) is saved as a bundle so the clips are not lost. Returns true when
 * written.
 */
export async function saveCase(opts: { saveAs?: boolean; bundle?: boolean } = {}): Promise<boolean> {
  // Every failure is shown: callers (Ctrl+S, the menu) do `void saveCase()`, so nothing may escape.
  try {
    return await saveCaseOrThrow(opts);
  } catch (e) {
    reportError(saveFailed(e));
    return false;
  }
}

/** The message for a save that failed unexpectedly (the case could not be written at all). */
export function saveFailed(e: unknown): AppError {
  return appError('case/save-failed', 'The case could not be saved.', {
    action: 'Your work is still open and autosaved where possible. Try “Save case as…” to another place; if it fails again, export the note and report the problem.',
    detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
  });
}

async function saveCaseOrThrow(opts: { saveAs?: boolean; bundle?: boolean }): Promise<boolean> {
  const b = bridge();
  const s = useCase.getState();
  if (s.readOnly?.published) {
    reportError(appError('case/published-read-only', 'This published teaching case cannot be saved.', { action: 'It is read-only here. Rehearse it, or review the expert plan; your rehearsal attempts stay in this browser.' }), 'info');
    return false;
  }
  const oldDir = s.file.path ? dirname(s.file.path) : '';
  let bundle = opts.bundle ?? s.file.bundled;
  const plan = touchForSave(s.history.present, nowIso());
  const memoryOnly = plan.clips.filter((c) => s.clips[c.id] && !s.clips[c.id]!.onDisk);
  if (!bundle && b.mode === 'electron' && memoryOnly.length) {
    bundle = true;
    notify(`Saved as a bundle: ${memoryOnly.map((c) => c.displayName).join(', ')} ${memoryOnly.length > 1 ? 'are' : 'is'} not a file on this computer, so the clip goes inside the case file.`, 'info');
  }
  const saveAs = !!opts.saveAs || !s.file.path || s.file.bundled !== bundle;

  if (bundle) {
    const bytesById = new Map<string, Uint8Array>();
    for (const c of plan.clips) {
      const bytes = await bytesOfClip(c, s.clips[c.id], oldDir);
      if (bytes) bytesById.set(c.id, bytes);
    }
    const built = buildBundle(plan, bytesById);
    if (!built.ok) {
      reportError(built.error);
      return false;
    }
    const res = await b.saveFile({ kind: 'case-bundle', suggestedName: suggestedCaseName(plan, s.file, BUNDLE_EXTENSION), bytes: built.value, path: saveAs ? null : s.file.path, saveAs });
    if (!res.ok) {
      reportError(res.error);
      return false;
    }
    if (!res.value) return false;
    useCase.getState().saved({ path: res.value.path, name: basename(res.value.path), bundled: true, origin: 'file' }, plan);
    await afterSave(res.value.path, built.value);
    return true;
  }

  let written = withClipPathsFor(plan, oldDir, oldDir, s.clips);
  let bytes = utf8.encode(serializeCase(written));
  const res = await b.saveFile({ kind: 'case', suggestedName: suggestedCaseName(plan, s.file, CASE_EXTENSION), bytes, path: saveAs ? null : s.file.path, saveAs });
  if (!res.ok) {
    reportError(res.error);
    return false;
  }
  if (!res.value) return false;
  const path = res.value.path;
  const newDir = dirname(path);
  if (b.mode === 'electron' && newDir !== oldDir) {
    // The folder was chosen in the dialog: write again with clip paths relative to it.
    written = withClipPathsFor(plan, newDir, oldDir, s.clips);
    bytes = utf8.encode(serializeCase(written));
    const again = await b.saveFile({ kind: 'case', suggestedName: basename(path), bytes, path, saveAs: false });
    if (!again.ok) {
      reportError(again.error);
      return false;
    }
  }
  // The file is written: the case is clean from now on (before the slower bookkeeping below).
  useCase.getState().saved({ path, name: basename(path), bundled: false, origin: 'file' }, written);
  if (b.mode === 'browser') {
    // Downloads have no folder: keep each clip's bytes under its stored path so the case reopens here.
    for (const c of written.clips) {
      const clipBytes = await bytesOfClip(c, s.clips[c.id], oldDir);
      if (clipBytes) await b.addRecent({ path: c.path, kind: 'dicom', bytes: clipBytes });
    }
  }
  await afterSave(path, bytes);
  return true;
}

async function afterSave(path: string, bytes: Uint8Array): Promise<void> {
  const b = bridge();
  await b.addRecent({ path, kind: 'case', bytes });
  await clearAutosaveIfClean(b);
  notify(`Saved ${basename(path)}`, 'success');
}

/**
 * Before replacing or closing the open case: when it has unsaved changes, ask (save / discard /
 * cancel). True when the caller may go ahead.
 */
export async function confirmDiscard(doing: string): Promise<boolean> {
  if (!isCaseDirty()) return true;
  const choice = await askUnsaved(doing);
  if (choice === 'cancel') return false;
  if (choice === 'save') return saveCase();
  return true;
}

/** Hand clip files to the viewer (the shell's DICOM hand-off), skipping ones it already has open. */
async function showClips(files: OpenedFile[]): Promise<void> {
  const loaded = useFiles.getState().files;
  const fresh = files.filter((f) => !loaded.some((l) => l.bytes === f.bytes || (l.bytes.byteLength === f.bytes.byteLength && sha256Hex(l.bytes) === sha256Hex(f.bytes))));
  if (fresh.length) await routeFiles(fresh, 'dicom');
}

function runtimeFor(bytes: Uint8Array, name: string, location: string, onDisk: boolean): ClipRuntime {
  const f = clipFacts(bytes, name);
  return { location, onDisk, bytes, calibration: f.ok ? f.value.calibration : NO_CALIBRATION };
}

/** Find each clip of a case: read it relative to the case folder and check its SHA-256. */
async function findClips(plan: Case, caseDir: string, locations: Record<string, string> = {}): Promise<{ runtimes: Record<string, ClipRuntime>; files: OpenedFile[]; missing: MissingClip[] }> {
  const b = bridge();
  const runtimes: Record<string, ClipRuntime> = {};
  const files: OpenedFile[] = [];
  const missing: MissingClip[] = [];
  const onPacs: string[] = [];
  for (const clip of plan.clips) {
    const expectedAt = locations[clip.id] ?? joinPath(caseDir, clip.path);
    // Browser mode has no folders: also try the stored path and the bare name.
    const tries = [...new Set([expectedAt, ...(b.mode === 'browser' ? [clip.path, basename(clip.path)] : [])])];
    let reason: MissingClip['reason'] = 'not-found';
    let found: OpenedFile | null = null;
    for (const p of tries) {
      const r = await b.readFile(p);
      if (!r.ok) continue;
      if (sha256Hex(r.value.bytes) === clip.sha256) {
        found = r.value;
        break;
      }
      reason = 'changed';
    }
    // Browser mode: else a file handle kept from an earlier open, found by the clip's SHA-256
    // (last, so permission is asked for only when the clip is nowhere else).
    const kept = !found && b.readKeptClip ? await b.readKeptClip(clip) : null;
    if (kept?.ok && sha256Hex(kept.value.bytes) === clip.sha256) found = kept.value;
    if (found) {
      runtimes[clip.id] = runtimeFor(found.bytes, found.name, found.path, true);
      files.push(found);
    } else if (clip.origin.kind === 'dicomweb') onPacs.push(clip.displayName || basename(clip.path));
    else missing.push({ clipId: clip.id, displayName: clip.displayName || basename(clip.path), expectedAt, reason });
  }
  // Clips retrieved from a PACS are opened again from there (renderer/ui/pacs, core/app/pacsReopen).
  if (onPacs.length) notify(`${onPacs.join(', ')} came from a PACS: reopen ${onPacs.length === 1 ? 'it' : 'them'} in the PACS tab (“Clips of this case on a PACS”).`, 'info');
  return { runtimes, files, missing };
}

/** The shell's hand-off for case files (dialog, drop, recent list): open the first one. */
export async function openCaseFiles(files: OpenedFile[]): Promise<void> {
  const f = files[0];
  if (!f) return;
  if (files.length > 1) notify(`Only one case opens at a time: opening ${f.name}.`, 'info');
  await openCaseFile(f);
}

/** Open a case or bundle from its bytes. The open case is replaced only when this one is readable. */
export async function openCaseFile(file: OpenedFile): Promise<boolean> {
  const isBundle = /\.bpcasez$/i.test(file.name) || (file.bytes[0] === 0x50 && file.bytes[1] === 0x4b);
  if (isBundle) {
    const r = await readBundleOffThread(file.bytes, file.name);
    if (!r.ok) {
      reportError(r.error);
      return false;
    }
    if (!(await confirmDiscard(`opening ${file.name}`))) return false;
    const runtimes: Record<string, ClipRuntime> = {};
    const clipFiles: OpenedFile[] = [];
    for (const c of r.value.plan.clips) {
      const bytes = r.value.clipBytes.get(c.id)!;
      const name = c.displayName || basename(c.path);
      runtimes[c.id] = runtimeFor(bytes, name, name, false);
      clipFiles.push({ path: name, name, bytes });
    }
    useCase.getState().load(r.value.plan, { path: file.path, name: file.name, bundled: true, origin: 'file' }, runtimes, { saved: !r.value.migrated });
    // A teaching bundle (it carries rehearsal settings) opens read-only: rehearse it or review the answer.
    if (r.value.plan.teaching?.rehearsal) useCase.getState().setReadOnly({ published: false });
    await showClips(clipFiles);
    await afterOpen(file, r.value.migrated);
    return true;
  }

  const parsed = parseCase(fromUtf8.decode(file.bytes), file.name);
  if (!parsed.ok) {
    reportError(parsed.error);
    return false;
  }
  if (!(await confirmDiscard(`opening ${file.name}`))) return false;
  const caseDir = dirname(file.path);
  const { runtimes, files, missing } = await findClips(parsed.value.plan, caseDir);
  useCase.getState().load(parsed.value.plan, { path: file.path, name: file.name, bundled: false, origin: 'file' }, runtimes, { saved: !parsed.value.migrated });
  await showClips(files);
  await afterOpen(file, parsed.value.migrated);
  if (missing.length) usePlanDialog.getState().open({ kind: 'locate', missing, caseDir });
  return true;
}

async function afterOpen(file: OpenedFile, migrated: boolean): Promise<void> {
  const b = bridge();
  await b.addRecent({ path: file.path, kind: 'case', bytes: file.bytes });
  await clearAutosaveIfClean(b);
  if (migrated) notify(`${file.name} was saved by an older version of BlockPlan; it is updated and will be saved in the current format.`, 'info');
  else notify(`Opened ${file.name}`, 'success');
}

/**
 * The user picks a file for a clip that moved. It must have the clip's SHA-256 (the same bytes);
 * then the case records its new path (an undoable "Locate clip" edit) and the viewer shows it.
 */
export async function locateClip(m: MissingClip, caseDir: string): Promise<boolean> {
  const b = bridge();
  const picked = await b.openFiles('dicom', { multiple: false });
  if (!picked.ok) {
    reportError(picked.error);
    return false;
  }
  const f = picked.value[0];
  if (!f) return false;
  const clip = useCase.getState().history.present.clips.find((c) => c.id === m.clipId);
  if (!clip) return false;
  if (sha256Hex(f.bytes) !== clip.sha256) {
    reportError(
      appError('case/clip-mismatch', `${f.name} is not the clip “${m.displayName}” this case was planned on: its contents differ.`, {
        file: f.name,
        action: 'Choose the original file (same bytes). A re-exported or edited copy does not match the case’s SHA-256.',
      }),
    );
    return false;
  }
  const st = useCase.getState();
  // Locating is not an edit: the case changes only when the desktop finds the clip at another path
  // (browser mode has no folders; where the file is found lives in the clip's runtime location).
  const path = relativePath(caseDir, f.path);
  if (b.mode === 'electron' && path !== clip.path) st.apply({ type: 'relocate-clip', id: clip.id, path });
  st.setClipRuntime(clip.id, runtimeFor(f.bytes, f.name, f.path, true));
  await showClips([f]);
  notify(`Found ${m.displayName}`, 'success');
  return true;
}

async function fetchBytes(url: URL): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: AppError }> {
  try {
    const res = await fetch(url);
    if (!res.ok) return { ok: false, error: appError('sample/missing', `The sample file ${basename(url.pathname)} is not installed (HTTP ${res.status}).`, { file: basename(url.pathname), action: 'Reinstall BlockPlan, or open your own clip.' }) };
    return { ok: true, bytes: new Uint8Array(await res.arrayBuffer()) };
  } catch (e) {
    return { ok: false, error: appError('sample/unreadable', `The sample file ${basename(url.pathname)} could not be read.`, { file: basename(url.pathname), detail: e instanceof Error ? e.message : String(e) }) };
  }
}

/**
 * Open a sample case, fetched relative to the page (browser mode: the server's /assets/samples;
 * desktop: app://blockplan/assets/samples). Its clips are checked by SHA-256 like any case's.
 */
export async function openSample(id: SampleId): Promise<boolean> {
  const name = sampleCaseFile(id);
  const caseUrl = new URL(`${SAMPLES_FOLDER}/${name}`, document.baseURI);
  const got = await fetchBytes(caseUrl);
  if (!got.ok) {
    reportError(got.error);
    return false;
  }
  const parsed = parseCase(fromUtf8.decode(got.bytes), name);
  if (!parsed.ok) {
    reportError(parsed.error);
    return false;
  }
  const runtimes: Record<string, ClipRuntime> = {};
  const files: OpenedFile[] = [];
  for (const clip of parsed.value.plan.clips) {
    const clipUrl = new URL(clip.path, caseUrl);
    const c = await fetchBytes(clipUrl);
    if (!c.ok) {
      reportError(c.error);
      return false;
    }
    if (sha256Hex(c.bytes) !== clip.sha256) {
      reportError(appError('sample/changed', `The sample clip ${clip.displayName} does not match its case (SHA-256 differs).`, { file: clip.path, action: 'Reinstall BlockPlan.' }));
      return false;
    }
    const display = clip.displayName || basename(clip.path);
    runtimes[clip.id] = runtimeFor(c.bytes, display, basename(clip.path), false);
    files.push({ path: basename(clip.path), name: display, bytes: c.bytes });
  }
  if (!(await confirmDiscard('opening the sample case'))) return false;
  useCase.getState().load(parsed.value.plan, { path: null, name, bundled: false, origin: 'sample' }, runtimes, { saved: true });
  await showClips(files);
  await clearAutosaveIfClean(bridge());
  notify(`Opened the sample case: ${sampleInfo(id).title}`, 'success');
  return true;
}

/** Restore an autosaved case; clips are read again from where they were and checked by hash. */
export async function restoreRecovery(rec: Recovery): Promise<void> {
  const caseDir = rec.file.path ? dirname(rec.file.path) : '';
  const { runtimes, files, missing } = await findClips(rec.plan, caseDir, rec.clipLocations);
  useCase.getState().load(rec.plan, { ...rec.file, origin: 'recovery' }, runtimes, { saved: false });
  await showClips(files);
  notify('The unsaved case is restored. Save it to keep it.', 'success');
  if (missing.length) usePlanDialog.getState().open({ kind: 'locate', missing, caseDir });
}

/** Start a new, empty case (after asking about unsaved changes). */
export async function newCase(): Promise<boolean> {
  if (!(await confirmDiscard('starting a new case'))) return false;
  useCase.getState().reset();
  await clearAutosaveIfClean(bridge());
  return true;
}
