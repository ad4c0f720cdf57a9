import { foldText } from '../../../core/blocks/index';
import { newId, type PlanCommand } from '../../../core/plan/index';
import type { Annotation, Case, Point } from '../../../core/plan/schema';
import type { AskedStructure } from '../../../core/rehearsal/index';
import { useTool } from '../../state/tool';
import { useCase } from '../../state/case';
import { useRehearsal } from '../../state/rehearsal';

/**
 * How a trainee's marks get into the case during rehearsal: with the mouse through the plan's own
 * tools (the point tool armed with the structure's name, the needle tool), or with the keyboard
 * through the marking cursor. Both become ordinary case edits (undoable); a structure marked again
 * replaces its earlier mark, a path drawn again replaces the earlier path.
 */

/** The trainee's mark for an asked structure: same structure id and label. */
export function markOf(plan: Case, clipId: string, s: AskedStructure): Annotation | undefined {
  const name = foldText(s.name);
  return [...plan.annotations].reverse().find((a) => a.clipId === clipId && a.role !== 'skin' && a.structureId === s.structureId && foldText(a.label) === name);
}

/**
 * Marks go on every frame of the clip (the trainee answers for the clip, not for one frame), so they
 * stay in view while the trainee looks for the best frame.
 */
export function markOnEveryFrame(): void {
  useTool.getState().setScope('all');
}

/** Arm the plan's point tool so the next click marks this structure. */
export function armPointTool(s: AskedStructure): void {
  const t = useTool.getState();
  t.setNext({ structureId: s.structureId, label: s.name, role: s.role });
  t.setTool('point');
}

/** Arm the plan's needle tool (entry, then target). */
export function armNeedleTool(): void {
  useTool.getState().setTool('needle');
}

/** Back to selecting once a mark is placed. */
export function disarm(): void {
  const t = useTool.getState();
  if (t.tool !== 'select') t.setTool('select');
}

/** Place (or move) the point marking a structure at image px `at` (on every frame). */
export function placeStructure(s: AskedStructure, clipId: string, at: Point): boolean {
  const st = useCase.getState();
  const old = markOf(st.history.present, clipId, s);
  const add: PlanCommand = {
    type: 'add-annotation',
    annotation: { id: newId('ann'), clipId, kind: 'point', points: [at], label: s.name, structureId: s.structureId, role: s.role, frameIndex: null },
  };
  return st.apply(old ? { type: 'batch', label: `Mark ${s.name}`, commands: [{ type: 'delete-annotation', id: old.id }, add] } : add);
}

/** Place (or replace) the trainee's needle path (on every frame). */
export function placeNeedle(clipId: string, entry: Point, target: Point): boolean {
  const st = useCase.getState();
  const old = st.history.present.needlePaths.filter((n) => n.clipId === clipId);
  const add: PlanCommand = { type: 'add-needle-path', path: { id: newId('needle'), clipId, frameIndex: null, entry, target, mode: useTool.getState().needleMode, label: 'Needle path' } };
  return st.apply(old.length ? { type: 'batch', label: 'Draw needle path', commands: [...old.map((n): PlanCommand => ({ type: 'delete-needle-path', id: n.id })), add] } : add);
}

/** Keep only the newest needle path of the clip (after the mouse tool drew another). */
export function keepNewestNeedle(clipId: string): void {
  const st = useCase.getState();
  const paths = st.history.present.needlePaths.filter((n) => n.clipId === clipId);
  if (paths.length <= 1) return;
  st.apply({ type: 'batch', label: 'Draw needle path', commands: paths.slice(0, -1).map((n): PlanCommand => ({ type: 'delete-needle-path', id: n.id })) }, { quiet: true });
}

/** Enter on the marking cursor: do what the chosen action says. Returns a sentence for screen readers. */
export function enterAtCursor(structures: readonly AskedStructure[], clipId: string): string {
  const s = useRehearsal.getState();
  const at = s.cursor;
  const action = s.cursorAction;
  if (!at || !action) return 'Choose what to place first: a structure, or the needle entry.';
  const p = { x: Math.round(at.x), y: Math.round(at.y) };
  if (action.kind === 'structure') {
    const target = structures.find((x) => x.annotationId === action.annotationId);
    if (!target) return '';
    return placeStructure(target, clipId, p) ? `${target.name} marked at ${p.x}, ${p.y}.` : '';
  }
  if (action.kind === 'entry') {
    s.setCursorAction({ kind: 'target' });
    useRehearsal.getState().setPendingEntry(p);
    return `Needle entry at ${p.x}, ${p.y}. Move to the target and press Enter.`;
  }
  const entry = s.pendingEntry;
  if (!entry) {
    s.setCursorAction({ kind: 'entry' });
    return 'Place the entry first.';
  }
  const ok = placeNeedle(clipId, entry, p);
  s.setCursorAction(null);
  return ok ? `Needle path drawn from ${entry.x}, ${entry.y} to ${p.x}, ${p.y}.` : '';
}
