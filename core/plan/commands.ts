/**
 * Edits to a case as commands, and a framework-free undo/redo history.
 *
 * Every edit the UI makes is a `PlanCommand` (plain data, so it can be logged, replayed and tested).
 * `executeCommand(plan, cmd)` applies one to an immutable case and returns the new case or an AppError
 * (unknown id, locked annotation, invalid geometry). The history keeps the case before and after each
 * command (cases are immutable, so unchanged parts are shared, not copied).
 *
 * Typical UI use:
 * ```ts
 * let h = createHistory(plan);
 * const r = applyCommand(h, { type: 'move-handle', id, index: 1, to }, { coalesce: dragging });
 * if (r.ok) h = r.value; else messages.show(r.error);
 * h = undo(h);            // menu label: undoLabel(h) → "Undo Move handle"
 * ```
 * Ids for new items are chosen by the caller (`newId()`), so commands are deterministic.
 */
import { appError, err, ok, type Result } from '../result';
import { manualCalibrationFrom } from '../dicom/calibration';
import {
  AnnotationSchema,
  ClipSchema,
  KeyFrameSchema,
  ManualCalibrationSchema,
  NeedlePathSchema,
  PatientSchema,
  SettingsSchema,
  BlockChoiceSchema,
  TeachingSchema,
  type Annotation,
  type AnnotationInput,
  type BlockChoice,
  type Case,
  type Clip,
  type KeyFrame,
  type NeedlePath,
  type Patient,
  type Point,
  type Settings,
} from './schema';
import type { z } from 'zod';
import { BlockDetailsSchema, type BlockDetails } from '../rehearsal/schema';
import { executeScene3dCommand, isScene3dCommand, scene3dCommandLabel, type Scene3dCommand } from './commands-3d';
import { NoteSchema, type NoteInput } from '../notes/schema';

type AnnotationChanges = Partial<Pick<Annotation, 'label' | 'structureId' | 'role' | 'text' | 'visible' | 'locked' | 'frameIndex' | 'closed'>>;
type NeedleChanges = Partial<Pick<NeedlePath, 'mode' | 'label' | 'frameIndex'>>;
type KeyFrameChanges = Partial<Pick<KeyFrame, 'tag' | 'text' | 'frameIndex'>>;

/** Every edit of a case. Coordinates are image px; frame indices 0-based. */
export type PlanCommand =
  | { type: 'add-annotation'; annotation: AnnotationInput }
  | { type: 'move-annotation'; id: string; dx: number; dy: number }
  | { type: 'move-handle'; id: string; index: number; to: Point }
  | { type: 'set-annotation-points'; id: string; points: Point[] }
  | { type: 'edit-annotation'; id: string; changes: AnnotationChanges }
  | { type: 'delete-annotation'; id: string }
  | { type: 'copy-annotation-to-frames'; id: string; frames: number[]; newIds: string[] }
  | { type: 'add-needle-path'; path: z.input<typeof NeedlePathSchema> }
  | { type: 'move-needle-point'; id: string; which: 'entry' | 'target'; to: Point }
  | { type: 'edit-needle-path'; id: string; changes: NeedleChanges }
  | { type: 'delete-needle-path'; id: string }
  | { type: 'add-key-frame'; keyFrame: z.input<typeof KeyFrameSchema> }
  | { type: 'edit-key-frame'; id: string; changes: KeyFrameChanges }
  | { type: 'delete-key-frame'; id: string }
  | { type: 'set-block'; block: BlockChoice }
  | { type: 'set-settings'; changes: Partial<Settings> }
  | { type: 'set-title'; title: string }
  | { type: 'set-patient'; patient: Patient }
  | { type: 'add-clip'; clip: z.input<typeof ClipSchema> }
  | { type: 'relocate-clip'; id: string; path: string }
  | { type: 'remove-clip'; id: string }
  | { type: 'set-manual-calibration'; clipId: string; calibration: z.input<typeof ManualCalibrationSchema> | null }
  /** Edits of the 3D plan (./commands-3d: probe, needle, structures, models, clip links). */
  | Scene3dCommand
  /**
   * Replace the procedure note (what the user typed; core/notes prefills the rest). Edits with the
   * same `coalesceKey` merge while coalescing (typing in one field = one undo step).
   */
  | { type: 'set-note'; note: NoteInput; coalesceKey?: string }
  /** Make the case a teaching case or change its teaching settings (core/rehearsal); null: no longer one. */
  | { type: 'set-teaching'; teaching: z.input<typeof TeachingSchema> | null; coalesceKey?: string }
  /** The needle and volume the case states (the expert's answer in a teaching case; core/rehearsal). */
  | { type: 'set-block-details'; details: BlockDetails; coalesceKey?: string }
  /** Several commands as one step; `coalesceKey` lets it merge with the single commands that follow (a 3D plan set up by its first edit, then a drag). */
  | { type: 'batch'; label: string; commands: PlanCommand[]; coalesceKey?: string };

