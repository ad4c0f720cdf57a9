/**
 * Reads the cited anticoagulation tables (docs/reference/anticoagulation.md), so the anticoagulation
 * tests compare the data against the transcription of each guideline's table rather than against
 * numbers restated in the test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../support/shared';

export const ANTICOAG_MD = path.join(repoRoot, 'docs/reference/anticoagulation.md');
const md = readFileSync(ANTICOAG_MD, 'utf8');

/** The cells of the row whose first cell is `ref` (cells[0] is the ref). */
export function refCells(ref: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${ref} |`));
  if (!line) throw new Error(`no row '${ref}' in docs/reference/anticoagulation.md`);
  return line.split('|').slice(1, -1).map((c) => c.trim());
}

/** The paragraph starting with `Not confirmed (<guideline>)`. */
export function notConfirmedParagraph(guidelineShort: string): string {
  const i = md.indexOf(`Not confirmed (${guidelineShort})`);
  if (i < 0) throw new Error(`no 'Not confirmed (${guidelineShort})' paragraph`);
  return md.slice(i, md.indexOf('\n\n', i) < 0 ? undefined : md.indexOf('\n\n', i)).replace(/\s+/g, ' ');
}

/** The whole transcription, whitespace-normalised (for statements outside tables). */
export const referenceText = md.replace(/\s+/g, ' ');

/**
 * Hours stated by a figure's text as it appears in a table cell: "72 h" → 72, "5 days" → 120,
 * "12 to 24 h" → 12 (the lower bound; `max` gives the upper). Throws when the text states no time.
 */
export function hoursIn(text: string): { hours: number; max?: number } {
  const range = text.match(/(\d+(?:\.\d+)?) to (\d+(?:\.\d+)?) (h|days?)\b/);
  const mult = (unit: string) => (unit.startsWith('day') ? 24 : 1);
  if (range) return { hours: Number(range[1]) * mult(range[3]!), max: Number(range[2]) * mult(range[3]!) };
  const m = text.match(/(\d+(?:\.\d+)?) (h|days?)\b/);
  if (!m) throw new Error(`no time in '${text}'`);
  return { hours: Number(m[1]) * mult(m[2]!) };
}
