/**
 * `blockplan inspect`: through main() (captured streams) and once as a real process
 * (`node bin/blockplan.mjs`), checked against dcmdump and the fixture manifest.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import { openDicom } from '../../../../core/dicom/index';
import type { CliIO } from '../../../../core/cli/types';
import { dcmdumpMeta, fixturesDir, readManifest, repoRoot, requireTools } from '../dicom/reference';

function openDicomWarnings(file: string): string[] {
  const o = openDicom(new Uint8Array(readFileSync(file)));
  return o.ok ? o.value.warnings : [];
}

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: repoRoot };
}

const KEYS = [
  'file', 'ok', 'sopClassUid', 'modality', 'transferSyntaxUid', 'rows', 'columns', 'frames', 'samplesPerPixel', 'photometricInterpretation',
  'bitsAllocated', 'bitsStored', 'planarConfiguration', 'frameTimeMs', 'frameTimeVectorMs', 'frameRateSource', 'regions',
];
const REGION_KEYS = ['x0', 'y0', 'x1', 'y1', 'spatialFormat', 'dataType', 'unitsX', 'unitsY', 'deltaX', 'deltaY', 'referencePixelX0', 'referencePixelY0'];

describe('blockplan inspect', () => {
  const rows = readManifest().filter((r) => r.usRegions > 0 || r.frames > 1);
  const files = rows.map((r) => join(fixturesDir, r.path));

  it('--json prints one object per file with the documented keys, matching dcmdump', async () => {
    requireTools(['dcmdump']);
    const io = capture();
    const code = await main(['inspect', '--json', ...files], io);
    expect(code).toBe(0);
    // No errors; what was read leniently (e.g. an assumed frame rate) is one warning line per item.
    const warned = files.flatMap((f) => openDicomWarnings(f).map((w) => `warning: ${f}: ${w}`));
    expect(warned.length).toBeGreaterThan(0);
    expect(io.stderr).toEqual(warned);
    const out = JSON.parse(io.stdout.join('\n')) as Record<string, unknown>[];
    expect(out).toHaveLength(files.length);
    out.forEach((rec, i) => {
      expect(Object.keys(rec).sort()).toEqual([...KEYS].sort());
      const dump = dcmdumpMeta(files[i]!);
      expect(rec.file).toBe(files[i]);
      expect(rec.ok).toBe(true);
      expect(rec.rows).toBe(dump.rows);
      expect(rec.columns).toBe(dump.columns);
      expect(rec.frames).toBe(dump.frames ?? 1);
      expect(rec.photometricInterpretation).toBe(dump.photometric);
      expect(rec.frameTimeMs).toBe(dump.frameTimeMs ?? null);
      expect(rec.frameTimeVectorMs).toEqual(dump.frameTimeVectorMs ?? null);
      const regions = rec.regions as Record<string, number | null>[];
      expect(regions).toHaveLength(dump.regions.length);
      regions.forEach((g, k) => {
        expect(Object.keys(g).sort()).toEqual([...REGION_KEYS].sort());
        const d = dump.regions[k]!;
        expect(g.deltaX).toBeCloseTo(d['0018602c']!, 12); // as stored, cm, sign kept
        expect(g.unitsX).toBe(d['00186024']);
        expect(g.referencePixelY0).toBe(d['00186022'] ?? null);
      });
    });
  });

  it('prints a readable table without --json and never the patient name or ID', async () => {
    const f = join(fixturesDir, 'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm');
    const dump = spawnSync('dcmdump', ['-q', '+P', '0010,0010', '+P', '0010,0020', f], { encoding: 'utf8' }).stdout;
    const values = [...dump.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!.trim()).filter((v) => v.length > 2);
    const io = capture();
    expect(await main(['inspect', f], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('768');
    expect(text).toMatch(/region 1: .* cm\/px/);
    for (const v of values) expect(text).not.toContain(v);
    const json = capture();
    await main(['inspect', '--json', f], json);
    for (const v of values) expect(json.stdout.join('\n')).not.toContain(v);
  });

  it('a failing file: exit 1, one "error: <file>: <reason>" line, still JSON for the others', async () => {
    const good = join(fixturesDir, 'pydicom-data/OBXXXX1A.dcm');
    const io = capture();
    const code = await main(['inspect', '--json', good, 'package.json', 'no-such-file.dcm'], io);
    expect(code).toBe(1);
    expect(io.stderr).toHaveLength(2);
    expect(io.stderr[0]).toMatch(/^error: package\.json: This is not a DICOM file/);
    expect(io.stderr[1]).toBe('error: no-such-file.dcm: no such file');
    const out = JSON.parse(io.stdout.join('\n')) as { ok: boolean; error?: string }[];
    expect(out.map((r) => r.ok)).toEqual([true, false, false]);
    expect(out[1]!.error).toMatch(/not a DICOM file/);
  });

  it('usage errors exit 2', async () => {
    expect(await main(['inspect'], capture())).toBe(2);
    expect(await main(['inspect', '--bogus', 'x.dcm'], capture())).toBe(2);
  });

  it('runs as a real process: node bin/blockplan.mjs (exit codes and stderr format)', () => {
    const good = join(fixturesDir, 'dbdicom/US-PAL-8-11x-echo_0020.dcm');
    const r = spawnSync(process.execPath, ['bin/blockplan.mjs', 'inspect', '--json', good], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rec = (JSON.parse(r.stdout) as Record<string, unknown>[])[0]!;
    expect(rec.frames).toBe(11);
    expect(rec.frameTimeMs).toBe(62.727272);
    expect(rec.frameRateSource).toBe('frame-time');
    const bad = spawnSync(process.execPath, ['bin/blockplan.mjs', 'inspect', 'package.json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^error: package\.json: /);
    expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    const usage = spawnSync(process.execPath, ['bin/blockplan.mjs', 'inspect'], { cwd: repoRoot, encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});
