import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import type { MeasureRecord } from '../../../../core/cli/commands/measure';
import { normalise, pdfText, run } from '../notes/tools';

/**
 * Issue 20 item 1, done-when: `blockplan measure --json` on the thoracic paravertebral sample with its
 * region spacing multiplied by 10 (case hash updated) reports `implausible-depth`; on the unmodified
 * sample it reports none of the plausibility codes. The clip is changed by DCMTK's dcmodify and read
 * back by dcmdump, independent of our parser.
 */
const repoRoot = resolve(__dirname, '../../../..');
const sample = join(repoRoot, 'assets/samples/thoracic-paravertebral');
const PLAUSIBILITY = ['implausible-depth', 'needle-too-short', 'implausible-calibration'];

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: tmpdir() };
}

async function measure(casePath: string): Promise<MeasureRecord> {
  const io = capture();
  expect(await main(['measure', casePath, '--json'], io), io.stderr.join('\n')).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as MeasureRecord;
}

const dcmdump = (key: string, file: string) => Number(execFileSync('dcmdump', ['+P', key, file], { encoding: 'utf8' }).split('\n')[0]!.match(/\)\s+[A-Z]{2}\s+(\S+)/)![1]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bp-plausible-'));
  const clip = join(dir, 'thoracic-paravertebral.dcm');
  copyFileSync(`${sample}.dcm`, clip);
  const delta = dcmdump('PhysicalDeltaX', clip);
  execFileSync('dcmodify', ['-nb', '-m', `(0018,6011)[0].(0018,602c)=${delta * 10}`, '-m', `(0018,6011)[0].(0018,602e)=${delta * 10}`, clip]);
  expect(dcmdump('PhysicalDeltaY', clip)).toBeCloseTo(delta * 10, 12);
  const bytes = readFileSync(clip);
  const plan = JSON.parse(readFileSync(`${sample}.bpcase`, 'utf8')) as { clips: { sha256: string; byteLength: number }[] };
  plan.clips[0]!.sha256 = createHash('sha256').update(bytes).digest('hex');
  plan.clips[0]!.byteLength = statSync(clip).size;
  writeFileSync(join(dir, 'spacing-x10.bpcase'), JSON.stringify(plan, null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('blockplan measure: plausibility guard', () => {
  it('the unmodified TPVB sample — and every other sample — raises no plausibility warning', async () => {
    const cases = readdirSync(dirname(sample)).filter((f) => f.endsWith('.bpcase'));
    expect(cases.length).toBeGreaterThanOrEqual(7);
    for (const c of cases) {
      const rec = await measure(join(dirname(sample), c));
      const n = rec.clips![0]!.needlePaths![0]!;
      expect(n.targetDepth.unit, c).toBe('mm');
      expect(n.warnings.map((w) => w.code).filter((x) => PLAUSIBILITY.includes(x)), c).toEqual([]);
    }
  }, 60_000);

  it('region spacing ×10: implausible-depth (depth and path), needle-too-short and implausible-calibration', async () => {
    const before = (await measure(`${sample}.bpcase`)).clips![0]!.needlePaths![0]!;
    const rec = await measure(join(dir, 'spacing-x10.bpcase'));
    expect(rec.ok).toBe(true);
    const n = rec.clips![0]!.needlePaths![0]!;
    // Ten times the scale: ten times every length (hand check against the unmodified sample).
    expect(n.targetDepth.value).toBeCloseTo(before.targetDepth.value * 10, 6);
    expect(n.pathLength.value).toBeCloseTo(before.pathLength.value * 10, 6);
    const codes = n.warnings.map((w) => w.code);
    expect(codes).toContain('implausible-depth');
    // Template: typical depth 55 mm [S6] → flagged above 82.5 mm; longest needle 100 mm → above 150 mm.
    const depth = n.warnings.find((w) => w.code === 'implausible-depth' && w.about === 'target-depth')!;
    expect(depth.message).toContain('(55.0 mm [S6]; flagged above 82.5 mm)');
    const path = n.warnings.find((w) => w.code === 'implausible-depth' && w.about === 'path-length')!;
    expect(path.message).toContain('(100.0 mm [S3, S5]; flagged above 150.0 mm)');
    // The worked note records an 80 mm needle; the path is now ~615 mm.
    expect(codes).toContain('needle-too-short');
    // Region rows 20–479 (dcmdump) × 1.5 mm/px = 690 mm > 300 mm.
    const rows = dcmdump('RegionLocationMaxY1', join(dir, 'thoracic-paravertebral.dcm')) - dcmdump('RegionLocationMinY0', join(dir, 'thoracic-paravertebral.dcm')) + 1;
    const cal = n.warnings.find((w) => w.code === 'implausible-calibration')!;
    expect(cal.message).toContain(`${(rows * dcmdump('PhysicalDeltaY', join(dir, 'thoracic-paravertebral.dcm')) * 10).toFixed(1)} mm deep (${rows} rows`);
  });
});

describe('the exported note states the plausibility warnings as warnings BlockPlan showed, in all five formats', () => {
  const read: Record<string, (file: string) => string> = {
    pdf: (f) => pdfText(f),
    md: (f) => readFileSync(f, 'utf8'),
    html: (f) => readFileSync(f, 'utf8').replace(/<[^>]+>/g, ' '),
    sr: (f) => run('dsrdump', ['-Ph', '+Pl', f]).stdout,
    fhir: (f) => JSON.stringify(JSON.parse(readFileSync(f, 'utf8'))),
  };
  for (const format of ['pdf', 'md', 'html', 'sr', 'fhir']) {
    it(format, async () => {
      const out = join(dir, `note.${format}`);
      const io = capture();
      expect(await main(['note', join(dir, 'spacing-x10.bpcase'), '--format', format, '--out', out, '--generated-at', '2026-01-01T00:00:00Z', '--confirm-side', 'right'], io), io.stderr.join('\n')).toBe(0);
      const text = normalise(read[format]!(out));
      expect(text).toMatch(/Warnings? BlockPlan showed/);
      for (const w of ['Implausible depth: the target is', 'Implausible path length:', 'Needle too short:', 'Implausible calibration:']) expect(text, w).toContain(w);
    }, 60_000);
  }
});