/** The label shown in Edit ▸ Undo/Redo and in the history list, e.g. "Move handle". */
export function commandLabel(cmd: PlanCommand): string {
  if (isScene3dCommand(cmd)) return scene3dCommandLabel(cmd);
  switch (cmd.type) {
    case 'add-annotation':
      return 'Add annotation';
    case 'move-annotation':
      return 'Move annotation';
    case 'move-handle':
      return 'Move handle';
    case 'set-annotation-points':
      return 'Reshape annotation';
    case 'edit-annotation': {
      const keys = Object.keys(cmd.changes);
      if (keys.length === 1) {
        if (keys[0] === 'visible') return cmd.changes.visible ? 'Show annotation' : 'Hide annotation';
        if (keys[0] === 'locked') return cmd.changes.locked ? 'Lock annotation' : 'Unlock annotation';
        if (keys[0] === 'label' || keys[0] === 'structureId') return 'Rename annotation';
        if (keys[0] === 'role') return 'Change role';
        if (keys[0] === 'frameIndex') return 'Change frame';
      }
      return 'Edit annotation';
    }
    case 'delete-annotation':
      return 'Delete annotation';
    case 'copy-annotation-to-frames':
      return cmd.frames.length === 1 ? 'Copy to frame' : 'Copy to frames';
    case 'add-needle-path':
      return 'Add needle path';
    case 'move-needle-point':
      return cmd.which === 'entry' ? 'Move needle entry' : 'Move needle target';
    case 'edit-needle-path':
      return 'Edit needle path';
    case 'delete-needle-path':
      return 'Delete needle path';
    case 'add-key-frame':
      return 'Add key frame';
    case 'edit-key-frame':
      return 'Edit key frame';
    case 'delete-key-frame':
      return 'Delete key frame';
    case 'set-block':
      return 'Choose block';
    case 'set-settings':
      return 'Change settings';
    case 'set-title':
      return 'Rename case';
    case 'set-patient':
      return 'Edit patient details';
    case 'add-clip':
      return 'Add clip';
    case 'relocate-clip':
      return 'Locate clip';
    case 'remove-clip':
      return 'Remove clip';
    case 'set-manual-calibration':
      return cmd.calibration ? 'Set calibration' : 'Clear calibration';
    case 'set-note':
      return 'Edit note';
    case 'set-teaching':
      return cmd.teaching ? 'Edit teaching settings' : 'Remove teaching settings';
    case 'set-block-details':
      return 'Edit needle and volume';
    case 'batch':
      return cmd.label;
  }
}

const notFound = (what: string, id: string) =>
  err(appError('plan/not-found', `The ${what} “${id}” is not in the case.`, { action: 'It may have been deleted; refresh the view.' }));
