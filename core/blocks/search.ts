import type { BlockTemplate } from './schema';

/**
 * Fold text for matching: lower case, diacritics removed (NFD, strip combining marks), every run of
 * non-alphanumerics collapsed to one space. "Coeliac–plexus" and "coeliac plexus" fold alike;
 * "Lönnqvist" folds to "lonnqvist".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Where a search hit matched, best first: the UI may show the alias that matched. */
export interface BlockSearchHit {
  template: BlockTemplate;
  /** Higher is better. Exact name/alias 100, prefix 80, word prefix 60, substring 40, all words 20 (+ small bonuses). */
  score: number;
  /** The name or alias that matched best (as written in the template). */
  matched: string;
  field: 'name' | 'standard-name' | 'alias' | 'id' | 'indication';
}

function scoreOne(query: string, queryWords: string[], candidate: string): number {
  const c = foldText(candidate);
  if (!c) return 0;
  if (c === query) return 100;
  if (c.startsWith(query)) return 80;
  const words = c.split(' ');
  if (words.some((w) => w.startsWith(query))) return 60;
  if (c.includes(query)) return 40;
  if (queryWords.length > 1 && queryWords.every((q) => words.some((w) => w.startsWith(q)))) return 30;
  return 0;
}

/**
 * Find block templates by name, standard (ASRA-ESRA) name, alias or id, case- and
 * diacritic-insensitive; falls back to indications ("rib fractures") at a lower score. Results are
 * ranked by score, then by name. An empty query returns every template in display order.
 */
export function searchTemplates(templates: readonly BlockTemplate[], query: string): BlockSearchHit[] {
  const q = foldText(query);
  if (!q) return templates.map((t) => ({ template: t, score: 0, matched: t.name, field: 'name' as const }));
  const qWords = q.split(' ');
  const hits: BlockSearchHit[] = [];
  for (const t of templates) {
    let best: BlockSearchHit | undefined;
    const consider = (candidate: string, field: BlockSearchHit['field'], bonus: number) => {
      const s = scoreOne(q, qWords, candidate);
      if (s === 0) return;
      const score = s + bonus;
      if (!best || score > best.score) best = { template: t, score, matched: candidate, field };
    };
    consider(t.name, 'name', 3);
    consider(t.nomenclature.standardName, 'standard-name', 2);
    consider(t.id.replace(/-/g, ' '), 'id', 1);
    for (const a of t.aliases) consider(a, 'alias', 0);
    if (!best) {
      // Indications only when nothing else matched, and never above a name match.
      for (const i of t.indications) {
        const s = scoreOne(q, qWords, i);
        if (s > 0 && (!best || s / 4 > best.score)) best = { template: t, score: s / 4, matched: i, field: 'indication' };
      }
    }
    if (best) hits.push(best);
  }
  return hits.sort((a, b) => b.score - a.score || a.template.name.localeCompare(b.template.name));
}
