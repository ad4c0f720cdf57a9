/**
 * Independent references for the DICOM writer and the sample clips: Debian's DCMTK (dciodvfy is from
 * David Clunie's dicom3tools). Tests fail — never skip — when a tool is missing.
 *
 * Decoding: DCMTK 3.6.7's dcm2pnm has no JPEG codec (dcmj2pnm has), so frames are decompressed with
 * `dcmdjpeg` (DCMTK's IJG libjpeg) and then rendered by `dcm2pnm --all-frames` to 8-bit PGM/PPM.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function requireTools(names: readonly string[]): void {
  const missing = names.filter((n) => spawnSync('sh', ['-c', `command -v ${n}`]).status !== 0);
  if (missing.length) throw new Error(`Missing reference tools: ${missing.join(', ')}. Install them: apt-get install dcmtk dicom3tools`);
}

/** dciodvfy's findings: lines starting with "Error" and "Warning". */
export function dciodvfy(file: string): { errors: string[]; warnings: string[]; output: string } {
  const r = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const lines = output.split('\n');
  return { errors: lines.filter((l) => /^\s*Error/.test(l)), warnings: lines.filter((l) => /^\s*Warning/.test(l)), output };
}

export function dcmdump(file: string, extra: string[] = []): string {
  return execFileSync('dcmdump', [...extra, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Value of the first dcmdump line for `tag` ("(0018,1063)"), without brackets, or undefined. */
export function dumpValue(dump: string, tag: string): string | undefined {
  const line = dump.split('\n').find((l) => l.trim().toLowerCase().startsWith(tag.toLowerCase()));
  if (!line) return undefined;
  const m = /^\s*\([0-9a-f,]+\)\s+\w\w\s+(\[([^\]]*)\]|(\S[^#]*?))\s+#/i.exec(line);
  if (!m) return undefined;
  return (m[2] ?? m[3] ?? '').trim();
}

export interface PnmImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/** Parse binary PGM (P5) / PPM (P6) with maxval 255. */
export function parsePnm(b: Uint8Array): PnmImage {
  let pos = 0;
  const tokens: string[] = [];
  const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
  while (tokens.length < 4) {
    while (pos < b.length && isSpace(b[pos]!)) pos++;
    if (b[pos] === 0x23) {
      while (pos < b.length && b[pos] !== 0x0a) pos++;
      continue;
    }
    let t = '';
    while (pos < b.length && !isSpace(b[pos]!)) t += String.fromCharCode(b[pos++]!);
    tokens.push(t);
  }
  pos++;
  const [magic, w, h, maxval] = tokens;
  if ((magic !== 'P5' && magic !== 'P6') || maxval !== '255') throw new Error(`unsupported PNM ${magic} maxval ${maxval}`);
  const channels = magic === 'P5' ? 1 : 3;
  const width = Number(w),
    height = Number(h);
  return { width, height, channels, data: b.subarray(pos, pos + width * height * channels) };
}

/**
 * Decompress `file` with dcmdjpeg and render every frame with dcm2pnm into `dir`; returns a reader
 * for frame i (0-based).
 */
export function decodeAllFrames(file: string, dir: string): { count: number; frame: (i: number) => PnmImage } {
  const raw = join(dir, 'raw.dcm');
  execFileSync('dcmdjpeg', [file, raw]);
  execFileSync('dcm2pnm', ['--all-frames', raw, join(dir, 'f')]);
  const files = readdirSync(dir).filter((f) => /^f\.\d+\.p[gp]m$/.test(f));
  const byIndex = new Map(files.map((f) => [Number(f.split('.')[1]), f]));
  return {
    count: files.length,
    frame: (i) => {
      const f = byIndex.get(i);
      if (!f) throw new Error(`dcm2pnm wrote no frame ${i} (${files.length} frames)`);
      return parsePnm(new Uint8Array(readFileSync(join(dir, f))));
    },
  };
}
