/**
 * Independent reference decodes for the conformance test, made with Debian's DCMTK, GDCM and
 * OpenJPEG tools (never with our own code):
 *   - `gdcmconv --raw` (or DCMTK's dcmdjpeg/dcmdrle/dcmdjpls when GDCM refuses a file), then
 *     `dcm2pnm --all-frames` → 8-bit PPM/PGM per frame, as DCMTK displays it;
 *   - HTJ2K (GDCM 3.0.21 and DCMTK 3.6.7 cannot decode it): the codestream fragments written by
 *     `dcmdump +W`, decoded by OpenJPEG's `opj_decompress` (package libopenjp2-tools);
 *   - `dcmdump` text for metadata.
 * Results are cached by file hash under node_modules/.cache (the tools are slow on big clips).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dicomFixturesDir } from '../../../support/shared';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const fixturesDir = dicomFixturesDir();
const CACHE = join(repoRoot, 'node_modules/.cache/blockplan-dicom-ref-v2');

export const TOOLS = ['dcmdump', 'dcm2pnm', 'gdcmconv', 'dcmdjpeg', 'dcmdrle', 'dcmdjpls', 'opj_decompress', 'djpeg'] as const;

/** Throw (fail, never skip) when a Debian tool the test needs is missing. */
export function requireTools(names: readonly string[] = TOOLS): void {
  const missing = names.filter((n) => spawnSync('sh', ['-c', `command -v ${n}`]).status !== 0);
  if (missing.length) {
    throw new Error(
      `Missing reference tools: ${missing.join(', ')}. Install them: apt-get install dcmtk libgdcm-tools libopenjp2-tools libjpeg-turbo-progs`,
    );
  }
}

export interface ManifestRow {
  path: string;
  transferSyntax: string;
  photometric: string;
  frames: number;
  usRegions: number;
}

export function readManifest(): ManifestRow[] {
  const lines = readFileSync(join(fixturesDir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const head = lines[0]!.split('\t');
  const col = (name: string) => head.indexOf(name);
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return {
      path: c[col('path')]!,
      transferSyntax: c[col('transfer_syntax')]!,
      photometric: c[col('photometric')]!,
      frames: Number(c[col('frames')]),
      usRegions: Number(c[col('us_regions')]),
    };
  });
}

export interface PnmImage {
  width: number;
  height: number;
  channels: 1 | 3;
  maxval: number;
  data: Uint8Array;
}

export function parsePnm(b: Uint8Array): PnmImage {
  let pos = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (pos < b.length && /\s/.test(String.fromCharCode(b[pos]!))) pos++;
    if (b[pos] === 0x23) {
      while (pos < b.length && b[pos] !== 0x0a) pos++;
      continue;
    }
    let t = '';
    while (pos < b.length && !/\s/.test(String.fromCharCode(b[pos]!))) t += String.fromCharCode(b[pos++]!);
    tokens.push(t);
  }
  pos++; // single whitespace after maxval
  const [magic, w, h, mv] = tokens;
  if (magic !== 'P5' && magic !== 'P6') throw new Error(`not a binary PNM: ${magic}`);
  const maxval = Number(mv);
  if (maxval > 255) throw new Error('16-bit PNM not expected');
  const channels = magic === 'P6' ? 3 : 1;
  const n = Number(w) * Number(h) * channels;
  return { width: Number(w), height: Number(h), channels, maxval, data: b.subarray(pos, pos + n) };
}

function run(cmd: string, args: string[], cwd: string): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export interface Reference {
  /** How the reference was made. */
  via: string;
  /** One display-ready frame per decoded frame (index = frame number). */
  frames: PnmImage[];
  /** Raw stored pixel bytes of the uncompressed (GDCM/DCMTK) file, all frames, and its layout. */
  rawPixels?: Uint8Array;
  rawPhotometric?: string;
  rawPlanar?: number;
}

/** JPEG codestreams (one per frame) from the fragments `dcmdump +W` writes; native icons are skipped. */
function jpegFramesFromDump(dir: string): Buffer[] {
  const files = readdirSync(dir)
    .map((n) => ({ n, i: Number(/\.(\d+)\.raw$/.exec(n)?.[1]) }))
    .filter((x) => Number.isInteger(x.i))
    .sort((a, b) => a.i - b.i);
  const frames: Buffer[][] = [];
  let inPixelData = false;
  for (const f of files) {
    const b = readFileSync(join(dir, f.n));
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xd8) {
      frames.push([b]);
      inPixelData = true;
    } else if (inPixelData && b.length > 0) frames[frames.length - 1]!.push(b);
  }
  return frames.map((parts) => Buffer.concat(parts));
}

