/**
 * `blockplan frames FILE --out DIR [--frames all|0,3,7]`: write frames as BlockPlan displays them
 * at default settings (8-bit RGB PNG) to DIR/frame-0000.png, frame-0001.png, … (0-based).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { decodeFrame, openDicom, toRgba } from '../../dicom/index';
import { rgbaToRgb } from '../../deid/pixels';
import { createNodeCodecs } from '../node-codecs';
import { UsageError, type CliCommand, type CliIO } from '../types';
import { oneLine, readInput, reportWarnings } from './inspect';

const usage = `usage: blockplan frames FILE --out DIR [--frames all|0,3,7]

Writes each selected frame as it is displayed at default settings (window from the file, else the
frame's range) as an 8-bit RGB PNG: DIR/frame-0000.png, frame-0001.png, … (0-based frame numbers).
  --out DIR        output folder (created when missing)
  --frames LIST    'all' (default) or comma-separated 0-based frame numbers
Exit status: 0 all frames written, 1 the file or any frame failed, 2 usage error. Anything read
leniently is reported on stderr as one "warning: <file>: <what>" line each.`;

export function parseFrameList(spec: string): number[] | 'all' {
  if (spec === 'all') return 'all';
  const parts = spec.split(',');
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p.trim())) throw new UsageError(`--frames expects 'all' or comma-separated frame numbers, got '${spec}'`);
    out.push(Number(p.trim()));
  }
  return [...new Set(out)];
}

/** RGBA8 → RGB8 (PNG without alpha); shared with the de-identification re-encoder. */
export { rgbaToRgb };

export const frames: CliCommand = {
  summary: 'Write DICOM frames as displayed (8-bit RGB PNG)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    let out: string | undefined;
    let list: number[] | 'all' = 'all';
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--out') {
        out = args[++i];
        if (out === undefined || out === '') throw new UsageError('--out needs a folder');
      } else if (a === '--frames') {
        const v = args[++i];
        if (v === undefined) throw new UsageError('--frames needs a value');
        list = parseFrameList(v);
      } else if (a.startsWith('--out=')) out = a.slice(6);
      else if (a.startsWith('--frames=')) list = parseFrameList(a.slice(9));
      else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
      else files.push(a);
    }
    if (files.length !== 1) throw new UsageError(files.length === 0 ? 'no FILE given' : 'give exactly one FILE');
    if (!out) throw new UsageError('--out DIR is required');
    const file = files[0]!;
    const outDir = resolve(io.cwd, out);

    const input = await readInput(resolve(io.cwd, file));
    if (!input.ok) {
      io.err(`error: ${file}: ${input.reason}`);
      return 1;
    }
    const opened = openDicom(input.bytes);
    if (!opened.ok) {
      io.err(`error: ${file}: ${oneLine(opened.error.message)}`);
      return 1;
    }
    const img = opened.value;
    reportWarnings(io, file, img);
    const indices = list === 'all' ? Array.from({ length: img.frameCount }, (_, i) => i) : list;
    await mkdir(outDir, { recursive: true });
    const codecs = createNodeCodecs();
    let failed = 0;
    let written = 0;
    for (const i of indices) {
      const d = await decodeFrame(img, i, codecs);
      if (!d.ok) {
        failed++;
        io.err(`error: ${file}: ${oneLine(d.error.message)}`);
        continue;
      }
      const rgb = rgbaToRgb(toRgba(d.value));
      const png = encodePng({ width: d.value.width, height: d.value.height, data: rgb, channels: 3, depth: 8 });
      await writeFile(join(outDir, `frame-${String(i).padStart(4, '0')}.png`), png);
      written++;
    }
    io.out(`${file}: wrote ${written} of ${indices.length} frame(s) to ${outDir}`);
    return failed > 0 ? 1 : 0;
  },
};
