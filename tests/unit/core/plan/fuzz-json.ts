/**
 * Seeded mutations of case files for the case and bundle fuzz tests: text-level (bit flips,
 * truncation, splices: damaged JSON) and structure-level (a value anywhere replaced by a hostile
 * one, keys dropped or added, arrays and objects swapped, ids duplicated: well-formed JSON that the
 * schema must judge). Deterministic from the PRNG, so a failing case number reproduces.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values that have broken parsers and geometry elsewhere: extremes, wrong types, odd strings. */
const HOSTILE: (() => Json)[] = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1e308,
  () => -1e308,
  () => 5e-324,
  () => 2 ** 53 + 1,
  () => 0.1,
  () => '',
  () => 'x'.repeat(5000),
  () => '../../etc/passwd',
  () => 'C:\\evil.bat',
  () => '\u0000\u202e\ud800',
  () => '2026-02-30T25:61:00Z',
  () => [],
  () => [null, 1, 'a'],
  () => ({}),
  () => ({ __proto__: { polluted: true } }) as unknown as Json,
  () => JSON.parse('{"__proto__": {"polluted": true}}') as Json,
  () => ({ constructor: { prototype: { polluted: true } } }),
];

/** All paths to values inside `v` (objects and arrays), depth-first, at most `limit`. */
function paths(v: Json, limit = 5000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { v: Json; p: (string | number)[] }[] = [{ v, p: [] }];
  while (stack.length && out.length < limit) {
    const { v: x, p } = stack.pop()!;
    out.push(p);
    if (Array.isArray(x)) x.forEach((c, i) => stack.push({ v: c, p: [...p, i] }));
    else if (x && typeof x === 'object') for (const [k, c] of Object.entries(x)) stack.push({ v: c, p: [...p, k] });
  }
  return out;
}

function at(root: Json, p: (string | number)[]): Json {
  let v: Json = root;
  for (const k of p) v = (v as Record<string, Json>)[k as string]!;
  return v;
}

function setAt(root: Json, p: (string | number)[], value: Json | undefined): Json {
  if (p.length === 0) return value ?? null;
  const parent = at(root, p.slice(0, -1)) as Record<string, Json> | Json[];
  const k = p[p.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(k as number, 1);
    else delete parent[k as string];
  } else (parent as Record<string, Json>)[k as string] = value;
  return root;
}

/** One mutant of a case file's text. `kind` names the mutation for the failure message. */
export function mutateCaseText(text: string, r: () => number): { text: string; kind: string } {
  const pick = (n: number) => Math.floor(r() * n);
  const kinds = ['replace', 'replace', 'replace', 'delete', 'add-key', 'swap-container', 'duplicate-item', 'number-nudge', 'bitflip', 'truncate', 'splice', 'deep'];
  const kind = kinds[pick(kinds.length)]!;
  if (kind === 'bitflip' || kind === 'truncate' || kind === 'splice') {
    const b = new TextEncoder().encode(text);
    if (kind === 'bitflip') for (let k = 1 + pick(8); k > 0; k--) b[pick(b.length)]! ^= 1 << pick(8);
    if (kind === 'truncate') return { text: new TextDecoder().decode(b.subarray(0, pick(b.length))), kind };
    if (kind === 'splice') {
      const at0 = pick(b.length);
      const len = 1 + pick(64);
      return { text: new TextDecoder().decode(b.subarray(0, at0)) + new TextDecoder().decode(b.subarray(at0 + len)), kind };
    }
    return { text: new TextDecoder().decode(b), kind };
  }
  let root = JSON.parse(text) as Json;
  const all = paths(root);
  const p = all[pick(all.length)]!;
  const cur = at(root, p);
  switch (kind) {
    case 'replace':
      root = setAt(root, p, HOSTILE[pick(HOSTILE.length)]!());
      break;
    case 'delete':
      if (p.length) root = setAt(root, p, undefined);
      break;
    case 'add-key':
      if (cur && typeof cur === 'object' && !Array.isArray(cur)) (cur as Record<string, Json>)[['extra', '__proto__', 'constructor', 'toString', 'id'][pick(5)]!] = HOSTILE[pick(HOSTILE.length)]!();
      break;
    case 'swap-container':
      root = setAt(root, p, Array.isArray(cur) ? Object.fromEntries(cur.map((v, i) => [String(i), v])) : cur && typeof cur === 'object' ? Object.values(cur) : [cur]);
      break;
    case 'duplicate-item':
      if (Array.isArray(cur) && cur.length) cur.push(JSON.parse(JSON.stringify(cur[pick(cur.length)])) as Json);
      break;
    case 'number-nudge':
      if (typeof cur === 'number') root = setAt(root, p, [cur + 1, cur - 1, -cur, cur * 1e6, Math.round(cur) + 0.5][pick(5)]!);
      break;
    case 'deep': {
      // Free-form JSON nested past any sensible depth (extensions, rehearsal details).
      const depth = [10, 64, 65, 500, 20_000][pick(5)]!;
      const nested = '{"x":'.repeat(depth) + '0' + '}'.repeat(depth);
      const obj = root as Record<string, Json>;
      obj.extensions = '__DEEP__';
      return { text: JSON.stringify(obj).replace('"__DEEP__"', nested), kind: `deep-${depth}` };
    }
  }
  return { text: JSON.stringify(root, null, pick(2) ? 2 : undefined), kind };
}
