/**
 * The case as a trainee sees it before submitting: the expert answer removed (not merely hidden in
 * the view), so no panel, export or overlay can show it by accident. The app's rehearsal mode and a
 * published teaching page (issue 15) both start from this.
 */
import type { Case } from '../plan/schema';
import type { ResolvedRehearsal } from './settings';

/**
 * The trainee's starting case: same clips and block template, with what the rehearsal hides removed
 * — annotations except the hints, needle paths, key frames, the side/level/approach — and never the
 * note, the 3D plan (it shows the target and trajectory), earlier attempts or block details.
 */
export function traineeCase(expert: Case, r: ResolvedRehearsal): Case {
  const hints = new Set(r.hints);
  const { note: _note, scene3d: _scene3d, rehearsal: _rehearsal, ...rest } = expert;
  return {
    ...rest,
    block: r.hide.block ? { templateId: expert.block.templateId, side: null, level: null, approach: null } : expert.block,
    annotations: r.hide.annotations ? expert.annotations.filter((a) => hints.has(a.id)) : expert.annotations,
    needlePaths: r.hide.needlePaths ? [] : expert.needlePaths,
    keyFrames: r.hide.keyFrames ? [] : expert.keyFrames,
  };
}

/** Whether anything of the expert answer the rehearsal hides is still in `c` (a check for adapters and tests). */
export function revealsAnswer(c: Case, expert: Case, r: ResolvedRehearsal): string[] {
  const out: string[] = [];
  const hints = new Set(r.hints);
  if (r.hide.annotations) for (const a of c.annotations) if (!hints.has(a.id) && expert.annotations.some((e) => e.id === a.id && JSON.stringify(e.points) === JSON.stringify(a.points))) out.push(`annotation ${a.id}`);
  if (r.hide.needlePaths) for (const n of c.needlePaths) if (expert.needlePaths.some((e) => e.entry.x === n.entry.x && e.entry.y === n.entry.y && e.target.x === n.target.x && e.target.y === n.target.y)) out.push(`needle path ${n.id}`);
  if (c.note) out.push('note');
  if (c.scene3d) out.push('3D plan');
  return out;
}
