import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { pointInEllipse, annotationEllipse } from '../../../../core/geometry/index';
import type { Case } from '../../../../core/plan/index';

const repoRoot = resolve(__dirname, '../../../..');
const SAMPLES = ['thoracic-paravertebral', 'celiac-plexus', 'ganglion-impar'] as const;

function capture(cwd = repoRoot): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd };
}

interface RehearseJson {
  score: number;
  maxScore: number;
  passed: boolean;
  tasks: { id: string; score: number; maxScore: number; details: unknown[] }[];
  targetErrorMm: number | null;
  angleErrorDeg: number | null;
  criticalErrors: { kind: string; structure: string | null }[];
}

async function run(args: string[]): Promise<{ code: number; json?: RehearseJson; io: ReturnType<typeof capture> }> {
  const io = capture();
  const code = await main(['rehearse', ...args], io);
  return { code, io, ...(args.includes('--json') && code === 0 ? { json: JSON.parse(io.stdout.join('')) as RehearseJson } : {}) };
}

let dir: string;
const samplePath = (n: string) => join(repoRoot, 'assets/samples', `${n}.bpcase`);
const readSample = (n: string) => JSON.parse(readFileSync(samplePath(n), 'utf8')) as Case;

/** Write an attempt beside a copy of the sample's clip (the attempt names the clip relative to itself). */
function writeAttempt(name: string, plan: Case): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(plan));
  return p;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bp-rehearse-'));
  for (const n of SAMPLES) copyFileSync(join(repoRoot, 'assets/samples', `${n}.dcm`), join(dir, `${n}.dcm`));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('blockplan rehearse', () => {
  it.each(SAMPLES)('%s with itself as the attempt: score == maxScore, no critical error', async (n) => {
    const { code, json } = await run([samplePath(n), '--attempt', samplePath(n), '--json']);
    expect(code).toBe(0);
    expect(json!.maxScore).toBeGreaterThan(0);
    expect(json!.score).toBe(json!.maxScore);
    expect(json!.passed).toBe(true);
    expect(json!.criticalErrors).toEqual([]);
    expect(json!.targetErrorMm).toBe(0);
    expect(json!.angleErrorDeg).toBe(0);
    expect(json!.tasks.map((t) => t.id)).toEqual(['find-view', 'identify-structures', 'plan-needle', 'block-details']);
    for (const t of json!.tasks) expect(t.score).toBe(t.maxScore);
  });

  it('paravertebral: the needle target moved into the pleura gives a critical error naming the pleura', async () => {
    const plan = readSample('thoracic-paravertebral');
    const pleura = plan.annotations.find((a) => a.structureId === 'parietal-pleura')!;
    const t = plan.needlePaths[0]!.target;
    // The pleural line below the target (nearest vertex in x), and 2 mm (13 px) deeper: into the pleura.
    const below = [...pleura.points].sort((a, b) => Math.abs(a.x - t.x) - Math.abs(b.x - t.x))[0]!;
    plan.needlePaths[0]!.target = { x: below.x, y: below.y + 13 };
    const { code, json, io } = await run([samplePath('thoracic-paravertebral'), '--attempt', writeAttempt('tpvb-pleura.bpcase', plan), '--json']);
    expect(code).toBe(0);
    expect(json!.criticalErrors).toContainEqual(expect.objectContaining({ kind: 'crosses-at-risk', structure: pleura.label }));
    expect(pleura.label).toMatch(/pleura/);
    expect(json!.passed).toBe(false);
    expect(json!.score).toBeLessThanOrEqual(json!.maxScore / 2);
    expect(io.stderr).toEqual([]);
  });

  it('celiac: the needle target moved into the aorta gives a critical error naming the aorta', async () => {
    const plan = readSample('celiac-plexus');
    const aorta = plan.annotations.find((a) => a.structureId === 'aorta')!;
    const centre = aorta.points[0]!;
    expect(pointInEllipse(centre, annotationEllipse(aorta.points)!)).toBe(true);
    plan.needlePaths[0]!.target = { ...centre };
    const { json } = await run([samplePath('celiac-plexus'), '--attempt', writeAttempt('celiac-aorta.bpcase', plan), '--json']);
    expect(json!.criticalErrors[0]).toMatchObject({ kind: 'crosses-at-risk', structure: 'aorta' });
    expect(json!.criticalErrors.map((c) => c.kind)).toContain('target-outside-target');
    // Text report: critical errors listed before the tasks.
    const text = await run([samplePath('celiac-plexus'), '--attempt', join(dir, 'celiac-aorta.bpcase')]);
    const out = text.io.stdout.join('\n');
    expect(out.indexOf('Critical errors')).toBeGreaterThan(0);
    expect(out.indexOf('Critical errors')).toBeLessThan(out.indexOf('Find the view'));
    expect(out).toContain('The path crosses aorta.');
    expect(out).toContain('doi.org/10.2147/AMEP.S128963');
  });

  it('the wrong side is a critical error', async () => {
    const plan = readSample('thoracic-paravertebral');
    plan.block.side = 'left';
    const { json } = await run([samplePath('thoracic-paravertebral'), '--attempt', writeAttempt('tpvb-left.bpcase', plan), '--json']);
    expect(json!.criticalErrors).toEqual([expect.objectContaining({ kind: 'wrong-side', structure: null })]);
  });

  it('usage and file errors: exit 2 without --attempt, 1 with a missing attempt or an attempt on another clip', async () => {
    expect((await run([samplePath('celiac-plexus')])).code).toBe(2);
    expect((await run(['--attempt', samplePath('celiac-plexus')])).code).toBe(2);
    const missing = await run([samplePath('celiac-plexus'), '--attempt', join(dir, 'nope.bpcase')]);
    expect(missing.code).toBe(1);
    expect(missing.io.stderr.join('')).toContain('nope.bpcase');
    const other = await run([samplePath('celiac-plexus'), '--attempt', samplePath('ganglion-impar')]);
    expect(other.code).toBe(1);
    expect(other.io.stderr.join('')).toMatch(/not on the teaching case's clip/);
  });

  it('a clip that cannot be read is named and the attempt is not scored', async () => {
    const plan = readSample('ganglion-impar');
    const casePath = join(dir, 'moved.bpcase');
    plan.clips[0]!.path = 'gone/ganglion-impar.dcm';
    writeFileSync(casePath, JSON.stringify(plan));
    const r = await run([casePath, '--attempt', casePath]);
    expect(r.code).toBe(1);
    expect(r.io.stderr.join('\n')).toContain('gone/ganglion-impar.dcm');
  });
});
