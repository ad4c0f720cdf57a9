import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { openDicom } from '../../../../core/dicom/index';
import { measurementSpace } from '../../../../core/dicom/calibration';
import { dciodvfyErrors } from '../notes/tools';

/**
 * `blockplan scan --out FILE.dcm`: a simulated sweep or needle advance saved as a calibrated DICOM
 * US multi-frame clip, checked with dicom3tools (dciodvfy), DCMTK (dcmdump, dcmj2pnm) and BlockPlan's
 * own reader, as any clip the 2D viewer opens.
 */
const repoRoot = resolve(__dirname, '../../../..');
const tpvb = join(repoRoot, 'assets/samples/thoracic-paravertebral.bpcase');
const dir = mkdtempSync(join(tmpdir(), 'bp-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: repoRoot };
}
const dcmdump = (key: string, file: string) => execFileSync('dcmdump', ['+P', key, file], { encoding: 'utf8' }).split('\n')[0]!.match(/\)\s+[A-Z]{2}\s+\[?([^\]\s]+)/)![1]!;
/** A frame (1-based) decoded by DCMTK, as grey bytes. */
function dcmtkFrame(file: string, frame: number): { width: number; height: number; data: Uint8Array } {
  const png = join(dir, `f${frame}.png`);
  execFileSync('dcmj2pnm', ['--write-png', '--frame', String(frame), file, png]);
  const img = decode(readFileSync(png));
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0; i < data.length; i++) data[i] = (img.data as Uint8Array)[i * img.channels]!;
  return { width: img.width, height: img.height, data };
}

describe('blockplan scan --out FILE.dcm', () => {
  it('saves a sweep as a calibrated US multi-frame clip: dciodvfy clean, mm per px and probe face as in the JSON, readable by BlockPlan', async () => {
    const out = join(dir, 'sweep.dcm');
    const io = capture();
    const status = await main(['scan', tpvb, '--out', out, '--frames', '6', '--sweep', '10', '--size', '320x240', '--json'], io);
    expect(status, io.stderr.join('\n')).toBe(0);
    const j = JSON.parse(io.stdout.join('\n')) as { image: { frames: number; columns: number; rows: number; mmPerPx: number; originPx: { x: number; y: number } } };
    expect(j.image.frames).toBe(6);

    const v = dciodvfyErrors(out);
    expect(v.errors, v.all).toEqual([]);
    expect(v.all).not.toMatch(/^Warning/m);

    // DCMTK reads the calibration: cm per px, reference pixel at the probe face.
    expect(dcmdump('NumberOfFrames', out)).toBe('6');
    expect(dcmdump('Modality', out)).toBe('US');
    expect(Number(dcmdump('PhysicalDeltaX', out)) * 10).toBeCloseTo(j.image.mmPerPx, 9);
    expect(Number(dcmdump('PhysicalDeltaY', out)) * 10).toBeCloseTo(j.image.mmPerPx, 9);
    expect(Number(dcmdump('RegionLocationMinX0', out)) + Number(dcmdump('ReferencePixelX0', out))).toBe(j.image.originPx.x);
    expect(dcmdump('PatientName', out)).toBe('SIMULATED^ATLAS');

    // BlockPlan's reader: a calibrated clip in mm, so the 2D tools measure on it.
    const opened = openDicom(new Uint8Array(readFileSync(out)), { fileName: 'sweep.dcm' });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.frameCount).toBe(6);
    const space = measurementSpace([{ x: 160, y: 100 }, { x: 170, y: 150 }], opened.value.calibration);
    expect(space.unit).toBe('mm');
    if (space.unit === 'mm') expect(space.mmPerPxX).toBeCloseTo(j.image.mmPerPx, 6);

    // The sweep moves: the first and last frames differ, consecutive frames look alike.
    const f1 = dcmtkFrame(out, 1), f2 = dcmtkFrame(out, 2), f6 = dcmtkFrame(out, 6);
    const mad = (a: Uint8Array, b: Uint8Array) => a.reduce((s, x, i) => s + Math.abs(x - b[i]!), 0) / a.length;
    expect(mad(f1.data, f6.data)).toBeGreaterThan(mad(f1.data, f2.data));
  });

  it('saves the needle advancing along the plan with the probe held: the shaft grows from frame to frame', async () => {
    const out = join(dir, 'needle.dcm');
    const io = capture();
    const status = await main(['scan', tpvb, '--out', out, '--frames', '4', '--needle', '--size', '320x240', '--json'], io);
    expect(status, io.stderr.join('\n')).toBe(0);
    const j = JSON.parse(io.stdout.join('\n')) as { needleInPlane: boolean; image: { mmPerPx: number } };
    expect(j.needleInPlane).toBe(true);
    expect(dciodvfyErrors(out).errors).toEqual([]);
    // Frame 1 has the tip at the skin (no shaft yet): count the pixels each later frame brightens.
    const frames = [1, 2, 3, 4].map((k) => dcmtkFrame(out, k).data);
    const lit = frames.map((f) => f.reduce((s, x, i) => s + (x > frames[0]![i]! + 40 ? 1 : 0), 0));
    expect(lit[1]!).toBeGreaterThan(20);
    expect(lit[2]!).toBeGreaterThan(lit[1]! * 1.3);
    expect(lit[3]!).toBeGreaterThan(lit[2]! * 1.2);
  });

  it('refuses clip options without a .dcm output, and an off-plane needle advance, with a clear message', async () => {
    const a = capture();
    expect(await main(['scan', tpvb, '--out', join(dir, 'x.png'), '--frames', '5'], a)).toBe(2);
    expect(a.stderr.join('\n')).toMatch(/--out FILE\.dcm/);
    const b = capture();
    expect(await main(['scan', tpvb, '--out', join(dir, 'y.dcm'), '--frames', '1'], b)).toBe(1);
    expect(b.stderr.join('\n')).toMatch(/2–600 frames/);
  });
});
