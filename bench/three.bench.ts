/**
 * 3D benchmark (`npm run bench:3d`, tsx):
 *  1. needle clearance: a 10 cm needle against a ~1 million-triangle mesh, BVH (three-mesh-bvh,
 *     renderer/scene3d/bvh.ts) versus brute force (core/anatomy/clearance.ts). Goal: BVH ≥ 100×
 *     faster, median ≤ 1 ms.
 *  2. atlas load: read + parse + convert the four atlas GLBs (renderer/scene3d/loaders.ts).
 *  3. cross-section per probe move on the atlas (core/anatomy/section.ts, all structures). Goal ≤ 16 ms.
 *
 * `--write` replaces the `## 3D` section of docs/BENCHMARKS.md with the results.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBenchmarkSection } from './lib/markdown';
import { buildMeshIndex, segmentDistance, segmentFirstHit } from '../renderer/scene3d/bvh';
import { loadModel } from '../renderer/scene3d/loaders';
import { segmentMeshDistanceBrute, segmentFirstHitBrute, type Segment3 } from '../core/anatomy/clearance';
import { prepareSectionMesh, sectionForProbe, sectionMesh, type SectionMesh } from '../core/anatomy/section';
import { AtlasManifestSchema } from '../core/anatomy/atlas-manifest';
import { SAMPLES_WITH_SCENES, sampleScene3d } from '../core/anatomy/sample-scenes';
import { rotateProbe, type ProbePose } from '../core/anatomy/plan3d';
import type { TriMesh } from '../core/anatomy/mesh';
import type { Vec3 } from '../core/anatomy/vec3';
import { mulberry32 } from '../core/samples/synth/prng';

const root = path.resolve(import.meta.dirname, '..');
const now = () => performance.now();
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((p / 100) * a.length))]!;
const f = (v: number, d = 2) => v.toFixed(d);

const rng = mulberry32;

/** A closed lumpy sphere (radius ~100 mm) with 2·(rings−1)·segs triangles. */
function lumpySphere(rings: number, segs: number, R: number): TriMesh {
  const pos = new Float32Array(((rings - 1) * segs + 2) * 3);
  const r = (th: number, ph: number) => R * (1 + 0.12 * Math.sin(3 * ph) * Math.cos(4 * th) + 0.03 * Math.sin(17 * ph + 5 * th));
  let k = 0;
  const put = (th: number, ph: number) => {
    const rr = r(th, ph);
    pos[k++] = rr * Math.sin(th) * Math.cos(ph);
    pos[k++] = rr * Math.sin(th) * Math.sin(ph);
    pos[k++] = rr * Math.cos(th);
  };
  put(0, 0);
  for (let i = 1; i < rings; i++) for (let j = 0; j < segs; j++) put((Math.PI * i) / rings, (2 * Math.PI * j) / segs);
  put(Math.PI, 0);
  const south = (rings - 1) * segs + 1;
  const idx = new Uint32Array(2 * (rings - 1) * segs * 3);
  let t = 0;
  const v = (i: number, j: number) => 1 + (i - 1) * segs + (j % segs);
  for (let j = 0; j < segs; j++) { idx[t++] = 0; idx[t++] = v(1, j); idx[t++] = v(1, j + 1); }
  for (let i = 1; i < rings - 1; i++) {
    for (let j = 0; j < segs; j++) {
      idx[t++] = v(i, j); idx[t++] = v(i + 1, j); idx[t++] = v(i + 1, j + 1);
      idx[t++] = v(i, j); idx[t++] = v(i + 1, j + 1); idx[t++] = v(i, j + 1);
    }
  }
  for (let j = 0; j < segs; j++) { idx[t++] = south; idx[t++] = v(rings - 1, j + 1); idx[t++] = v(rings - 1, j); }
  return { name: 'lumpy', positions: pos, indices: idx.subarray(0, t) };
}

