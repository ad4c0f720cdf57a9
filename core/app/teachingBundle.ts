/**
 * The teaching bundle: a `.bpcasez` (core/plan/bundle.ts, through its public `buildBundle`) holding
 * the de-identified clips, the expert plan, the learning objectives and the rehearsal settings. Every
 * clip goes through the de-identification workflow (core/app/deidentify.ts) with one key; the case
 * loses its patient fields and any PACS origin; the PHI check then runs over the case JSON and every
 * clip with the identifying values of the original headers and of the case's patient fields. A hit
 * stops the export and names it.
 *
 * Rehearsal settings (which tasks, tolerances, what is hidden: core/rehearsal/schema.ts) live in the
 * case's `teaching.rehearsal` and travel with it; `TeachingBundleRequest.rehearsalSettings` replaces them.
 */
import { appError, err, ok, type Result } from '../result';
import { buildBundle } from '../plan/bundle';
import { sha256Hex } from '../plan/hash';
import { serializeCase } from '../plan/io';
import type { Case } from '../plan/schema';
import type { RehearsalSettings } from '../rehearsal/schema';
import { readRawDataset } from '../deid/dataset';
import { collectIdentifiers, type Identifier } from '../deid/identifiers';
import { DEFAULT_DEID_OPTIONS } from '../deid/profile';
import { utf8 } from '../dicom/write/uid';
import { checkPhi, describeHit, type PhiArtefact } from '../deid/phi-check';
import { deidentify, type DeidentifyPorts, type DeidentifyReport, type DeidentifyRequest, type PhiCheckFailure } from './deidentify';

export interface TeachingBundleRequest {
  plan: Case;
  /** Bytes of each clip of the plan, by clip id. */
  clipBytes: ReadonlyMap<string, Uint8Array>;
  learningObjectives?: readonly string[];
  /** Rehearsal settings to bundle instead of the case's own `teaching.rehearsal` (core/rehearsal/schema.ts). */
  rehearsalSettings?: RehearsalSettings;
  /** Masks and options as for `deidentify`; per clip id, user-reviewed rectangles. */
  mask: DeidentifyRequest['mask'];
  masksByClip?: ReadonlyMap<string, DeidentifyRequest['files'][number]['masks']>;
  options?: DeidentifyRequest['options'];
  key?: Uint8Array;
}

export interface TeachingBundle {
  bytes: Uint8Array;
  plan: Case;
  report: DeidentifyReport;
}

/** The case's own identifying fields, as identifiers for the PHI check. */
export function caseIdentifiers(plan: Case): Identifier[] {
  const p = plan.patient ?? {};
  const out: Identifier[] = [];
  if (p.name && p.name.trim().length >= 3) out.push({ kind: 'name', attribute: 'case patient name', value: p.name.trim() });
  if (p.id && p.id.trim().length >= 3) out.push({ kind: 'id', attribute: 'case patient ID', value: p.id.trim() });
  if (p.birthDate) out.push({ kind: 'date', attribute: 'case patient birth date', value: p.birthDate.replace(/-/g, '') });
  return out;
}

/** Build a teaching bundle. Nothing is returned unless the PHI check passed on all of it. */
export async function buildTeachingBundle(req: TeachingBundleRequest, ports: Omit<DeidentifyPorts, 'write'>): Promise<Result<TeachingBundle, PhiCheckFailure>> {
  const outputs = new Map<string, Uint8Array>();
  const files = req.plan.clips.map((c, i) => {
    const bytes = req.clipBytes.get(c.id);
    const masks = req.masksByClip?.get(c.id);
    return { name: `clip ${i + 1}`, bytes: bytes ?? new Uint8Array(0), ...(masks ? { masks } : {}) };
  });
  const missing = req.plan.clips.find((c) => !req.clipBytes.get(c.id));
  if (missing) return err({ ...appError('teaching/missing-clip', `The clip “${missing.displayName}” could not be read.`, { file: missing.path, action: 'Locate the clip, then export again.' }), hits: [], written: [] });
  const names = req.plan.clips.map((_, i) => `clip-${String(i + 1).padStart(2, '0')}.dcm`);
  const r = await deidentify(
    { files, mask: req.mask, ...(req.options ? { options: req.options } : {}), ...(req.key ? { key: req.key } : {}), outputName: (i) => names[i]! },
    { ...ports, write: async (name, bytes) => void outputs.set(name, bytes) },
  );
  if (!r.ok) return r;
  const clipBytes = new Map<string, Uint8Array>();
  const clips = req.plan.clips.map((c, i) => {
    const f = r.value.files[i]!;
    const bytes = outputs.get(f.output)!;
    clipBytes.set(c.id, bytes);
    return {
      ...c,
      path: names[i]!,
      displayName: `Clip ${i + 1}`,
      sopInstanceUid: f.sopInstanceUid,
      studyInstanceUid: f.studyInstanceUid ?? null,
      seriesInstanceUid: f.seriesInstanceUid ?? null,
      sha256: sha256Hex(bytes),
      byteLength: bytes.length,
      origin: { kind: 'file' as const },
    };
  });
  const plan: Case = {
    ...req.plan,
    clips,
    patient: {},
    teaching: {
      ...req.plan.teaching,
      learningObjectives: [...(req.learningObjectives ?? req.plan.teaching?.learningObjectives ?? [])],
      deidentified: true,
      deidentificationFlags: { 'ps3.15-basic-profile': true, 'burned-in-text-checked': true, 'phi-check-passed': true },
      ...(req.rehearsalSettings ? { rehearsal: req.rehearsalSettings } : {}),
    },
  };
  // The PHI check over the case JSON and the clips, with the case's own patient fields added.
  const caseJson = serializeCase(plan);
  const artefacts: PhiArtefact[] = [
    { name: 'case.json', kind: 'text', bytes: utf8(caseJson) },
    ...names.map((n) => ({ name: n, kind: 'dicom' as const, bytes: outputs.get(n)! })),
  ];
  // Identifying values of the original headers too (a case title may carry the DICOM patient name).
  const options = { ...DEFAULT_DEID_OPTIONS, ...req.options };
  const ids = [...caseIdentifiers(req.plan), ...files.flatMap((f) => collectIdentifiers(readRawDataset(f.bytes).elements, options))];
  const hits = checkPhi(ids, artefacts);
  if (hits.length > 0) {
    return err({
      ...appError('teaching/phi-found', 'Export stopped: the teaching case still holds identifying information.', {
        action: 'Remove the patient name, ID or date of birth from the case title, notes and labels, then export again.',
        detail: hits.map(describeHit).join('\n'),
      }),
      hits,
      written: [],
    });
  }
  const bundle = buildBundle(plan, clipBytes);
  if (!bundle.ok) return err({ ...bundle.error, hits: [], written: [] });
  return ok({ bytes: bundle.value, plan, report: r.value });
}
