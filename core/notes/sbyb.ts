import { err, ok, type AppError, type Result } from '../result';
import type { NoteSide, SideConfirmation } from './schema';

/**
 * Stop Before You Block (RA-UK/SALG; blocks.md §4 [S22]) for exports.
 *
 * A note is exported only after the user states the side explicitly, and that statement is checked
 * against everything in the case that knows a side: the block's side and, where known, the side of
 * annotations and of the source clips (DICOM Laterality / Image Laterality). Any disagreement stops
 * the export with a typed error listing each conflict, until the case or the confirmation is fixed.
 *
 * Rules
 * - `left` / `right` must equal the block side; the case's block side must be set.
 * - `bilateral` must equal a bilateral block; annotations and clips of either side are consistent.
 * - `n/a` (midline or unpaired: celiac plexus, ganglion impar) requires a `midline` block (or a
 *   case whose block side is `n/a`). Annotation and clip sides are not compared for `n/a`: a midline
 *   block legitimately labels paired organs ("left lobe of liver", "left kidney").
 * - Unknown sides (annotation or clip without a side) are not conflicts; they are listed as unchecked.
 */

/** Sides the user can confirm. */
export type ConfirmSide = NoteSide;

/** A case side as the plan stores it (`midline` in block templates is `n/a` in a note). */
export type CaseSide = 'left' | 'right' | 'bilateral' | 'midline' | 'n/a';

/** What the check needs from a case. Built by prefill.ts from the case model. */
export interface LateralityContext {
  /** The block's side in the plan, or undefined when not set. */
  blockSide?: CaseSide;
  /** Annotations that carry a side (labels for the messages; sides where known). */
  annotations: { id: string; label: string; side?: CaseSide }[];
  /** Source clips with the laterality their DICOM header records, where known. */
  clips: { id: string; label: string; side?: CaseSide }[];
}

/** One disagreement between the confirmed side and the case. */
export interface SideConflict {
  what: 'block' | 'annotation' | 'clip' | 'block-side-missing';
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

/** Parses a user's side answer (CLI flag or form value). */
export function parseConfirmSide(s: string | undefined): ConfirmSide | undefined {
  const v = s?.trim().toLowerCase();
  if (v === 'left' || v === 'right' || v === 'bilateral' || v === 'n/a') return v;
  if (v === 'na' || v === 'none' || v === 'midline') return 'n/a';
  return undefined;
}

/**
 * Checks an explicit side confirmation against the case. `confirmed` undefined (the user has not
 * confirmed) fails with `note/side-not-confirmed`. On success returns the record for the note.
 */
export function checkSide(
  confirmed: ConfirmSide | undefined,
  ctx: LateralityContext,
  meta: { confirmedAt: string; confirmedBy?: string },
): Result<SideConfirmation, SideCheckError> {
  if (confirmed === undefined) {
    return err({
      code: 'note/side-not-confirmed',
      title: 'Stop Before You Block: the side has not been confirmed.',
      action: 'Confirm the side (left, right, bilateral or n/a) against the consent and the site mark, then export again.',
      conflicts: [],
    });
  }
  const conflicts: SideConflict[] = [];
  const checked: string[] = [];
  if (ctx.blockSide === undefined) {
    conflicts.push({ what: 'block-side-missing', label: 'block side not set in the plan' });
  } else {
    const bs = normalise(ctx.blockSide);
    checked.push(`block: ${bs}`);
    const blockOk = confirmed === bs;
    if (!blockOk) conflicts.push({ what: 'block', label: 'block', caseSide: ctx.blockSide });
  }
  for (const a of ctx.annotations) {
    if (a.side === undefined) continue;
    const s = normalise(a.side);
    checked.push(`annotation '${a.label}': ${s}`);
    if (!compatible(confirmed, s)) conflicts.push({ what: 'annotation', id: a.id, label: a.label, caseSide: a.side });
  }
  for (const c of ctx.clips) {
    if (c.side === undefined) continue;
    const s = normalise(c.side);
    checked.push(`clip '${c.label}': ${s}`);
    if (!compatible(confirmed, s)) conflicts.push({ what: 'clip', id: c.id, label: c.label, caseSide: c.side });
  }
  if (conflicts.length > 0) {
    const list = conflicts
      .map((c) => (c.what === 'block-side-missing' ? 'the plan has no block side' : `${c.what}${c.what === 'block' ? '' : ` '${c.label}'`} is ${c.caseSide === 'midline' ? 'midline (n/a)' : c.caseSide}`))
      .join('; ');
    return err({
      code: 'note/side-mismatch',
      title: `Stop Before You Block: you confirmed ${confirmed}, but ${list}.`,
      action:
        ctx.blockSide === undefined
          ? 'Set the block side in the plan, check it against the consent and the site mark, then confirm again.'
          : 'Check the consent and the site mark. Correct the plan (block side, annotation or clip) or your confirmation, then export again.',
      conflicts,
    });
  }
  return ok({ confirmedSide: confirmed, confirmedAt: meta.confirmedAt, confirmedBy: meta.confirmedBy, checkedAgainst: checked, result: 'match' });
}