/** 10 cm needles: 'clear' ones pass beside the surface without touching it, 'crossing' ones enter it. */
function needles(n: number, R: number, kind: 'clear' | 'crossing', seed: number): Segment3[] {
  const r = rng(seed);
  const out: Segment3[] = [];
  while (out.length < n) {
    const u: Vec3 = [r() - 0.5, r() - 0.5, r() - 0.5];
    const l = Math.hypot(...u);
    const dir: Vec3 = [u[0] / l, u[1] / l, u[2] / l];
    // a perpendicular direction for the needle
    const a: Vec3 = Math.abs(dir[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    const p: Vec3 = [dir[1] * a[2] - dir[2] * a[1], dir[2] * a[0] - dir[0] * a[2], dir[0] * a[1] - dir[1] * a[0]];
    const pl = Math.hypot(...p);
    const side: Vec3 = [p[0] / pl, p[1] / pl, p[2] / pl];
    if (kind === 'clear') {
      const off = R * 1.2 + 2 + r() * 20; // beyond the bumps
      const c: Vec3 = [dir[0] * off, dir[1] * off, dir[2] * off];
      out.push({ start: [c[0] - side[0] * 50, c[1] - side[1] * 50, c[2] - side[2] * 50], end: [c[0] + side[0] * 50, c[1] + side[1] * 50, c[2] + side[2] * 50] });
    } else {
      const s = R * 1.3 + r() * 10;
      out.push({ start: [dir[0] * s, dir[1] * s, dir[2] * s], end: [dir[0] * (s - 100), dir[1] * (s - 100), dir[2] * (s - 100)] });
    }
  }
  return out;
}

function clearanceBench() {
  const R = 100;
  const mesh = lumpySphere(500, 1000, R);
  const tris = mesh.indices.length / 3;
  const t0 = now();
  const mi = buildMeshIndex(mesh);
  const buildMs = now() - t0;
  const clear = needles(200, R, 'clear', 1);
  const crossing = needles(200, R, 'crossing', 2);
  // warm up
  for (const s of clear.slice(0, 20)) segmentDistance(mi, s);
  const timeEach = (segs: Segment3[], fn: (s: Segment3) => unknown, reps = 5) =>
    segs.map((s) => {
      const ts: number[] = [];
      for (let k = 0; k < reps; k++) {
        const a = now();
        fn(s);
        ts.push(now() - a);
      }
      return median(ts);
    });
  const bvhClear = timeEach(clear, (s) => segmentDistance(mi, s));
  const bvhCross = timeEach(crossing, (s) => segmentDistance(mi, s));
  const bvhHit = timeEach(crossing, (s) => segmentFirstHit(mi, s));
  // Brute force on a subset (each query tests every triangle): 7 clear needles (full scans).
  const bruteSet = clear.slice(0, 7);
  const brute = bruteSet.map((s) => {
    const a = now();
    segmentMeshDistanceBrute(s, mesh);
    return now() - a;
  });
  const bruteHit = crossing.slice(0, 5).map((s) => {
    const a = now();
    segmentFirstHitBrute(s, mesh);
    return now() - a;
  });
  const bvhSame = timeEach(bruteSet, (s) => segmentDistance(mi, s), 9);
  // correctness spot check
  for (const s of bruteSet.slice(0, 3)) {
    const a = segmentDistance(mi, s)!.distanceMm;
    const b = segmentMeshDistanceBrute(s, mesh)!.distanceMm;
    if (Math.abs(a - b) > 1e-9) throw new Error(`BVH and brute force disagree: ${a} vs ${b}`);
  }
  // A million-triangle imported model (STL-like triangle soup): one-time section preparation, then sections.
  const soupPos = new Float32Array(mesh.indices.length * 3);
  for (let i = 0; i < mesh.indices.length; i++) soupPos.set(mesh.positions.subarray(mesh.indices[i]! * 3, mesh.indices[i]! * 3 + 3), i * 3);
  const soup: TriMesh = { name: 'soup', positions: soupPos, indices: Uint32Array.from({ length: mesh.indices.length }, (_, i) => i) };
  const p0 = now();
  const sm = prepareSectionMesh(soup)!;
  const bigPrepMs = now() - p0;
  const bigSection: number[] = [];
  for (let i = 0; i < 60; i++) {
    const a = (i * Math.PI) / 60;
    const plane = { origin: [0, 0, -50 + (i % 20) * 5] as Vec3, lateral: [Math.cos(a), Math.sin(a), 0] as Vec3, beam: [0, 0, 1] as Vec3, normal: [Math.sin(a), -Math.cos(a), 0] as Vec3 };
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = now();
      sectionMesh(sm, plane);
      best = Math.min(best, now() - t);
    }
    if (i >= 10) bigSection.push(best);
  }
  return { tris, buildMs, bvhClear, bvhCross, bvhHit, brute, bruteHit, bvhSame, bigPrepMs, bigSection };
}

async function atlasBench() {
  const dir = path.join(root, 'assets/anatomy');
  const manifest = AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  const loadRuns: number[] = [];
  let meshes: TriMesh[] = [];
  for (let run = 0; run < 5; run++) {
    const a = now();
    const all: TriMesh[] = [];
    for (const fl of manifest.files) {
      const r = await loadModel(readFileSync(path.join(dir, fl.file)), fl.file);
      if (!r.ok) throw new Error(r.error.title);
      all.push(...r.value.meshes);
    }
    loadRuns.push(now() - a);
    meshes = all;
  }
  const tris = meshes.reduce((s, m) => s + m.indices.length / 3, 0);
  const a = now();
  const prepared = meshes.map((m) => prepareSectionMesh(m)).filter((x): x is SectionMesh => !!x);
  const prepMs = now() - a;

  // Probe moves: slide and rotate each sample probe through 100 poses (≈ 1 mm / 1° steps).
  const poses: ProbePose[] = [];
  for (const b of SAMPLES_WITH_SCENES) {
    const s = sampleScene3d(b, manifest);
    if (!s.ok) throw new Error(s.error.title);
    const base = s.value.probe!;
    for (let i = 0; i < 100; i++) {
      const slide = (i % 50) - 25; // mm along the lateral axis
      let p: ProbePose = { ...base, position: [base.position[0] + base.lateralDir[0] * slide, base.position[1] + base.lateralDir[1] * slide, base.position[2] + base.lateralDir[2] * slide] };
      p = rotateProbe(p, 'beam', i < 50 ? 0 : i - 50); // then spin the probe up to 49°
      poses.push(p);
    }
  }
  for (const p of poses.slice(0, 20)) sectionForProbe(p, prepared); // warm up
  const per: number[] = [];
  let contours = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = now();
  for (const p of poses) {
    // Fastest of 3 (the machine is shared: a slower repeat is the process being descheduled).
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = now();
      const res = sectionForProbe(p, prepared);
      best = Math.min(best, now() - t);
      if (k === 0) contours += res.reduce((s, r) => s + r.contours.length, 0);
    }
    per.push(best);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuPerMoveMs = (cpu.user + cpu.system) / 1000 / poses.length / 3;
  const wallPerMoveMs = (now() - wall0) / poses.length / 3;
  return { files: manifest.files.length, structures: meshes.length, tris, bytes: manifest.files.reduce((s, x) => s + x.bytes, 0), loadRuns, prepMs, per, contoursPerMove: contours / poses.length, cpuPerMoveMs, wallPerMoveMs };
}

async function main() {
  const c = clearanceBench();
  const at = await atlasBench();
  const speedup = median(c.brute) / median(c.bvhSame);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  const env = `**${date} · ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB · ${os.type()} ${os.release()} · Node ${process.version} · load average ${os.loadavg()[0]!.toFixed(1)} at the end of the run (shared machine).**`;
  const lines = [
    '## 3D',
    '',
    '`npm run bench:3d` (bench/three.bench.ts, tsx; `-- --write` updates this section). Needle clearance on a',
    `closed lumpy sphere of ${c.tris.toLocaleString('en-US')} triangles (radius ≈ 100 mm), 10 cm needles: 200 that pass beside the surface`,
    'without touching it (the full search: nothing ends it early) and 200 that enter it; each BVH query repeated 5×,',
    'per-needle median. Brute force = the exact reference in core/anatomy/clearance.ts testing every triangle, on 7 of',
    'the clear needles (and 5 crossing needles for the first hit). Sections: all atlas structures cut by each of 300',
    'probe poses (the three sample probes slid ±25 mm and spun up to 49°), after one-time preparation; each pose is',
    'sectioned 3× and the fastest kept (the machine is shared), and the mean CPU time over all repeats is given too.',
    '',
    env,
    '',
    '| measurement | result | goal |',
    '| --- | --- | --- |',
    `| BVH build, ${c.tris.toLocaleString('en-US')} triangles (once per structure) | ${f(c.buildMs, 0)} ms | |`,
    `| clearance, clear needle, BVH — median / p95 | ${f(median(c.bvhClear), 3)} / ${f(pct(c.bvhClear, 95), 3)} ms | median ≤ 1 ms |`,
    `| clearance, needle entering the mesh, BVH — median / p95 | ${f(median(c.bvhCross), 3)} / ${f(pct(c.bvhCross, 95), 3)} ms | |`,
    `| first structure hit along the needle, BVH — median / p95 | ${f(median(c.bvhHit), 3)} / ${f(pct(c.bvhHit, 95), 3)} ms | |`,
    `| clearance, brute force (same 7 clear needles) — median | ${f(median(c.brute), 1)} ms (BVH ${f(median(c.bvhSame), 3)} ms) | |`,
    `| first hit, brute force — median | ${f(median(c.bruteHit), 1)} ms | |`,
    `| **BVH speed-up over brute force (clearance)** | **${f(speedup, 0)}×** | ≥ 100× |`,
    `| section of the ${c.tris.toLocaleString('en-US')}-triangle model imported as a triangle soup (STL-like): preparation once (weld + edge table) / per move median | ${f(c.bigPrepMs, 0)} ms / ${f(median(c.bigSection), 2)} ms | |`,
    `| atlas load: read + parse + convert ${at.files} GLBs (${(at.bytes / 2 ** 20).toFixed(1)} MiB, ${at.structures} structures, ${at.tris.toLocaleString('en-US')} triangles) — median of 5 / min | ${f(median(at.loadRuns), 0)} / ${f(Math.min(...at.loadRuns), 0)} ms | |`,
    `| section preparation (weld + bounds, once after load) | ${f(at.prepMs, 0)} ms | |`,
    `| **cross-section per probe move, all structures — median / p95 / max (wall clock)** | **${f(median(at.per), 2)} / ${f(pct(at.per, 95), 2)} / ${f(Math.max(...at.per), 2)} ms** (${at.contoursPerMove.toFixed(0)} contours per move) | ≤ 16 ms |`,
    `| cross-section per probe move — mean CPU time (process.cpuUsage) vs mean wall time | ${f(at.cpuPerMoveMs, 2)} ms CPU / ${f(at.wallPerMoveMs, 2)} ms wall | |`,
    '',
  ];
  const goals = [
    [median(c.bvhClear) <= 1, `clearance median ≤ 1 ms (${f(median(c.bvhClear), 3)} ms)`],
    [speedup >= 100, `BVH ≥ 100× brute force (${f(speedup, 0)}×)`],
    [median(at.per) <= 16 && pct(at.per, 95) <= 16, `section ≤ 16 ms per probe move at median and p95 (${f(median(at.per), 2)} / ${f(pct(at.per, 95), 2)} ms)`],
  ] as const;
  lines.push(
    `Goals met in this run: ${goals.filter((g) => g[0]).map((g) => g[1]).join('; ') || 'none'}.` + (goals.some((g) => !g[0]) ? ` **Not met: ${goals.filter((g) => !g[0]).map((g) => g[1]).join('; ')}.**` : ''),
    '',
    'Notes. The machine is shared by several engineers (2 cores): single wall-clock maxima are the process being',
    'descheduled, which is why the mean CPU time per move is reported next to the mean wall time. Numbers are',
    'measured in Node; the renderer runs the same code (and draws the contours and the 3D scene on the GPU, not',
    'measured here). Atlas load, section preparation and BVH builds happen once when a scene opens; a probe move',
    'only runs the section, and a needle move only the clearance queries (one per at-risk structure).',
    '',
  );
  const md = lines.join('\n');
  console.log(md);
  if (process.argv.includes('--write')) console.log(`updated ${writeBenchmarkSection(root, '3D', md)}`);
}

void main();
