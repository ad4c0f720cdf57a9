import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, renameSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import type { MeasureRecord } from '../../../../core/cli/commands/measure';
import { clipFromFile, writeCaseFile } from '../../../../core/node/index';
import { createCase, executeCommand, type Case, type PlanCommand } from '../../../../core/plan/index';
import { dicomFixturesDir } from '../../../support/shared';

const repoRoot = resolve(__dirname, '../../../..');
const fixture = join(dicomFixturesDir(), 'pydicom-data/OBXXXX1A_2frame.dcm');

function capture(cwd = repoRoot): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd };
}

/** First item's value of a DICOM attribute, read by DCMTK (independent of our parser). */
function dcmdumpFirst(key: string): number {
  const out = execFileSync('dcmdump', ['+P', key, fixture], { encoding: 'utf8' });
  return Number(out.split('\n')[0]!.match(/\)\s+[A-Z]{2}\s+(\S+)/)![1]);
}

let dir: string;
let casePath: string;
let mmPerPx: number;
let y0: number;

beforeAll(async () => {
  // Region 0 of the fixture, as DCMTK reads it: the calibrated B-mode region.
  mmPerPx = dcmdumpFirst('PhysicalDeltaX') * 10;
  expect(dcmdumpFirst('PhysicalDeltaY') * 10).toBe(mmPerPx);
  expect(dcmdumpFirst('PhysicalUnitsXDirection')).toBe(3); // cm
  y0 = dcmdumpFirst('RegionLocationMinY0');
  dir = mkdtempSync(join(tmpdir(), 'bp-measure-'));
  mkdirSync(join(dir, 'clips'));
  copyFileSync(fixture, join(dir, 'clips', 'ob.dcm'));
  casePath = join(dir, 'ob.bpcase');
  const clip = await clipFromFile(casePath, join(dir, 'clips', 'ob.dcm'), { id: 'c', beam: { kind: 'linear' } });
  if (!clip.ok) throw new Error(clip.error.title);
  const cmds: PlanCommand[] = [
    { type: 'add-clip', clip: clip.value },
    { type: 'set-block', block: { templateId: 'femoral', side: 'left', level: null, approach: null } },
    { type: 'set-patient', patient: { name: 'Jane Q Testpatient', id: 'MRN-0042' } },
    { type: 'add-annotation', annotation: { id: 'l', clipId: 'c', kind: 'line', points: [{ x: 200, y: 100 }, { x: 500, y: 500 }], label: 'fascia iliaca', role: 'landmark', frameIndex: null } },
    // artery: circle r = 20 px centred 100 px right of the path's midpoint line
    { type: 'add-annotation', annotation: { id: 'art', clipId: 'c', kind: 'ellipse', points: [{ x: 430, y: 240 }, { x: 470, y: 280 }], label: 'femoral artery', role: 'at-risk', frameIndex: null } },
    { type: 'add-needle-path', path: { id: 'n', clipId: 'c', frameIndex: null, entry: { x: 200, y: 60 }, target: { x: 500, y: 460 }, mode: 'in-plane', label: 'planned' } },
    // Into the second (time-axis) region: cannot be calibrated
    { type: 'add-needle-path', path: { id: 'x', clipId: 'c', frameIndex: 1, entry: { x: 200, y: 100 }, target: { x: 300, y: 550 }, mode: 'in-plane' } },
  ];
  let plan: Case = createCase({ id: 'm', title: 'measure test', now: '2026-01-01T00:00:00.000Z' });
  for (const c of cmds) {
    const r = executeCommand(plan, c);
    if (!r.ok) throw new Error(`${c.type}: ${r.error.title}`);
    plan = r.value;
  }
  const saved = await writeCaseFile(casePath, plan);
  if (!saved.ok) throw new Error(saved.error.title);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('blockplan measure', () => {
  it('--json: lengths, depth and clearance in mm from the file calibration; cross-region path in px with the reason', async () => {
    const io = capture();
    expect(await main(['measure', casePath, '--json'], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    const rec = JSON.parse(io.stdout.join('\n')) as MeasureRecord;
    expect(rec.ok).toBe(true);
    expect(rec.case!.block.name).toBe('Femoral nerve block');
    const clip = rec.clips![0]!;
    const line = clip.annotations!.find((a) => a.id === 'l')!;
    expect(line.length!.unit).toBe('mm');
    expect(line.length!.value).toBeCloseTo(500 * mmPerPx, 9); // 3-4-5: hypot(300, 400) px
    const n = clip.needlePaths!.find((p) => p.id === 'n')!;
    expect(n.pathLength.value).toBeCloseTo(500 * mmPerPx, 9);
    expect(n.targetDepth.value).toBeCloseTo((460 - y0) * mmPerPx, 9); // below the region top
    expect(n.angleToSkin!.value).toBeCloseTo((Math.atan2(400, 300) * 180) / Math.PI, 9);
    // Circle centre (450, 260), radius 20 px; distance from the path's line: |250·4 − 200·3| / 5 = 80 px
    const art = n.clearances.find((c) => c.annotationId === 'art')!;
    expect(art.path.distance.unit).toBe('mm');
    expect(art.path.distance.value).toBeCloseTo((80 - 20) * mmPerPx, 6);
    const x = clip.needlePaths!.find((p) => p.id === 'x')!;
    expect(x.pathLength.unit).toBe('px');
    expect(x.pathLength.value).toBeCloseTo(Math.hypot(100, 450), 9);
    expect(x.pathLength.reason).toMatch(/different ultrasound regions|outside every calibrated/);
    // Patient details are never printed.
    expect(io.stdout.join('\n')).not.toMatch(/Testpatient|MRN-0042/);
  });

  it('text output names units and warnings; CASE is resolved against the working directory', async () => {
    const io = capture(dir);
    expect(await main(['measure', 'ob.bpcase'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain(`path length ${(500 * mmPerPx).toFixed(1)} mm`);
    expect(text).toContain('Block: Femoral nerve block, side left');
    expect(text).toMatch(/\[px\]|px \[/);
    expect(text).toMatch(/warning: Steep in-plane path/);
    expect(text).not.toMatch(/Testpatient|MRN-0042/);
  });

  it('errors: missing case, moved clip, changed clip → exit 1 with one error line; usage → exit 2', async () => {
    let io = capture();
    expect(await main(['measure', join(dir, 'none.bpcase')], io)).toBe(1);
    expect(io.stderr).toEqual([`error: ${join(dir, 'none.bpcase')}: The case file does not exist.`]);

    const clip = join(dir, 'clips', 'ob.dcm');
    renameSync(clip, clip + '.moved');
    io = capture();
    expect(await main(['measure', casePath], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]!.startsWith(`error: ${clip}: The clip file was not found (moved or renamed?)`)).toBe(true);
    const bytes = readFileSync(clip + '.moved');
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(clip, bytes);
    io = capture();
    expect(await main(['measure', casePath], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/has changed since it was added/);
    renameSync(clip + '.moved', clip);

    for (const args of [['measure'], ['measure', 'a', 'b'], ['measure', '--bogus', 'a']]) {
      io = capture();
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.stderr[0]).toMatch(/^error: /);
    }
  });

  it('runs as a real process through bin/blockplan.mjs', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/blockplan.mjs'), 'measure', casePath], { encoding: 'utf8', cwd: tmpdir() });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`path length ${(500 * mmPerPx).toFixed(1)} mm`);
    expect(r.stderr).toBe('');
  });
});
