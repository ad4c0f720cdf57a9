/**
 * "Publish as teaching page" in the app: the open case through the same workflow as `blockplan
 * publish` (core/app/publish.ts: teaching bundle, de-identification, burned-in text masked, the PHI
 * check before anything is written), over the app's ports: the page's codecs, the OCR worker, and
 * the platform's site (a zip download in the browser, a folder chosen in a dialog on the desktop).
 */
import { publishTeachingCase, type PublishProgress } from '../../core/app/publish';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import type { DeidentifyReport } from '../../core/app/deidentify';
import { bridge } from '../bridge';
import { useCase } from '../state/case';
import { bytesOfClip } from './caseFiles';
import { browserOcr, pageCodecs } from './deidPorts';

/**
 * The site's folder name. Never made from the case (its title may name the patient, and a name in a
 * path is outside what the PHI check reads).
 */
export const SITE_NAME = 'blockplan-teaching-case';

export interface Published {
  /** Where it went: the folder (desktop) or the download's name (browser). */
  where: string;
  clips: number;
  files: number;
  report: DeidentifyReport;
}

/** Why the open case cannot be published now, in words, or null. */
export function publishRefusal(): string | null {
  const s = useCase.getState();
  if (s.readOnly?.published) return 'This case was opened from a published teaching page; it is published already.';
  if (s.history.present.clips.length === 0) return 'The case has no clip to publish: open a clip and plan on it first.';
  return null;
}

/** Publish the open case. `null` when the user cancelled choosing where. */
export async function publishOpenCase(progress: (p: PublishProgress) => void): Promise<Result<Published, AppError> | null> {
  const refusal = publishRefusal();
  if (refusal) return err(appError('publish/refused', refusal));
  const s = useCase.getState();
  const plan = s.history.present;
  const dir = s.file.path ? s.file.path.replace(/[\\/][^\\/]*$/, '') : '';
  const clipBytes = new Map<string, Uint8Array>();
  for (const c of plan.clips) {
    const bytes = await bytesOfClip(c, s.clips[c.id], dir);
    if (bytes) clipBytes.set(c.id, bytes);
  }
  const target = await bridge().publishTarget(SITE_NAME);
  if (!target.ok) return target;
  if (!target.value) return null;
  const site = target.value;
  try {
    const r = await publishTeachingCase(
      { plan, clipBytes, mask: 'auto' },
      { codecs: pageCodecs(), ocr: await browserOcr(), randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), site, progress },
    );
    if (!r.ok) return r;
    const done = await site.finish();
    if (!done.ok) return done;
    return ok({ where: done.value.path, clips: r.value.plan.clips.length, files: r.value.written.length, report: r.value.report });
  } catch (e) {
    const known = e instanceof Error && 'error' in e ? (e as Error & { error: AppError }).error : null;
    return err(known ?? appError('publish/failed', 'The teaching page could not be written.', { action: 'Try again; if it fails again, save the case and report the problem.', detail: e instanceof Error ? e.message : String(e) }));
  }
}

/** Progress in words and as a fraction 0–1 (de-identifying is most of the work). */
export function describeProgress(p: PublishProgress): { text: string; fraction: number } {
  if (p.stage === 'app') return { text: `Copying the app: file ${p.done} of ${p.total}`, fraction: 0.85 + (0.15 * p.done) / Math.max(1, p.total) };
  const step = p.step === 'scan' ? 'looking for burned-in text' : p.step === 'mask' ? 'masking every frame' : 'reading the masked frames again (PHI check)';
  const within = (p.step === 'scan' ? 0 : p.step === 'mask' ? 1 / 3 : 2 / 3) + p.done / Math.max(1, p.total) / 3;
  return { text: `Clip ${p.file + 1} of ${p.files}: ${step}, ${p.done} of ${p.total}`, fraction: (0.85 * (p.file + Math.min(1, within))) / Math.max(1, p.files) };
}
