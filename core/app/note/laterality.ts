/**
 * Every source of laterality in a case, for the side check at export (core/notes/sbyb): the plan's
 * block side, the side typed in the note, sides named in annotation labels and clip names, and each
 * clip's DICOM Laterality / Image Laterality (read by ../clipHeader.ts). The CLI and the app build the
 * context here, so the check cannot differ between them.
 */
import type { CaseSide, LateralityContext, SideSource } from '../../notes/sbyb';
import type { ClipLaterality } from '../clipHeader';
import { NoteSchema } from '../../notes/schema';
import type { Case } from '../../plan/index';

/**
 * Side named in a label as a whole word ("Right phrenic nerve", "left_ISB.dcm" → left/right);
 * undefined when none or both. Letters on either side make it another word ("leftover", "bright").
 */
export function sideInLabel(label: string): CaseSide | undefined {
  const l = /(?<![a-z])left(?![a-z])/i.test(label);
  const r = /(?<![a-z])right(?![a-z])/i.test(label);
  return l === r ? undefined : l ? 'left' : 'right';
}

/** A DICOM Laterality / Image Laterality value ('L', 'R', 'B'; 'U' unpaired and '' unknown give none). */
export function dicomLateralitySide(v: string | undefined): CaseSide | undefined {
  const s = v?.trim().toUpperCase();
  return s === 'L' ? 'left' : s === 'R' ? 'right' : s === 'B' ? 'bilateral' : undefined;
}

/**
 * The laterality context of a case. `clipLaterality`: clip id → the clip header's Image Laterality
 * (0020,0062) and Laterality (0020,0060) as stored ('L', 'R', 'B', 'U' or absent); each attribute that
 * names a side is a source of its own. Clips not in the map have no known side.
 */
export function lateralityOf(plan: Case, clipLaterality: ReadonlyMap<string, ClipLaterality> = new Map()): LateralityContext {
  const typed = NoteSchema.safeParse(plan.note ?? {});
  const headers: SideSource[] = [];
  for (const c of plan.clips) {
    const l = clipLaterality.get(c.id);
    const image = dicomLateralitySide(l?.image);
    const series = dicomLateralitySide(l?.series);
    if (image) headers.push({ id: c.id, label: c.displayName, side: image });
    if (series && series !== image) headers.push({ id: c.id, label: c.displayName, side: series });
  }
  return {
    blockSide: plan.block.side ?? undefined,
    noteSide: typed.success ? typed.data.procedure.side : undefined,
    annotations: plan.annotations.map((a) => ({ id: a.id, label: a.label || a.structureId || a.id, side: sideInLabel(a.label) })),
    clips: headers,
    clipNames: plan.clips.map((c) => ({ id: c.id, label: c.displayName, side: sideInLabel(c.displayName) })),
  };
}
