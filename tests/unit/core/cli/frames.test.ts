/**
 * `blockplan frames`: PNGs written as displayed at default settings, compared with DCMTK's
 * rendering (dcm2pnm) of the same frames.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { fixturesDir, referenceDecode, repoRoot, requireTools } from '../dicom/reference';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: repoRoot };
}

const tmp = mkdtempSync(join(tmpdir(), 'bp-frames-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('blockplan frames', () => {
  it('writes frame-NNNN.png (0-based) as 8-bit RGB equal to DCMTK within ±1', async () => {
    requireTools(['gdcmconv', 'dcm2pnm', 'dcmdump']);
    const file = join(fixturesDir, 'wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm');
    const out = join(tmp, 'pal');
    const io = capture();
    expect(await main(['frames', file, '--out', out, '--frames', '0,3,9'], io)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['frame-0000.png', 'frame-0003.png', 'frame-0009.png']);
    const ref = referenceDecode(file, '1.2.840.10008.1.2.5', { mono: false, hasWindow: false });
    for (const i of [0, 3, 9]) {
      const png = decodePng(readFileSync(join(out, `frame-${String(i).padStart(4, '0')}.png`)));
      expect([png.width, png.height, png.channels, png.depth]).toEqual([600, 430, 3, 8]);
      const r = ref.frames[i]!;
      let max = 0;
      for (let k = 0; k < png.data.length; k++) max = Math.max(max, Math.abs(png.data[k]! - r.data[k]!));
      expect(max).toBeLessThanOrEqual(1);
    }
  });

  it('--frames all (default) writes every frame; grayscale is written as RGB', async () => {
    const file = join(fixturesDir, 'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm');
    const out = join(tmp, 'mono');
    expect(await main(['frames', file, '--out', out], capture())).toBe(0);
    const png = decodePng(readFileSync(join(out, 'frame-0000.png')));
    expect(png.channels).toBe(3);
  });

  it('a frame that does not exist or cannot be decoded: exit 1 with one error line each, the rest written', async () => {
    const file = join(fixturesDir, 'fo-dicom/multiframe.dcm');
    const out = join(tmp, 'mf');
    const io = capture();
    expect(await main(['frames', file, '--out', out, '--frames', '0,13,500'], io)).toBe(1);
    // The file gives no frame rate: one warning line, then one error line per failed frame.
    expect(io.stderr).toHaveLength(3);
    expect(io.stderr[0]).toBe(`warning: ${file}: The file gives no frame rate; 30 frames/s is assumed.`);
    for (const l of io.stderr.slice(1)) expect(l.startsWith(`error: ${file}: `)).toBe(true);
    expect(io.stderr[1]).toMatch(/Frame 14 of 140 \(index 13\)/);
    expect(io.stderr[2]).toMatch(/no frame at index 500: the clip has 140 frame\(s\)/);
    expect(existsSync(join(out, 'frame-0000.png'))).toBe(true);
  });

  it('usage errors exit 2', async () => {
    const f = join(fixturesDir, 'pydicom-data/OBXXXX1A.dcm');
    expect(await main(['frames', f], capture())).toBe(2);
    expect(await main(['frames', '--out', tmp], capture())).toBe(2);
    expect(await main(['frames', f, '--out', tmp, '--frames', '1-3'], capture())).toBe(2);
    expect(await main(['frames', f, f, '--out', tmp], capture())).toBe(2);
  });

  it('a non-DICOM input: exit 1', async () => {
    const io = capture();
    expect(await main(['frames', 'package.json', '--out', join(tmp, 'x')], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/^error: package\.json: /);
  });
});
