/**
 * A case that opens can always be saved (issue 12 item 7, schema half): free-form JSON (`extensions`,
 * rehearsal `details`) nested 20,000 deep parsed, then saving threw "Maximum call stack size
 * exceeded". Depth, count and file size are bounded when the file is read, with a message naming it.
 */
import { describe, expect, it } from 'vitest';
import { FREE_JSON_LIMITS, MAX_CASE_TEXT_CHARS, MAX_PIXEL_COORDINATE, parseCase, serializeCase } from '../../../../core/plan/index';
import { sampleCase } from './fixtures';

/** Case text whose `extensions.deep` is `depth` nested objects ({"x":{"x":…{}}}), written as text (no recursion). */
function nestedCaseText(depth: number, where: 'extensions' | 'details' = 'extensions'): string {
  const nested = '{"x":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
  const c = sampleCase() as unknown as Record<string, unknown>;
  const marker = '"__NESTED__"';
  if (where === 'extensions') c.extensions = { deep: '__NESTED__' };
  else c.rehearsal = { attempts: [{ id: 'r1', at: '2026-01-02T10:00:00.000Z', clipId: null, score: null, maxScore: null, details: { deep: '__NESTED__' } }] };
  return JSON.stringify(c).replace(marker, nested);
}

describe('free-form JSON in a case is bounded', () => {
  it('extensions nested 20,000 deep: refused on open, naming the file and the field (was: opened, then every save threw)', () => {
    const r = parseCase(nestedCaseText(20_000), '/cases/deep.bpcase');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('case/invalid');
    expect(r.error.file).toBe('/cases/deep.bpcase');
    expect(r.error.title).toBe(`The case file is invalid at extensions.deep.x.x: nests deeper than ${FREE_JSON_LIMITS.maxDepth} levels below here, more than a case can save.`);
  });

  it('rehearsal details are bounded the same way', () => {
    const r = parseCase(nestedCaseText(5_000, 'details'), 'r.bpcase');
    expect(!r.ok && r.error.title).toMatch(/^The case file is invalid at rehearsal\.attempts\[0\]\.details\.deep\.x\.x: nests deeper than/);
  });

  it('at the limit the case opens and saves back to the same text', () => {
    // extensions → deep → (limit − 1) objects: the innermost object sits at depth limit − 1.
    const text = nestedCaseText(FREE_JSON_LIMITS.maxDepth - 1);
    const r = parseCase(text, 'edge.bpcase');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.parse(serializeCase(r.value.plan))).toEqual(JSON.parse(text));
    expect(parseCase(nestedCaseText(FREE_JSON_LIMITS.maxDepth), 'over.bpcase').ok).toBe(false);
  });

  it('more values than the limit is refused', () => {
    const c = { ...sampleCase(), extensions: { many: new Array(FREE_JSON_LIMITS.maxValues).fill(0) } };
    const r = parseCase(JSON.stringify(c), 'many.bpcase');
    expect(!r.ok && r.error.title).toBe(`The case file is invalid at extensions: holds more than ${FREE_JSON_LIMITS.maxValues} values.`);
  });

  it('a file larger than any case is refused before it is parsed', () => {
    const r = parseCase(' '.repeat(MAX_CASE_TEXT_CHARS + 1), 'huge.bpcase');
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'case/too-large', file: 'huge.bpcase', title: expect.stringMatching(/too large to be a BlockPlan case \(64 MB; a case is at most 64 MB\)/) }) });
  });
});

describe('found by the case fuzz', () => {
  it('a point at ±1e308 px is refused (its lengths were Infinity and NaN); the bound is far outside any image', () => {
    const c = sampleCase();
    const far = { ...c, annotations: [{ ...c.annotations[0]!, points: [{ x: 0, y: 400 }, { x: 1e308, y: 420 }] }] };
    const r = parseCase(JSON.stringify(far), 'far.bpcase');
    expect(!r.ok && r.error.title).toBe(`The case file is invalid at annotations[0].points[1].x: Too big: expected number to be <=${MAX_PIXEL_COORDINATE}.`);
    const edge = { ...c, annotations: [{ ...c.annotations[0]!, points: [{ x: -MAX_PIXEL_COORDINATE, y: 400 }, { x: MAX_PIXEL_COORDINATE, y: 420 }] }] };
    expect(parseCase(JSON.stringify(edge), 'edge.bpcase').ok).toBe(true);
  });

  it('a missing field says "missing", not "received undefined"', () => {
    const c = JSON.parse(JSON.stringify(sampleCase())) as { clips: Record<string, unknown>[] };
    delete c.clips[0]!.rows;
    const r = parseCase(JSON.stringify(c), 'gap.bpcase');
    expect(!r.ok && r.error.title).toBe('The case file is invalid at clips[0].rows: missing (number required).');
  });
});
