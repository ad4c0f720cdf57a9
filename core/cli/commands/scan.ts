/**
 * `blockplan scan CASE [--out FILE.png|FILE.dcm] [--frames N] [--needle] [--sweep MM] [--json]`: the
 * case's virtual probe view on the anatomy atlas — the structures crossed by the central beam line
 * (id, depth in mm from the probe face), a simulated B-mode image (PNG), or a calibrated DICOM
 * ultrasound clip of a sweep or of the needle advancing. The same workflows as the app's 3D probe
 * image (core/sim/scan.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'fast-png';
import { AtlasManifestSchema } from '../../anatomy/atlas-manifest';
import { readGlbMeshes } from '../../anatomy/glb-read';
import type { TriMesh } from '../../anatomy/mesh';
import { readCaseFile } from '../../node/index';
import { SIM_CLIP_DEFAULTS, type SimClipPlan } from '../../sim/clip';
import { loadLibjpegTurboEncoder } from '../../sim/jpeg';
import { scanClip, scanScene } from '../../sim/scan';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan scan CASE [--out FILE.png|FILE.dcm] [--frames N] [--needle] [--sweep MM] [--json] [--size WxH] [--gain DB]

Renders the 3D probe view of a case (.bpcase) on the anatomy atlas: the structures crossed by the
central beam line with their depth below the probe face (mm); with --out FILE.png a simulated
B-mode image; with --out FILE.dcm a calibrated DICOM ultrasound clip (a teaching image of the atlas,
not a patient image) that opens in BlockPlan's 2D viewer like any clip.
  --frames N  frames of the clip (default ${SIM_CLIP_DEFAULTS.frames}, 2–${SIM_CLIP_DEFAULTS.maxFrames}; .dcm only)
  --sweep MM  the probe slides across its plane over MM mm, centred on its pose (default ${SIM_CLIP_DEFAULTS.sweepMm})
  --needle    the probe is held and the planned needle advances from the skin to the target
  --json      print one JSON object: { file, probe, structures: [{ id, depthMm, exitDepthMm }], image }
  --size WxH  image size in px (default 800x600)
  --gain DB   overall gain in dB (default 0)
Exit status: 0 scanned, 1 the case could not be read, has no probe, or the clip could not be made, 2 usage error.`;

const atlasDir = () => fileURLToPath(new URL('../../../assets/anatomy/', import.meta.url));

/** The baseline JPEG encoder, its .wasm read from node_modules. */
function loadEncoder() {
  const require = createRequire(import.meta.url);
  return loadLibjpegTurboEncoder(async () => new Uint8Array(readFileSync(require.resolve('@cornerstonejs/codec-libjpeg-turbo-8bit/wasm'))));
}

interface Args {
  file: string;
  out: string | null;
  json: boolean;
  size: { columns: number; rows: number };
  gainDb: number;
  frames: number | null;
  needle: boolean;
  sweepMm: number | null;
}

