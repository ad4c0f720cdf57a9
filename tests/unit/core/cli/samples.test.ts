import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import type { MeasureRecord } from '../../../../core/cli/commands/measure';
import type { SampleRecord } from '../../../../core/cli/commands/samples';
import { getBlockTemplate } from '../../../../core/blocks/index';
import { parseCase } from '../../../../core/plan/index';
import { sampleInstanceUids } from '../../../../core/samples/clips';
import { SAMPLE_IDS, SAMPLES_FOLDER, sampleCaseFile } from '../../../../core/samples/index';
import { SAMPLE_GEOMETRIES, type Point2, type SampleGeometry, type SampleShape } from '../../../../core/samples/geometry';

const repoRoot = resolve(__dirname, '../../../..');
const samplesDir = join(repoRoot, SAMPLES_FOLDER);

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: tmpdir() };
}

/** Boundary points of a ground-truth shape, densely sampled (an independent reference for distances). */
function boundary(s: SampleShape): Point2[] {
  const dense = (pts: readonly Point2[], closed: boolean) => {
    const out: Point2[] = [];
    const n = closed ? pts.length : pts.length - 1;
    for (let i = 0; i < n; i++) {
      const a = pts[i]!;
      const b = pts[(i + 1) % pts.length]!;
      for (let k = 0; k < 200; k++) out.push({ x: a.x + ((b.x - a.x) * k) / 200, y: a.y + ((b.y - a.y) * k) / 200 });
    }
    out.push(pts[closed ? 0 : pts.length - 1]!);
    return out;
  };
  if (s.kind === 'polyline') return dense(s.points, false);
  if (s.kind === 'contour') return dense(s.points, true);
  const th = (s.rotationDeg * Math.PI) / 180;
  return Array.from({ length: 20000 }, (_, k) => {
    const t = (2 * Math.PI * k) / 20000;
    const u = s.radiusX * Math.cos(t);
    const v = s.radiusY * Math.sin(t);
    return { x: s.center.x + u * Math.cos(th) - v * Math.sin(th), y: s.center.y + u * Math.sin(th) + v * Math.cos(th) };
  });
}

/** Smallest distance (px) between the segment a→b and a set of points, by sampling the segment too. */
function sampledDistance(a: Point2, b: Point2, pts: Point2[]): number {
  let best = Infinity;
  for (let i = 0; i <= 2000; i++) {
    const p = { x: a.x + ((b.x - a.x) * i) / 2000, y: a.y + ((b.y - a.y) * i) / 2000 };
    for (const q of pts) best = Math.min(best, Math.hypot(p.x - q.x, p.y - q.y));
  }
  return best;
}

describe('blockplan samples', () => {
  it('--json lists the registry’s sample cases, in its order, with absolute paths that exist, whatever the working directory', async () => {
    const io = capture();
    expect(await main(['samples', '--json'], io)).toBe(0);
    const recs = JSON.parse(io.stdout.join('\n')) as SampleRecord[];
    expect(recs.map((r) => r.blockTemplateId)).toEqual([...SAMPLE_IDS]);
    for (const [i, r] of recs.entries()) {
      expect(isAbsolute(r.path)).toBe(true);
      expect(r.path).toBe(join(samplesDir, sampleCaseFile(SAMPLE_IDS[i]!)));
      expect(existsSync(r.path)).toBe(true);
      expect(r.clips.every((c) => isAbsolute(c) && existsSync(c))).toBe(true);
      expect(r.blockName).toBe(getBlockTemplate(r.blockTemplateId!)!.name);
    }
  });

  it('plain output and a real process run from another folder give the same paths', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/blockplan.mjs'), 'samples'], { encoding: 'utf8', cwd: tmpdir() });
    expect(r.status, r.stderr).toBe(0);
    for (const id of SAMPLE_IDS) expect(r.stdout).toContain(join(samplesDir, sampleCaseFile(id)));
    expect(r.stderr).toBe('');
  });

  it('rejects unexpected arguments with exit 2', async () => {
    const io = capture();
    expect(await main(['samples', 'extra'], io)).toBe(2);
  });
});

