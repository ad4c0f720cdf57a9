/**
 * Simulated ultrasound benchmark (`npm run bench:sim`, tsx): frames of the simulated B-mode image at
 * 800 × 600 as the app's simulator worker makes them (renderer/scene3d/sim/engine.ts: plane section of
 * every visible atlas structure + core/sim B-mode), with the probe moving every frame as the arrow keys
 * move it (slide 2 mm, turn 5°). Goal: ≥ 20 frames/s (≤ 50 ms per frame).
 *
 * The machine is shared by other engineers: wall-clock times include time the process waited for a
 * core, so the mean CPU time per frame (process.cpuUsage) is reported beside them, with the load
 * average before and after the run.
 *
 * `--write` replaces the `## Simulated ultrasound` section of docs/BENCHMARKS.md with the results.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBenchmarkSection } from './lib/markdown';
import { AtlasManifestSchema } from '../core/anatomy/atlas-manifest';
import { readGlbMeshes } from '../core/anatomy/glb-read';
import { moveProbe, type ProbeMove } from '../core/anatomy/probe';
import { sampleScene3d } from '../core/anatomy/sample-scenes';
import type { SampleId } from '../core/samples/index';
import type { ProbePose } from '../core/anatomy/plan3d';
import { createSimEngine } from '../renderer/scene3d/sim/engine';
import type { SimSceneMsg, ToSim } from '../renderer/scene3d/sim/protocol';

const root = path.resolve(import.meta.dirname, '..');
const SIZE = { columns: 800, rows: 600 };
const FRAMES = 120;
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((p / 100) * a.length))]!;
const f = (v: number, d = 1) => v.toFixed(d);

/** The keyboard's moves, in turn: slide right, turn, slide left, turn back. */
const MOVES: ProbeMove[] = [
  { kind: 'slide', axis: 'lateral', mm: 2 },
  { kind: 'rotate', axis: 'beam', deg: 5 },
  { kind: 'slide', axis: 'lateral', mm: -2 },
  { kind: 'rotate', axis: 'beam', deg: -5 },
];

async function run(block: SampleId) {
  const manifest = AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(root, 'assets/anatomy/manifest.json'), 'utf8')));
  const scene = sampleScene3d(block, manifest);
  if (!scene.ok) throw new Error(scene.error.title);
  const engine = createSimEngine(() => Promise.reject(new Error('no clips in the benchmark')));
  const category = new Map(manifest.structures.map((s) => [s.id, s.category]));
  const sceneMsg: SimSceneMsg = { models: [] };
  let tris = 0;
  for (const m of scene.value.models) {
    if (m.source.kind !== 'atlas') continue;
    const r = readGlbMeshes(new Uint8Array(readFileSync(path.join(root, 'assets/anatomy', m.source.atlasFile))), m.source.atlasFile, { toLpsMm: true });
    if (!r.ok) throw new Error(r.error.title);
    const hidden = new Set(m.structures.filter((s) => !s.visible).map((s) => s.name));
    const meshes = r.value.filter((x) => !hidden.has(x.name));
    tris += meshes.reduce((s, x) => s + x.indices.length / 3, 0);
    await engine.handle({ type: 'model', id: m.id, meshes: meshes.map((x) => ({ name: x.name, category: category.get(x.name) ?? null, positions: x.positions, indices: x.indices })) });
    sceneMsg.models.push({ id: m.id, transform: m.transform, hidden: [] });
  }
  let pose: ProbePose = scene.value.probe!;
  const frame = async (i: number) => {
    const msg: ToSim = { type: 'frame', id: i, seed: i, scene: sceneMsg, pose, trajectory: scene.value.trajectory ?? null, ...SIZE, gainDb: 0 };
    const r = await engine.handle(msg);
    if (r?.reply.type !== 'frame') throw new Error('no frame');
  };
  const t0 = performance.now();
  await frame(0); // first frame: the speckle tiles are made (once per probe kind)
  const firstMs = performance.now() - t0;
  await frame(1);
  const per: number[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < FRAMES; i++) {
    pose = moveProbe(pose, MOVES[i % MOVES.length]!, null);
    const t = performance.now();
    await frame(i + 2);
    per.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  return { block, kind: pose.kind, tris, firstMs, per, cpuMs: (cpu.user + cpu.system) / 1000 / FRAMES, wallMs: (performance.now() - wall0) / FRAMES };
}

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const results = [await run('thoracic-paravertebral'), await run('celiac-plexus')];
  const loadAfter = os.loadavg()[0]!;
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    '## Simulated ultrasound',
    '',
    '`npm run bench:sim` (bench/sim.bench.ts, tsx; `-- --write` updates this section). Frames of the simulated',
    `B-mode image at ${SIZE.columns} × ${SIZE.rows} px made by the simulator worker's engine (renderer/scene3d/sim/engine.ts: plane`,
    'section of every visible atlas structure of the sample scene, then core/sim: tissue map, speckle, surface',
    `echoes, attenuation and TGC, log compression, scan conversion), ${FRAMES} frames per scene with the probe moving every`,
    'frame as the arrow keys move it (slide 2 mm, turn 5°, back). Times are per frame; the app also transfers the',
    'finished 8-bit image to the page (0.5 MB, transferred, not copied) and draws it on a canvas.',
    '',
    `**${date} · ${cpuModel}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB · ${os.type()} ${os.release()} · Node ${process.version} · load average ${f(loadBefore)} before and ${f(loadAfter)} after the run: the 2 cores are shared with other engineers' builds and tests, so wall-clock times include waiting for a core.**`,
    '',
    '| scene | first frame (speckle tiles made once) | per frame — median / p95 (wall clock) | frames/s at the median (wall) | mean CPU time per frame | frames/s from CPU time | goal |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.block} (${r.kind}, ${r.tris.toLocaleString('en-US')} triangles) | ${f(r.firstMs, 0)} ms | ${f(median(r.per))} / ${f(pct(r.per, 95))} ms | **${f(1000 / median(r.per), 0)}** | ${f(r.cpuMs)} ms | **${f(1000 / r.cpuMs, 0)}** | ≥ 20 frames/s |`),
    '',
  ];
  const met = results.every((r) => 1000 / r.cpuMs >= 20);
  const metWall = results.every((r) => 1000 / median(r.per) >= 20);
  lines.push(
    `Goal (≥ 20 frames/s at 800 × 600): ${met ? 'met' : '**not met**'} by CPU time in both scenes; ${metWall ? 'met' : '**not met**'} by median wall-clock time under this load.`,
    '',
    'Notes. CPU time is what the simulator costs one core; on an unshared 2-core machine the wall-clock time',
    'approaches it. The worker renders off the main thread, and the app asks for a new frame only when the last',
    'one came back (the newest probe pose wins), so key repeats never queue up.',
    '',
  );
  const md = lines.join('\n');
  console.log(md);
  if (process.argv.includes('--write')) console.log(`updated ${writeBenchmarkSection(root, 'Simulated ultrasound', md)}`);
}

void main();
