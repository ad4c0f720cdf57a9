/**
 * `blockplan scan CASE --out FILE.png [--json]`: the case's virtual probe view on the anatomy atlas —
 * the structures crossed by the central beam line (id, depth in mm from the probe face) and a
 * simulated B-mode image (core/sim). The same workflow as the app's 3D probe image (core/sim/scan.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'fast-png';
import { AtlasManifestSchema } from '../../anatomy/atlas-manifest';
import { readGlbMeshes } from '../../anatomy/glb-read';
import type { TriMesh } from '../../anatomy/mesh';
import { readCaseFile } from '../../node/index';
import { scanScene } from '../../sim/scan';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan scan CASE [--out FILE.png] [--json] [--size WxH] [--gain DB]

Renders the 3D probe view of a case (.bpcase) on the anatomy atlas: the structures crossed by the
central beam line with their depth below the probe face (mm), and with --out a simulated B-mode
image (PNG, ${'800x600'} by default; a teaching image, not a patient image).
  --json      print one JSON object: { file, probe, structures: [{ id, depthMm, exitDepthMm }], image }
  --size WxH  image size in px (default 800x600)
  --gain DB   overall gain in dB (default 0)
Exit status: 0 scanned, 1 the case could not be read or has no probe, 2 usage error.`;

const atlasDir = () => fileURLToPath(new URL('../../../assets/anatomy/', import.meta.url));

export const scan: CliCommand = {
  summary: 'Structures on the central beam of a case’s 3D probe, and a simulated B-mode image',
  usage,
  async run(args, io) {
    let file: string | null = null;
    let out: string | null = null;
    let json = false;
    let size = { columns: 800, rows: 600 };
    let gainDb = 0;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--json') json = true;
      else if (a === '--out') out = args[++i] ?? null;
      else if (a === '--size') {
        const m = /^(\d+)x(\d+)$/.exec(args[++i] ?? '');
        if (!m) throw new UsageError('--size needs WxH, e.g. 800x600');
        size = { columns: Number(m[1]), rows: Number(m[2]) };
      } else if (a === '--gain') gainDb = Number(args[++i]);
      else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
      else if (!file) file = a;
      else throw new UsageError('one case file only');
    }
    if (!file) throw new UsageError('a case file is needed');
    if (out && !/\.png$/i.test(out)) throw new UsageError('--out must name a .png file');
    if (!Number.isFinite(gainDb)) throw new UsageError('--gain needs a number of dB');
    const path = resolve(io.cwd, file);
    const fail = (title: string, action?: string) => {
      if (json) io.out(JSON.stringify({ file: path, ok: false, error: title }, null, 2));
      else io.err(`${path}: ${title}${action ? ` ${action}` : ''}`);
      return 1;
    };
    const c = await readCaseFile(path);
    if (!c.ok) return fail(c.error.title, c.error.action);
    const scene = c.value.plan.scene3d;
    if (!scene) return fail('The case has no 3D scene.', 'Open it in the app, set up the 3D view and save.');
    const manifest = AtlasManifestSchema.parse(JSON.parse(await readFile(atlasDir() + 'manifest.json', 'utf8')));
    const atlas = new Map<string, TriMesh[]>();
    for (const m of scene.models) {
      if (m.source.kind !== 'atlas' || atlas.has(m.source.atlasFile)) continue;
      const r = readGlbMeshes(new Uint8Array(await readFile(atlasDir() + m.source.atlasFile)), m.source.atlasFile, { toLpsMm: true });
      if (!r.ok) return fail(r.error.title, r.error.action);
      atlas.set(m.source.atlasFile, r.value);
    }
    const r = scanScene(scene, manifest, atlas, out ? { ...size, gainDb } : undefined);
    if (!r.ok) return fail(r.error.title, r.error.action);
    if (out && r.value.image) {
      const img = r.value.image;
      await writeFile(resolve(io.cwd, out), encode({ width: img.columns, height: img.rows, data: img.pixels, channels: 1, depth: 8 }));
    }
    const round = (v: number) => Math.round(v * 10) / 10;
    const structures = r.value.structures.map((s) => ({ id: s.id, depthMm: round(s.depthMm), exitDepthMm: round(s.exitDepthMm) }));
    if (json) {
      io.out(JSON.stringify({ file: path, ok: true, probe: r.value.probe, structures, needleInPlane: r.value.needleInPlane, image: r.value.image ? { file: resolve(io.cwd, out!), columns: r.value.image.columns, rows: r.value.image.rows, mmPerPx: r.value.image.mmPerPx, originPx: r.value.image.originPx } : null }, null, 2));
    } else {
      io.out(`${path}: ${r.value.probe.kind} probe, depth ${r.value.probe.depthMm} mm`);
      for (const s of structures) io.out(`  ${s.depthMm.toFixed(1).padStart(6)} mm  ${s.id}`);
      if (out) io.out(`  image → ${resolve(io.cwd, out)}`);
    }
    return 0;
  },
};