/**
 * For lossy JPEG with Photometric Interpretation RGB: does the codestream itself say YCbCr
 * (a JFIF marker, or subsampled chroma)? Decided by libjpeg-turbo's `djpeg -verbose`, not our code.
 * GDCM and DCMTK follow the DICOM attribute and skip the colour conversion in that case.
 */
export function jpegSaysYcbcr(file: string): boolean {
  const work = join(tmpdir(), `bp-jfif-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  try {
    execFileSync('dcmdump', ['-q', '+W', work, file], { stdio: 'ignore' });
    const first = jpegFramesFromDump(work)[0];
    if (!first) return false;
    writeFileSync(join(work, 'f.jpg'), first);
    const r = spawnSync('djpeg', ['-verbose', '-outfile', '/dev/null', join(work, 'f.jpg')], { encoding: 'utf8' });
    const text = r.stderr ?? '';
    return /JFIF APP0 marker/.test(text) || /Component \d+: (?:[2-4]hx\dv|\dhx[2-4]v)/.test(text);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const DCMTK_DECOMPRESSOR: Record<string, string> = {
  '1.2.840.10008.1.2.5': 'dcmdrle',
  '1.2.840.10008.1.2.4.80': 'dcmdjpls',
  '1.2.840.10008.1.2.4.81': 'dcmdjpls',
};

/**
 * Reference frames for a fixture. `mono` selects dcm2pnm's VOI: `+Wi 1` (the file's first window)
 * when the file has one, else `+Wm` (min-max window) — the same defaults as our toRgba.
 */
export function referenceDecode(file: string, ts: string, opts: { mono: boolean; hasWindow: boolean; djpeg?: boolean }): Reference {
  const bytes = readFileSync(file);
  const key = createHash('sha256').update(bytes).update(JSON.stringify(opts)).digest('hex').slice(0, 24);
  const dir = join(CACHE, key);
  const metaFile = join(dir, 'ref.json');
  if (!existsSync(metaFile)) {
    const work = join(tmpdir(), `bp-ref-${key}-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    let via: string;
    let rawLayout: { photometric?: string; planar?: number } = {};
    if (opts.djpeg) {
      // Lossy JPEG whose codestream says YCbCr while the DICOM attribute says RGB: native djpeg.
      mkdirSync(join(work, 'w'));
      execFileSync('dcmdump', ['-q', '+W', join(work, 'w'), file], { stdio: 'ignore' });
      jpegFramesFromDump(join(work, 'w')).forEach((cs, i) => {
        writeFileSync(join(work, `f${i}.jpg`), cs);
        execFileSync('djpeg', ['-outfile', join(work, `out.pnm.${i}.ppm`), join(work, `f${i}.jpg`)]);
      });
      via = 'dcmdump +W → djpeg (codestream says YCbCr)';
    } else if (ts.startsWith('1.2.840.10008.1.2.4.20')) {
      // HTJ2K: extract fragments with dcmdump, decode with OpenJPEG.
      mkdirSync(join(work, 'w'));
      execFileSync('dcmdump', ['-q', '+W', join(work, 'w'), file], { stdio: 'ignore' });
      const frags = readdirSync(join(work, 'w'))
        .map((n) => ({ n, i: Number(/\.(\d+)\.raw$/.exec(n)?.[1]) }))
        .filter((x) => x.i >= 1)
        .sort((a, b) => a.i - b.i);
      const cs = Buffer.concat(frags.map((f) => readFileSync(join(work, 'w', f.n))));
      writeFileSync(join(work, 'frame.j2k'), cs);
      const r = run('opj_decompress', ['-i', 'frame.j2k', '-o', 'out.pnm.0.ppm'], work);
      if (!r.ok) throw new Error(`opj_decompress failed: ${r.out}`);
      via = 'dcmdump +W → opj_decompress';
    } else {
      let r = run('gdcmconv', ['--raw', file, 'raw.dcm'], work);
      via = 'gdcmconv --raw → dcm2pnm';
      if (!r.ok || !existsSync(join(work, 'raw.dcm'))) {
        const tool = DCMTK_DECOMPRESSOR[ts] ?? 'dcmdjpeg';
        r = run(tool, [file, 'raw.dcm'], work);
        if (!r.ok) throw new Error(`gdcmconv and ${tool} both failed on ${file}: ${r.out}`);
        via = `${tool} → dcm2pnm (gdcmconv refused the file)`;
      }
      const voi = opts.mono ? (opts.hasWindow ? ['+Wi', '1'] : ['+Wm']) : [];
      const p = run('dcm2pnm', ['-q', '--all-frames', ...voi, 'raw.dcm', 'out.pnm'], work);
      if (!p.ok) throw new Error(`dcm2pnm failed on ${file}: ${p.out}`);
      // Raw stored samples of the uncompressed file (the largest element written is the pixel data).
      mkdirSync(join(work, 'w'));
      execFileSync('dcmdump', ['-q', '+W', join(work, 'w'), 'raw.dcm'], { cwd: work, stdio: 'ignore' });
      const raws = readdirSync(join(work, 'w'))
        .map((n) => ({ n, size: readFileSync(join(work, 'w', n)).length }))
        .sort((a, b) => b.size - a.size);
      if (raws.length) renameSync(join(work, 'w', raws[0]!.n), join(work, 'raw-pixels.bin'));
      const rawDump = dcmdumpMeta(join(work, 'raw.dcm'));
      rawLayout = { photometric: rawDump.photometric, planar: rawDump.planar };
    }
    const outs = readdirSync(work)
      .map((n) => ({ n, i: Number(/^out\.pnm\.(\d+)\.p[gp]m$/.exec(n)?.[1]) }))
      .filter((x) => Number.isInteger(x.i))
      .sort((a, b) => a.i - b.i);
    mkdirSync(dir, { recursive: true });
    outs.forEach((o) => renameSync(join(work, o.n), join(dir, `frame-${o.i}.pnm`)));
    if (existsSync(join(work, 'raw-pixels.bin'))) renameSync(join(work, 'raw-pixels.bin'), join(dir, 'raw-pixels.bin'));
    writeFileSync(metaFile, JSON.stringify({ via, frames: outs.length, rawLayout }));
    rmSync(work, { recursive: true, force: true });
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { via: string; frames: number; rawLayout: { photometric?: string; planar?: number } };
  const frames: PnmImage[] = [];
  for (let i = 0; i < meta.frames; i++) frames.push(parsePnm(new Uint8Array(readFileSync(join(dir, `frame-${i}.pnm`)))));
  const rawFile = join(dir, 'raw-pixels.bin');
  return {
    via: meta.via,
    frames,
    ...(existsSync(rawFile) ? { rawPixels: new Uint8Array(readFileSync(rawFile)) } : {}),
    rawPhotometric: meta.rawLayout.photometric,
    rawPlanar: meta.rawLayout.planar,
  };
}

/** Metadata as dcmdump prints it (values as text, parsed here). */
export interface DumpMeta {
  transferSyntax?: string;
  rows?: number;
  columns?: number;
  frames?: number;
  photometric?: string;
  samplesPerPixel?: number;
  planar?: number;
  frameTimeMs?: number;
  frameTimeVectorMs?: number[];
  cineRate?: number;
  recommendedDisplayFrameRate?: number;
  regions: Record<string, number>[];
}

export function dcmdumpMeta(file: string): DumpMeta {
  const text = execFileSync('dcmdump', ['-q', '+L', '-M', '-Un', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out: DumpMeta = { regions: [] };
  let inRegions = false;
  let regionDepth = -1;
  for (const line of text.split('\n')) {
    const m = /^(\s*)\(([0-9a-f]{4}),([0-9a-f]{4})\) (\w\w) (.*?)\s+#\s*(?:\d+|u\/l),/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length;
    const tag = `${m[2]}${m[3]}`;
    const vr = m[4]!;
    let raw = m[5]!.trim();
    if (raw.startsWith('[') && raw.endsWith(']')) raw = raw.slice(1, -1);
    const num = () => Number(raw.split('\\')[0]);
    if (tag === '00186011') {
      inRegions = true;
      regionDepth = depth;
      continue;
    }
    if (inRegions && depth <= regionDepth && tag !== 'fffee000' && tag !== 'fffee00d' && tag !== 'fffee0dd') inRegions = false;
    if (inRegions) {
      if (tag === 'fffee000') out.regions.push({});
      else if (tag.startsWith('0018') && out.regions.length && vr !== 'SQ') out.regions[out.regions.length - 1]![tag] = num();
      continue;
    }
    if (depth !== 0) continue;
    switch (tag) {
      case '00020010':
        out.transferSyntax = raw.replace(/\0/g, '').trim();
        break;
      case '00280010':
        out.rows = num();
        break;
      case '00280011':
        out.columns = num();
        break;
      case '00280008':
        out.frames = num();
        break;
      case '00280004':
        out.photometric = raw.trim();
        break;
      case '00280002':
        out.samplesPerPixel = num();
        break;
      case '00280006':
        out.planar = num();
        break;
      case '00181063':
        out.frameTimeMs = num();
        break;
      case '00181065':
        out.frameTimeVectorMs = raw.split('\\').map(Number);
        break;
      case '00180040':
        out.cineRate = num();
        break;
      case '00082144':
        out.recommendedDisplayFrameRate = num();
        break;
    }
  }
  return out;
}
