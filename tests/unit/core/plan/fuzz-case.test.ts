/**
 * Fuzz: case files (.bpcase). Mutants of real cases (the shipped samples, the test case, a v1 draft
 * file) — damaged text and hostile values anywhere in well-formed JSON. Each must open or fail with
 * an AppError that names the file and says what is wrong; a case that opens must save, read back the
 * same, and measure to finite numbers. Nothing may throw. Seeded: a failure names its case number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../../../core/dicom/calibration';
import { measureClip, parseCase, serializeCase } from '../../../../core/plan/index';
import { repoRoot } from '../dicom/reference';
import { rng } from '../dicom/fuzz-mutate';
import { sampleCase } from './fixtures';
import { mutateCaseText } from './fuzz-json';

const CASES = 2000;
const CODES = ['case/damaged-json', 'case/not-a-case', 'case/bad-version', 'case/newer-version', 'case/unsupported-version', 'case/invalid', 'case/too-large'];

const v1 = JSON.stringify({
  schemaVersion: 1, id: 'old-1', title: 'Impar', created: '2025-05-01T09:00:00Z', modified: '2025-05-01T09:30:00+02:00', blockId: 'ganglion-impar', side: 'M', level: 'SCJ',
  clips: [{ id: 'k', file: 'data\\impar.dcm', sopInstanceUid: '1.2.3', sha256: 'ab'.repeat(32), frames: 40, width: 640, height: 480 }],
  annotations: [{ id: 'r', clip: 'k', type: 'polygon', pts: [[10, 10], [20, 10], [20, 30]], label: 'Rectum', role: 'danger', frame: null }],
  needle: { clip: 'k', frame: 12, entry: [300, 40], target: [300, 200], inPlane: false },
});
const sample = (name: string) => readFileSync(join(repoRoot, 'assets/samples', `${name}.bpcase`), 'utf8');
/** Seeds, the small ones more often (the celiac sample takes ~15 ms to validate). */
const SEEDS: { name: string; text: string; weight: number }[] = [
  { name: 'test case', text: serializeCase(sampleCase()), weight: 12 },
  { name: 'v1 draft', text: v1, weight: 6 },
  { name: 'ganglion-impar sample', text: sample('ganglion-impar'), weight: 6 },
  { name: 'thoracic-paravertebral sample', text: sample('thoracic-paravertebral'), weight: 2 },
  { name: 'celiac-plexus sample', text: sample('celiac-plexus'), weight: 1 },
];
const WHEEL = SEEDS.flatMap((s) => new Array<typeof s>(s.weight).fill(s));

/** A calibration in mm for every clip, so measurements run their mm paths. */
const CAL: Calibration = { regions: [{ index: 0, x0: 0, y0: 0, x1: 2000, y1: 2000, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.01 }] };

function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) for (const x of v) numbers(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numbers(x, out);
  return out;
}

describe('fuzz: mutated case files open or fail with a clear message, never throw', () => {
  it(`${CASES} mutants`, { timeout: 120_000 }, () => {
    for (const s of SEEDS) expect(parseCase(s.text, s.name).ok, s.name).toBe(true);
    const r = rng(20261207);
    const stats = { opened: 0, refused: 0, saved: 0, measured: 0 };
    const byCode = new Map<string, number>();
    const byKind = new Map<string, number>();
    const msBySeed = new Map<string, number>();
    const failures: string[] = [];
    const t0 = performance.now();
    for (let c = 0; c < CASES; c++) {
      const seed = WHEEL[Math.floor(r() * WHEEL.length)]!;
      const { text, kind } = mutateCaseText(seed.text, r);
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      const file = `mutant-${c}.bpcase`;
      const where = `case ${c} (${seed.name}, ${kind})`;
      const tc = performance.now();
      try {
        const p = parseCase(text, file);
        if (!p.ok) {
          stats.refused++;
          byCode.set(p.error.code, (byCode.get(p.error.code) ?? 0) + 1);
          const e = p.error;
          if (!CODES.includes(e.code) || e.file !== file || !e.title || /undefined|\[object Object\]|NaN/.test(e.title)) failures.push(`${where}: unclear error ${JSON.stringify(e).slice(0, 300)}`);
          continue;
        }
        stats.opened++;
        // A case that opens can be saved, and reads back as the same case.
        const saved = serializeCase(p.value.plan);
        stats.saved++;
        const back = parseCase(saved, file);
        if (!back.ok) failures.push(`${where}: saved text does not open again: ${back.error.title}`);
        else if (serializeCase(back.value.plan) !== saved) failures.push(`${where}: saving the re-opened case gives other text`);
        // Its measurements are finite numbers (px or mm), whatever the values.
        for (const clip of p.value.plan.clips) {
          const bad = numbers(measureClip(p.value.plan, clip.id, CAL)).filter((n) => !Number.isFinite(n));
          if (bad.length) failures.push(`${where}: clip ${clip.id} measures to ${bad.slice(0, 3).join(', ')}`);
          stats.measured++;
        }
      } catch (e) {
        failures.push(`${where}: threw ${e instanceof Error ? (e.stack ?? e.message).slice(0, 500) : String(e)}`);
      } finally {
        msBySeed.set(seed.name, (msBySeed.get(seed.name) ?? 0) + performance.now() - tc);
      }
    }
    const ms = performance.now() - t0;
    console.log(
      `fuzz (case files): ${CASES} mutants of ${SEEDS.length} cases in ${(ms / 1000).toFixed(1)} s: ${stats.opened} opened (all saved and re-read), ` +
        `${stats.measured} clips measured, ${stats.refused} refused (${[...byCode].map(([k, v]) => `${k} ${v}`).join(', ')}); kinds: ${[...byKind].map(([k, v]) => `${k} ${v}`).join(', ')}; ms by seed: ${[...msBySeed].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    // Both outcomes must be exercised in earnest, and the schema (not only JSON.parse) must be reached.
    expect(stats.opened).toBeGreaterThan(CASES / 5);
    expect(stats.refused).toBeGreaterThan(CASES / 5);
    expect(byCode.get('case/invalid') ?? 0).toBeGreaterThan(CASES / 10);
    expect(byCode.get('case/damaged-json') ?? 0).toBeGreaterThan(CASES / 20);
  });
});