describe.each(SAMPLE_GEOMETRIES.map((g) => [g.blockId, g] as const))('sample case %s', (blockId, g: SampleGeometry) => {
  const casePath = join(samplesDir, sampleCaseFile(blockId));

  it('is a valid case whose clip is the sample file (same SHA-256, relative path) with the plan of its block', () => {
    const parsed = parseCase(readFileSync(casePath, 'utf8'), casePath);
    if (!parsed.ok) throw new Error(parsed.error.title);
    const plan = parsed.value.plan;
    expect(plan.clips).toHaveLength(1);
    const clip = plan.clips[0]!;
    expect(clip.path).toBe(g.fileName);
    expect(clip.sha256, `${g.fileName} changed since the sample case was made: run npm run sample-cases`).toBe(createHash('sha256').update(readFileSync(join(samplesDir, g.fileName))).digest('hex'));
    expect([clip.columns, clip.rows, clip.frameCount]).toEqual([g.columns, g.rows, g.frameCount]);
    const uids = sampleInstanceUids(g);
    expect([clip.sopInstanceUid, clip.seriesInstanceUid, clip.studyInstanceUid]).toEqual([uids.instance, uids.series, uids.study]);
    expect(plan.block.templateId).toBe(blockId);
    const template = getBlockTemplate(blockId)!;
    expect(template.sides).toContain(plan.block.side);
    expect(template.approaches.find((a) => a.id === plan.block.approach)?.primary).toBe(true);
    // target, at-risk structures and landmarks from the ground truth, with template vocabulary where it exists
    for (const s of g.structures.filter((x) => x.id !== 'skin')) {
      const a = plan.annotations.find((x) => x.id === s.id);
      expect(a, s.id).toBeDefined();
      expect(a!.role).toBe(s.role);
      if (a!.structureId) expect(template.structures.some((t) => t.id === a!.structureId)).toBe(true);
    }
    expect(plan.annotations.filter((a) => a.role === 'target' && a.structureId).length).toBeGreaterThan(0);
    expect(plan.annotations.filter((a) => a.role === 'at-risk' && a.structureId).length).toBeGreaterThan(0);
    expect(plan.annotations.filter((a) => a.role === 'skin')).toHaveLength(1);
    expect(plan.needlePaths).toHaveLength(1);
    expect(plan.needlePaths[0]).toMatchObject({ entry: g.needle.entry, target: g.needle.target, mode: 'in-plane' });
    expect(plan.keyFrames.map((k) => k.frameIndex)).toEqual(g.keyFrames.map((k) => k.frame));
    expect(clip.beam.kind).toBe(g.probe.kind);
  });

  it('blockplan measure gives the ground-truth path length, depth and clearances', async () => {
    const io = capture();
    expect(await main(['measure', casePath, '--json'], io)).toBe(0);
    const rec = JSON.parse(io.stdout.join('\n')) as MeasureRecord;
    const n = rec.clips![0]!.needlePaths![0]!;
    const { entry, target } = g.needle;
    expect(n.pathLength.unit).toBe('mm');
    expect(n.pathLength.value).toBeCloseTo(Math.hypot(target.x - entry.x, target.y - entry.y) * g.mmPerPx, 6);
    expect(n.skin.source).toBe('annotation');
    if (g.probe.kind === 'linear') {
      // flat skin at skinRowPx
      expect(n.targetDepth.value).toBeCloseTo((target.y - g.skinRowPx) * g.mmPerPx, 6);
    } else {
      // curved probe face: depth along the beam = distance from the apex − face radius (the skin
      // annotation is a polyline through the arc, so allow its chord sag)
      const apex = g.probe.apex;
      const alongBeam = Math.hypot(target.x - apex.x, target.y - apex.y) * g.mmPerPx - g.probe.radiusMm;
      expect(Math.abs(n.targetDepth.value - alongBeam)).toBeLessThan(0.2);
    }
    const fig = g.figures.find((f) => /needle target/.test(f.what));
    if (fig) expect(Math.abs(n.targetDepth.value - fig.valueMm)).toBeLessThan(0.15);
    // Clearances from every at-risk structure match a brute-force sampled distance (mm).
    const atRisk = g.structures.filter((s) => s.role === 'at-risk');
    expect(n.clearances.map((c) => c.annotationId).sort()).toEqual(atRisk.map((s) => s.id).sort());
    for (const s of atRisk) {
      const c = n.clearances.find((x) => x.annotationId === s.id)!;
      expect(c.path.distance.unit).toBe('mm');
      if (!c.path.crosses) {
        const ref = sampledDistance(entry, target, boundary(s.shape)) * g.mmPerPx;
        expect(Math.abs(c.path.distance.value - ref), s.id).toBeLessThan(0.05);
      }
    }
  }, 120_000); // the brute-force reference samples each ellipse at 20 000 points: seconds per vessel
});