function parse(args: string[]): Args {
  const a: Args = { file: '', out: null, json: false, size: { columns: 800, rows: 600 }, gainDb: 0, frames: null, needle: false, sweepMm: null };
  const num = (v: string | undefined, what: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new UsageError(`${what} needs a number`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    if (x === '--json') a.json = true;
    else if (x === '--needle') a.needle = true;
    else if (x === '--out') a.out = args[++i] ?? null;
    else if (x === '--frames') a.frames = num(args[++i], '--frames');
    else if (x === '--sweep') a.sweepMm = num(args[++i], '--sweep');
    else if (x === '--gain') a.gainDb = num(args[++i], '--gain');
    else if (x === '--size') {
      const m = /^(\d+)x(\d+)$/.exec(args[++i] ?? '');
      if (!m || Number(m[1]) < 64 || Number(m[2]) < 64) throw new UsageError('--size needs WxH of at least 64x64, e.g. 800x600');
      a.size = { columns: Number(m[1]), rows: Number(m[2]) };
    } else if (x.startsWith('-')) throw new UsageError(`unknown option ${x}`);
    else if (!a.file) a.file = x;
    else throw new UsageError('one case file only');
  }
  if (!a.file) throw new UsageError('a case file is needed');
  if (a.out && !/\.(png|dcm)$/i.test(a.out)) throw new UsageError('--out must name a .png or .dcm file');
  const dcm = !!a.out && /\.dcm$/i.test(a.out);
  if (!dcm && (a.frames !== null || a.needle || a.sweepMm !== null)) throw new UsageError('--frames, --needle and --sweep make a clip: use --out FILE.dcm');
  if (a.needle && a.sweepMm !== null) throw new UsageError('choose --needle or --sweep, not both');
  if (a.sweepMm !== null && !(a.sweepMm > 0 && a.sweepMm <= 200)) throw new UsageError('--sweep needs 0 < MM ≤ 200');
  return a;
}

export const scan: CliCommand = {
  summary: 'Structures on the central beam of a case’s 3D probe, a simulated B-mode image, or a simulated DICOM clip',
  usage,
  async run(args, io) {
    const a = parse(args);
    const path = resolve(io.cwd, a.file);
    const fail = (title: string, action?: string) => {
      if (a.json) io.out(JSON.stringify({ file: path, ok: false, error: title }, null, 2));
      else io.err(`${path}: ${title}${action ? ` ${action}` : ''}`);
      return 1;
    };
    const c = await readCaseFile(path);
    if (!c.ok) return fail(c.error.title, c.error.action);
    const plan = c.value.plan;
    const scene = plan.scene3d;
    if (!scene) return fail('The case has no 3D scene.', 'Open it in the app, set up the 3D view and save.');
    const manifest = AtlasManifestSchema.parse(JSON.parse(await readFile(atlasDir() + 'manifest.json', 'utf8')));
    const atlas = new Map<string, TriMesh[]>();
    for (const m of scene.models) {
      if (m.source.kind !== 'atlas' || atlas.has(m.source.atlasFile)) continue;
      const r = readGlbMeshes(new Uint8Array(await readFile(atlasDir() + m.source.atlasFile)), m.source.atlasFile, { toLpsMm: true });
      if (!r.ok) return fail(r.error.title, r.error.action);
      atlas.set(m.source.atlasFile, r.value);
    }
    const outPath = a.out ? resolve(io.cwd, a.out) : null;
    const dcm = !!outPath && /\.dcm$/i.test(outPath);
    const r = scanScene(scene, manifest, atlas, outPath && !dcm ? { ...a.size, gainDb: a.gainDb } : undefined);
    if (!r.ok) return fail(r.error.title, r.error.action);
    let image: { file: string; columns: number; rows: number; mmPerPx: number; originPx: { x: number; y: number }; frames?: number } | null = null;
    if (outPath && dcm) {
      const clipPlan: SimClipPlan = a.needle ? { kind: 'needle', frames: a.frames ?? SIM_CLIP_DEFAULTS.frames } : { kind: 'sweep', frames: a.frames ?? SIM_CLIP_DEFAULTS.frames, sweepMm: a.sweepMm ?? SIM_CLIP_DEFAULTS.sweepMm };
      const now = new Date();
      const clip = scanClip(scene, manifest, atlas, clipPlan, { ...a.size, gainDb: a.gainDb, encoder: await loadEncoder(), now, uidSeed: `${plan.id}/${now.toISOString()}/${clipPlan.kind}` });
      if (!clip.ok) return fail(clip.error.title, clip.error.action);
      await writeFile(outPath, clip.value.bytes);
      image = { file: outPath, ...clip.value.image, frames: clip.value.frames };
    } else if (outPath && r.value.image) {
      const img = r.value.image;
      await writeFile(outPath, encode({ width: img.columns, height: img.rows, data: img.pixels, channels: 1, depth: 8 }));
      image = { file: outPath, columns: img.columns, rows: img.rows, mmPerPx: img.mmPerPx, originPx: img.originPx };
    }
    const round = (v: number) => Math.round(v * 10) / 10;
    const structures = r.value.structures.map((s) => ({ id: s.id, depthMm: round(s.depthMm), exitDepthMm: round(s.exitDepthMm) }));
    if (a.json) {
      io.out(JSON.stringify({ file: path, ok: true, probe: r.value.probe, structures, needleInPlane: r.value.needleInPlane, image }, null, 2));
    } else {
      io.out(`${path}: ${r.value.probe.kind} probe, depth ${r.value.probe.depthMm} mm`);
      for (const s of structures) io.out(`  ${s.depthMm.toFixed(1).padStart(6)} mm  ${s.id}`);
      if (image) io.out(`  ${image.frames ? `clip (${image.frames} frames)` : 'image'} → ${image.file}`);
    }
    return 0;
  },
};
