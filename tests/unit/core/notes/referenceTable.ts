/**
 * Reads the maximum-dose table (§2) straight from the shared reference file, so dose tests compare the
 * code against the reference text rather than against numbers copied from the implementation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { blocksReference } from '../../../support/shared';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const BLOCKS_MD = blocksReference();

export interface RefRow {
  agent: string;
  mgPerKgCell: string;
  ceilingCell: string;
  uncertain: boolean;
}

export function referenceDoseRows(): RefRow[] {
  const md = readFileSync(BLOCKS_MD, 'utf8');
  const start = md.indexOf('## 2. Maximum local anaesthetic doses');
  const end = md.indexOf('## 3.', start);
  if (start < 0 || end < 0) throw new Error('blocks.md §2 not found');
  const rows = md
    .slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('|---') && !l.startsWith('| agent'));
  return rows.map((l) => {
    const cells = l.split('|').slice(1, -1).map((c) => c.trim());
    return { agent: cells[0]!, mgPerKgCell: cells[1]!, ceilingCell: cells[2]!, uncertain: l.includes('[?]') };
  });
}

export function refRow(prefix: string): RefRow {
  const r = referenceDoseRows().find((x) => x.agent.startsWith(prefix));
  if (!r) throw new Error(`no reference row starting with '${prefix}'`);
  return r;
}

/** All numbers in a cell, in order ("2–2.5" → [2, 2.5]; "~200–300 mg" → [200, 300]). */
export function numbers(cell: string): number[] {
  return [...cell.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

/** The first capture group of `re` in the cell, as a number. */
export function firstMatch(cell: string, re: RegExp): number {
  const m = cell.match(re);
  if (!m) throw new Error(`no match for ${re} in '${cell}'`);
  return Number(m[1]);
}
