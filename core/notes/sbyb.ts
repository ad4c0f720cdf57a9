import { err, ok, type AppError, type Result } from '../result';
import type { NoteSide, SideConfirmation } from './schema';

/**
 * The side check made at export (RA-UK/SALG Stop Before You Block asks for the side to be checked
 * against the consent and the site mark; Prep-Stop-Block, https://ra-uk.org/index.php/resources/prep-stop-block).
 *
 * What this is, and what it is not: the user states the side at export and the statement is compared
 * with everything in the case that knows a side — the plan's block side, the side typed in the note,
 * sides named in annotation labels and clip names, and the source clips' DICOM Laterality / Image
 * Laterality. Any disagreement stops the export with a typed error listing each conflict. It is an
 * export check; it is NOT the "Stop" moment before needle insertion (a spoken two-person check the user
 * records in the note's pre-checks). The exports print the two separately and never infer one from the
 * other.
 *
 * Rules
 * - `left` / `right` must equal the block side; the case's block side must be set. The side typed in
 *   the note, when recorded, must equal the confirmed side.
 * - `bilateral` must equal a bilateral block; annotations and clips of either side are consistent.
 * - `n/a` (midline or unpaired: celiac plexus, ganglion impar) requires a `midline` block (or a
 *   case whose block side is `n/a`). Annotation, clip-name and clip sides are not compared for `n/a`:
 *   a midline block legitimately labels paired organs ("left lobe of liver", "left kidney").
 * - Unknown sides (annotation or clip without a side) are not conflicts.
 */

/** Sides the user can confirm. */
export type ConfirmSide = NoteSide;

/** A case side as the plan stores it (`midline` in block templates is `n/a` in a note). */
export type CaseSide = 'left' | 'right' | 'bilateral' | 'midline' | 'n/a';

/** Where a side comes from: one element of the case that knows a side. */
export interface SideSource {
  id: string;
  label: string;
  side?: CaseSide;
}

/** What the check needs from a case (core/app builds it from the case and the clips' headers). */
export interface LateralityContext {
  /** The block's side in the plan, or undefined when not set. */
  blockSide?: CaseSide;
  /** The side typed in the note (Procedure), when the user recorded one. */
  noteSide?: NoteSide;
  /** Annotations whose labels name a side. */
  annotations: SideSource[];
  /** Source clips with the laterality their DICOM header records (0020,0062 / 0020,0060), where known. */
  clips: SideSource[];
  /** Source clips whose names (file or display name) name a side. */
  clipNames?: SideSource[];
}

/** One disagreement between the confirmed side and the case. */
export interface SideConflict {
  what: 'block' | 'block-side-missing' | 'note' | 'annotation' | 'clip' | 'clip-name';
  /** The element's id (annotation or clip id), when it has one. */
  id?: string;
  label: string;
  caseSide?: CaseSide;
}

/** A failed check: an AppError with the list of conflicts. Codes: `note/side-mismatch`, `note/side-not-confirmed`. */
export interface SideCheckError extends AppError {
  conflicts: SideConflict[];
}

const normalise = (s: CaseSide): NoteSide => (s === 'midline' ? 'n/a' : s);

function compatible(confirmed: NoteSide, elementSide: NoteSide): boolean {
  if (confirmed === 'bilateral' || confirmed === 'n/a') return true;
  return elementSide === confirmed || elementSide === 'n/a';
}

/** A side in words for messages: "Left", "Right", "Bilateral", "midline (n/a)". */
export function sideWord(s: CaseSide | undefined): string {
  if (s === undefined) return 'not set';
  if (s === 'midline' || s === 'n/a') return 'midline (n/a)';
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One conflict as a phrase ("the side typed in the note (Procedure) is Left"); the CLI and the app say the same. */
export function conflictPhrase(c: SideConflict): string {
  const s = sideWord(c.caseSide);
  switch (c.what) {
    case 'block-side-missing':
      return 'the plan has no block side';
    case 'block':
      return `the plan's block side is ${s}`;
    case 'note':
      return `the side typed in the note (Procedure) is ${s}`;
    case 'annotation':
      return `the annotation “${c.label}” names the ${s.toLowerCase()} side`;
    case 'clip':
      return `the clip “${c.label}” records ${s} laterality in its DICOM header`;
    case 'clip-name':
      return `the clip name “${c.label}” names the ${s.toLowerCase()} side`;
  }
}

/** Parses a user's side answer (CLI flag or form value). */
export function parseConfirmSide(s: string | undefined): ConfirmSide | undefined {
  const v = s?.trim().toLowerCase();
  if (v === 'left' || v === 'right' || v === 'bilateral' || v === 'n/a') return v;
  if (v === 'na' || v === 'none' || v === 'midline') return 'n/a';
  return undefined;
}

/** What to do about the conflicts, in words (the first step always sends the user to the consent and the mark). */
export function sideCheckAction(conflicts: readonly SideConflict[]): string {
  if (conflicts.some((c) => c.what === 'block-side-missing')) return 'Set the block side in the plan, check it against the consent and the site mark, then confirm again.';
  return 'Check the consent and the site mark. Correct the plan, the note, the annotation or clip that is wrong, or your answer, then export again.';
}

/**
 * Checks an explicit side statement against the case. `confirmed` undefined (the user has not
 * answered) fails with `note/side-not-confirmed`. On success returns the export-check record.
 */
export function checkSide(
  confirmed: ConfirmSide | undefined,
  ctx: LateralityContext,
  meta: { confirmedAt: string; confirmedBy?: string },
): Result<SideConfirmation, SideCheckError> {
  if (confirmed === undefined) {
    return err({
      code: 'note/side-not-confirmed',
      title: 'Side check at export: no side was stated.',
      action: 'State the side (left, right, bilateral or n/a) after checking the consent and the site mark, then export again.',
      conflicts: [],
    });
  }
  const conflicts: SideConflict[] = [];
  const checked: string[] = [];
  if (ctx.blockSide === undefined) {
    conflicts.push({ what: 'block-side-missing', label: 'block side not set in the plan' });
  } else {
    const bs = normalise(ctx.blockSide);
    checked.push(`plan: ${bs}`);
    if (confirmed !== bs) conflicts.push({ what: 'block', label: 'block', caseSide: ctx.blockSide });
  }
  if (ctx.noteSide !== undefined) {
    checked.push(`note: ${ctx.noteSide}`);
    if (ctx.noteSide !== confirmed) conflicts.push({ what: 'note', id: 'note-procedure-side', label: 'side typed in the note (Procedure)', caseSide: ctx.noteSide });
  }
  const compare = (what: 'annotation' | 'clip' | 'clip-name', items: readonly SideSource[], name: string) => {
    for (const a of items) {
      if (a.side === undefined) continue;
      const s = normalise(a.side);
      checked.push(`${name} '${a.label}': ${s}`);
      if (!compatible(confirmed, s)) conflicts.push({ what, id: a.id, label: a.label, caseSide: a.side });
    }
  };
  compare('annotation', ctx.annotations, 'annotation');
  compare('clip', ctx.clips, 'clip header');
  compare('clip-name', ctx.clipNames ?? [], 'clip name');
  if (conflicts.length > 0) {
    return err({
      code: 'note/side-mismatch',
      title: `Side check at export: you stated ${sideWord(confirmed)}, but ${conflicts.map(conflictPhrase).join('; ')}.`,
      action: sideCheckAction(conflicts),
      conflicts,
    });
  }
  return ok({ confirmedSide: confirmed, confirmedAt: meta.confirmedAt, confirmedBy: meta.confirmedBy, checkedAgainst: checked, result: 'match' });
}
