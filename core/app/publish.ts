/**
 * Publish a case as a static teaching page, one workflow for every adapter (`blockplan publish`, the
 * app's "Publish as teaching page…" in the browser and on the desktop): the case becomes a
 * de-identified teaching bundle (./teachingBundle.ts: clips de-identified, burned-in text masked,
 * the PHI check over the case and every clip), and only then is the site written: the built
 * browser-mode app (its file list, APP_FILES_MANIFEST, written by the build), the bundle at
 * `teaching/case.bpcasez` and `teach.html`, which opens it. A PHI hit writes nothing and names it.
 *
 * Ports: those of the de-identification (codecs, OCR, random bytes) and a site: where the app's
 * files come from and where the site's files go (a folder on disk, a zip to download, a folder the
 * user chose on the desktop). Nothing here touches the file system or the network.
 */
import { appError, err, ok, type AppError, type Result } from '../result';
import type { Case } from '../plan/schema';
import { utf8 } from '../dicom/write/uid';
import type { DeidentifyPorts, DeidentifyReport, PhiCheckFailure } from './deidentify';
import { buildTeachingBundle, type TeachingBundleRequest } from './teachingBundle';

/** The build's list of the browser-mode app's files (JSON: `{ files: string[] }`), at the app's root. */
export const APP_FILES_MANIFEST = 'app-files.json';

/** Where the teaching bundle goes in the site, relative to its root. */
export const SITE_BUNDLE_PATH = 'teaching/case.bpcasez';

/**
 * The page that opens the teaching case: a plain redirect (no script, so any CSP allows it). It names
 * the app's icon so the browser does not ask a static server for a /favicon.ico it lacks (a 404).
 */
export const TEACH_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>BlockPlan teaching case</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<meta http-equiv="refresh" content="0; url=index.html?teaching=${SITE_BUNDLE_PATH}"></head>
<body><p><a href="index.html?teaching=${SITE_BUNDLE_PATH}">Open the teaching case</a></p></body></html>
`;

/** Where the site's files come from and go. Paths are relative, `/`-separated. */
export interface PublishSitePort {
  /** The text of the app's APP_FILES_MANIFEST; an AppError when the app is not built (or not reachable). */
  manifest(): Promise<Result<string>>;
  /** Put the app's file `rel` into the site (copied from disk, or fetched from the app's origin). */
  copyAppFile(rel: string): Promise<void>;
  /** Write one file of the site. */
  write(rel: string, bytes: Uint8Array): Promise<void>;
}

/** How far publishing is: de-identifying clip `file` (its stage), or copying the app's files. */
export type PublishProgress = { stage: 'deidentify'; file: number; files: number; step: 'scan' | 'mask' | 'check'; done: number; total: number } | { stage: 'app'; done: number; total: number };

export interface PublishPorts extends Omit<DeidentifyPorts, 'write' | 'progress'> {
  site: PublishSitePort;
  progress?(p: PublishProgress): void;
}

export interface PublishResult {
  /** The de-identified case as published. */
  plan: Case;
  report: DeidentifyReport;
  /** Every file written, relative to the site's root, in order. */
  written: string[];
}

/** A published app file may not be a source map, the manifest, or anything of a site's own. */
function isAppFile(rel: string): boolean {
  return !rel.endsWith('.map') && rel !== APP_FILES_MANIFEST && rel !== 'teach.html' && !rel.startsWith('teaching/') && !rel.split('/').some((s) => s === '' || s === '.' || s === '..') && !rel.includes('\\');
}

/** The app's files named by a manifest's text, or why they cannot be read. */
export function parseAppManifest(text: string): Result<string[]> {
  let files: unknown;
  try {
    files = (JSON.parse(text) as { files?: unknown }).files;
  } catch {
    files = undefined;
  }
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string') || !files.includes('index.html')) {
    return err(appError('publish/bad-manifest', `The app's file list (${APP_FILES_MANIFEST}) is not readable.`, { action: 'Build the browser app again (npm run build:renderer), then publish again.', file: APP_FILES_MANIFEST }));
  }
  return ok((files as string[]).filter(isAppFile));
}

/**
 * Publish: check the app's file list, build the teaching bundle (the PHI check stops here, before
 * any write), then write the app's files, the bundle and teach.html through `ports.site`.
 */
export async function publishTeachingCase(req: TeachingBundleRequest, ports: PublishPorts): Promise<Result<PublishResult, PhiCheckFailure | AppError>> {
  const m = await ports.site.manifest();
  if (!m.ok) return m;
  const appFiles = parseAppManifest(m.value);
  if (!appFiles.ok) return appFiles;
  const files = req.plan.clips.length;
  const bundle = await buildTeachingBundle(req, {
    codecs: ports.codecs,
    ocr: ports.ocr,
    randomBytes: ports.randomBytes,
    ...(ports.encoder ? { encoder: ports.encoder } : {}),
    progress: (file, step, done, total) => ports.progress?.({ stage: 'deidentify', file, files, step, done, total }),
  });
  if (!bundle.ok) return bundle;
  const written: string[] = [];
  const total = appFiles.value.length;
  for (const [i, rel] of appFiles.value.entries()) {
    await ports.site.copyAppFile(rel);
    written.push(rel);
    ports.progress?.({ stage: 'app', done: i + 1, total });
  }
  await ports.site.write(SITE_BUNDLE_PATH, bundle.value.bytes);
  await ports.site.write('teach.html', utf8(TEACH_HTML));
  written.push(SITE_BUNDLE_PATH, 'teach.html');
  return ok({ plan: bundle.value.plan, report: bundle.value.report, written });
}