const locked = () => err(appError('plan/locked', 'This annotation is locked.', { action: 'Unlock it to move, reshape or delete it.' }));
const invalid = (what: string, issues: readonly { path: PropertyKey[]; message: string }[]) =>
  err(appError('plan/invalid-edit', `The ${what} is not valid: ${issues[0]?.message ?? 'invalid'}.`, { detail: issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') }));

function clipOf(plan: Case, clipId: string): Clip | undefined {
  return plan.clips.find((c) => c.id === clipId);
}

function frameOk(plan: Case, clipId: string, frame: number | null): Result<true> {
  const clip = clipOf(plan, clipId);
  if (!clip) return notFound('clip', clipId);
  if (frame !== null && (frame < 0 || frame >= clip.frameCount || !Number.isInteger(frame))) {
    return err(appError('plan/invalid-edit', `Frame ${frame} is outside the clip (${clip.frameCount} frames).`));
  }
  return ok(true);
}

function replaceAt<T>(items: readonly T[], i: number, v: T): T[] {
  const copy = items.slice();
  copy[i] = v;
  return copy;
}

function validAnnotation(a: unknown): Result<Annotation> {
  const r = AnnotationSchema.safeParse(a);
  return r.success ? ok(r.data) : invalid('annotation', r.error.issues);
}

function withAnnotation(plan: Case, id: string, f: (a: Annotation) => Result<Annotation>, geometric: boolean): Result<Case> {
  const i = plan.annotations.findIndex((a) => a.id === id);
  if (i < 0) return notFound('annotation', id);
  const a = plan.annotations[i]!;
  if (geometric && a.locked) return locked();
  const r = f(a);
  if (!r.ok) return r;
  const v = validAnnotation(r.value);
  if (!v.ok) return v;
  const fr = frameOk(plan, v.value.clipId, v.value.frameIndex);
  if (!fr.ok) return fr;
  return ok({ ...plan, annotations: replaceAt(plan.annotations, i, v.value) });
}

function withNeedle(plan: Case, id: string, f: (n: NeedlePath) => NeedlePath): Result<Case> {
  const i = plan.needlePaths.findIndex((n) => n.id === id);
  if (i < 0) return notFound('needle path', id);
  const r = NeedlePathSchema.safeParse(f(plan.needlePaths[i]!));
  if (!r.success) return invalid('needle path', r.error.issues);
  const fr = frameOk(plan, r.data.clipId, r.data.frameIndex);
  if (!fr.ok) return fr;
  return ok({ ...plan, needlePaths: replaceAt(plan.needlePaths, i, r.data) });
}

function idTaken(items: readonly { id: string }[], id: string): Result<true> {
  return items.some((x) => x.id === id) ? err(appError('plan/duplicate-id', `The id “${id}” is already used.`)) : ok(true);
}

/** Apply one command to a case. Pure: the input case is not modified. */
export function executeCommand(plan: Case, cmd: PlanCommand): Result<Case> {
  if (isScene3dCommand(cmd)) return executeScene3dCommand(plan, cmd);
  switch (cmd.type) {
    case 'add-annotation': {
      const v = validAnnotation(cmd.annotation);
      if (!v.ok) return v;
      const t = idTaken(plan.annotations, v.value.id);
      if (!t.ok) return t;
      const fr = frameOk(plan, v.value.clipId, v.value.frameIndex);
      if (!fr.ok) return fr;
      return ok({ ...plan, annotations: [...plan.annotations, v.value] });
    }
    case 'move-annotation':
      return withAnnotation(plan, cmd.id, (a) => ok({ ...a, points: a.points.map((p) => ({ x: p.x + cmd.dx, y: p.y + cmd.dy })) }), true);
    case 'move-handle':
      return withAnnotation(
        plan,
        cmd.id,
        (a) => (cmd.index >= 0 && cmd.index < a.points.length ? ok({ ...a, points: replaceAt(a.points, cmd.index, { x: cmd.to.x, y: cmd.to.y }) }) : err(appError('plan/invalid-edit', `Handle ${cmd.index} does not exist.`))),
        true,
      );
    case 'set-annotation-points':
      return withAnnotation(plan, cmd.id, (a) => ok({ ...a, points: cmd.points.map((p) => ({ x: p.x, y: p.y })) }), true);
    case 'edit-annotation':
      return withAnnotation(plan, cmd.id, (a) => ok({ ...a, ...cmd.changes }), false);
    case 'delete-annotation': {
      const a = plan.annotations.find((x) => x.id === cmd.id);
      if (!a) return notFound('annotation', cmd.id);
      if (a.locked) return locked();
      return ok({ ...plan, annotations: plan.annotations.filter((x) => x.id !== cmd.id) });
    }
    case 'copy-annotation-to-frames': {
      const a = plan.annotations.find((x) => x.id === cmd.id);
      if (!a) return notFound('annotation', cmd.id);
      if (cmd.newIds.length !== cmd.frames.length) return err(appError('plan/invalid-edit', 'One new id is needed per frame.'));
      const copies: Annotation[] = [];
      for (let k = 0; k < cmd.frames.length; k++) {
        const fr = frameOk(plan, a.clipId, cmd.frames[k]!);
        if (!fr.ok) return fr;
        const id = cmd.newIds[k]!;
        const t = idTaken([...plan.annotations, ...copies], id);
        if (!t.ok) return t;
        copies.push({ ...a, id, frameIndex: cmd.frames[k]!, points: a.points.map((p) => ({ ...p })), locked: false });
      }
      return ok({ ...plan, annotations: [...plan.annotations, ...copies] });
    }
    case 'add-needle-path': {
      const r = NeedlePathSchema.safeParse(cmd.path);
      if (!r.success) return invalid('needle path', r.error.issues);
      const t = idTaken(plan.needlePaths, r.data.id);
      if (!t.ok) return t;
      const fr = frameOk(plan, r.data.clipId, r.data.frameIndex);
      if (!fr.ok) return fr;
      return ok({ ...plan, needlePaths: [...plan.needlePaths, r.data] });
    }
    case 'move-needle-point':
      return withNeedle(plan, cmd.id, (n) => ({ ...n, [cmd.which]: { x: cmd.to.x, y: cmd.to.y } }));
    case 'edit-needle-path':
      return withNeedle(plan, cmd.id, (n) => ({ ...n, ...cmd.changes }));
    case 'delete-needle-path':
      if (!plan.needlePaths.some((n) => n.id === cmd.id)) return notFound('needle path', cmd.id);
      return ok({ ...plan, needlePaths: plan.needlePaths.filter((n) => n.id !== cmd.id) });
    case 'add-key-frame': {
      const r = KeyFrameSchema.safeParse(cmd.keyFrame);
      if (!r.success) return invalid('key frame', r.error.issues);
      const t = idTaken(plan.keyFrames, r.data.id);
      if (!t.ok) return t;
      const fr = frameOk(plan, r.data.clipId, r.data.frameIndex);
      if (!fr.ok) return fr;
      return ok({ ...plan, keyFrames: [...plan.keyFrames, r.data] });
    }
    case 'edit-key-frame': {
      const i = plan.keyFrames.findIndex((k) => k.id === cmd.id);
      if (i < 0) return notFound('key frame', cmd.id);
      const r = KeyFrameSchema.safeParse({ ...plan.keyFrames[i]!, ...cmd.changes });
      if (!r.success) return invalid('key frame', r.error.issues);
      const fr = frameOk(plan, r.data.clipId, r.data.frameIndex);
      if (!fr.ok) return fr;
      return ok({ ...plan, keyFrames: replaceAt(plan.keyFrames, i, r.data) });
    }
    case 'delete-key-frame':
      if (!plan.keyFrames.some((k) => k.id === cmd.id)) return notFound('key frame', cmd.id);
      return ok({ ...plan, keyFrames: plan.keyFrames.filter((k) => k.id !== cmd.id) });
    case 'set-block': {
      const r = BlockChoiceSchema.safeParse(cmd.block);
      if (!r.success) return invalid('block choice', r.error.issues);
      return ok({ ...plan, block: r.data });
    }
    case 'set-settings': {
      const r = SettingsSchema.safeParse({ ...plan.settings, ...cmd.changes });
      if (!r.success) return invalid('setting', r.error.issues);
      return ok({ ...plan, settings: r.data });
    }
    case 'set-title':
      return ok({ ...plan, title: cmd.title });
    case 'set-patient': {
      const r = PatientSchema.safeParse(cmd.patient);
      if (!r.success) return invalid('patient detail', r.error.issues);
      return ok({ ...plan, patient: r.data });
    }
    case 'add-clip': {
      const r = ClipSchema.safeParse(cmd.clip);
      if (!r.success) return invalid('clip', r.error.issues);
      const t = idTaken(plan.clips, r.data.id);
      if (!t.ok) return t;
      return ok({ ...plan, clips: [...plan.clips, r.data] });
    }
    case 'relocate-clip': {
      const i = plan.clips.findIndex((c) => c.id === cmd.id);
      if (i < 0) return notFound('clip', cmd.id);
      if (!cmd.path) return err(appError('plan/invalid-edit', 'The clip path is empty.'));
      return ok({ ...plan, clips: replaceAt(plan.clips, i, { ...plan.clips[i]!, path: cmd.path }) });
    }
    case 'remove-clip': {
      if (!clipOf(plan, cmd.id)) return notFound('clip', cmd.id);
      const manual = { ...plan.manualCalibrations };
      delete manual[cmd.id];
      return ok({
        ...plan,
        clips: plan.clips.filter((c) => c.id !== cmd.id),
        annotations: plan.annotations.filter((a) => a.clipId !== cmd.id),
        needlePaths: plan.needlePaths.filter((n) => n.clipId !== cmd.id),
        keyFrames: plan.keyFrames.filter((k) => k.clipId !== cmd.id),
        manualCalibrations: manual,
      });
    }
    case 'set-manual-calibration': {
      if (!clipOf(plan, cmd.clipId)) return notFound('clip', cmd.clipId);
      const manual = { ...plan.manualCalibrations };
      if (cmd.calibration === null) delete manual[cmd.clipId];
      else {
        const r = ManualCalibrationSchema.safeParse(cmd.calibration);
        if (!r.success) return invalid('calibration', r.error.issues);
        // The one rule (core/dicom/calibration.ts): no zero-length line, no implausible scale in the case.
        const rule = manualCalibrationFrom(r.data.a, r.data.b, r.data.knownDistanceMm, 'mm');
        if (!rule.ok) return invalid('calibration', [{ path: ['knownDistanceMm'], message: rule.error.replace(/\.$/, '') }]);
        manual[cmd.clipId] = r.data;
      }
      return ok({ ...plan, manualCalibrations: manual });
    }
    case 'set-note': {
      const r = NoteSchema.safeParse(cmd.note);
      if (!r.success) return invalid('note', r.error.issues);
      return ok({ ...plan, note: r.data });
    }
    case 'set-teaching': {
      if (cmd.teaching === null) {
        const { teaching: _dropped, ...rest } = plan;
        return ok(rest);
      }
      const r = TeachingSchema.safeParse(cmd.teaching);
      return r.success ? ok({ ...plan, teaching: r.data }) : invalid('teaching settings', r.error.issues);
    }
    case 'set-block-details': {
      const r = BlockDetailsSchema.safeParse(cmd.details);
      return r.success ? ok({ ...plan, rehearsal: { attempts: plan.rehearsal?.attempts ?? [], blockDetails: r.data } }) : invalid('needle and volume', r.error.issues);
    }
    case 'batch': {
      let cur = plan;
      for (const c of cmd.commands) {
        const r = executeCommand(cur, c);
        if (!r.ok) return r;
        cur = r.value;
      }
      return ok(cur);
    }
  }
}
