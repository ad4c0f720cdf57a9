/**
 * The virtual probe as data and maths: the presets a new probe starts from, the steps of the probe
 * controls, the imaging depth range, placing a probe on the skin, moving it (slide on the skin,
 * rotate about its own axes, change the depth) and naming its orientation. Used by the 3D workspace,
 * the simulated image and `blockplan scan` (sweeps), so every adapter moves a probe the same way.
 *
 * The skin is reached through a small port (`SkinSurface`): the app implements it with its BVH, the
 * CLI and tests with the brute-force primitives of ./clearance.
 *
 * Units: mm and degrees, patient LPS (+X left, +Y posterior, +Z superior).
 */
import { probePlane, probePoseOnSkin, rotateProbe, type ProbePose } from './plan3d';
import { segmentFirstHitBrute } from './clearance';
import type { TriMesh } from './mesh';
import { add, cross, normalize, scale, sub, type Vec3 } from './vec3';

export type ProbeKind = ProbePose['kind'];

/** A surface hit: point and outward unit normal, patient mm. */
export interface SurfaceHit {
  point: Vec3;
  normal: Vec3;
}

/** The skin, as the probe needs it: where a ray meets it (outward normal toward the ray's origin). */
export interface SkinSurface {
  skinAlongRay(origin: Vec3, dir: Vec3, maxMm: number): SurfaceHit | null;
}

/**
 * Footprints, depths and curvature a new probe starts from. BlockPlan defaults, not sourced figures:
 * typical arrays (the same assumption as the sample scenes), frequencies within the ranges of
 * blocks.md (linear ≈ 6–15 MHz for shallow targets, curvilinear ≈ 2–5 MHz for deep ones). Editable
 * in the probe panel.
 */
export const PROBE_PRESETS: Record<ProbeKind, { widthMm: number; depthMm: number; radiusMm?: number; label: string; source: string }> = {
  linear: { widthMm: 38, depthMm: 50, label: 'Linear (38 mm)', source: 'BlockPlan default: a typical 38 mm high-frequency linear array' },
  curvilinear: { widthMm: 60, depthMm: 150, radiusMm: 50, label: 'Curvilinear (60 mm, R 50 mm)', source: 'BlockPlan default: a typical low-frequency curved array (60 mm chord, 50 mm radius)' },
};

/** Steps of the probe controls and keys (BlockPlan defaults: small enough to find a view, large enough to sweep). */
export const PROBE_STEP_MM = 2;
export const PROBE_STEP_DEG = 5;
export const PROBE_DEPTH_STEP_MM = 5;
/** Imaging depth range, mm (BlockPlan default: 1 cm for superficial blocks to 30 cm, beyond any block's target). */
export const PROBE_DEPTH_RANGE_MM = { min: 10, max: 300 } as const;
/** Footprint range of the width field, mm (BlockPlan default: 1 cm hockey-stick to 12 cm curved arrays). */
export const PROBE_WIDTH_RANGE_MM = { min: 10, max: 120 } as const;

export type ProbeMove =
  | { kind: 'slide'; axis: 'lateral' | 'elevation'; mm: number }
  | { kind: 'rotate'; axis: 'beam' | 'lateral' | 'normal'; deg: number }
  | { kind: 'depth'; mm: number };

/** Lateral axis for a new probe: keep the current probe's, else transverse (+X), else cranial when the skin faces ±X. */
export function lateralHintFor(normal: Vec3, current?: ProbePose): Vec3 {
  if (current) return current.lateralDir;
  const n = normalize(normal) ?? [0, 1, 0];
  return Math.abs(n[0]) > 0.8 ? [0, 0, 1] : [1, 0, 0];
}

/** A probe placed at a skin hit, with the chosen kind's footprint (keeping the current depth and width when the kind is the same). */
export function probeAt(hit: SurfaceHit, kind: ProbeKind, current?: ProbePose): ProbePose | undefined {
  const preset = PROBE_PRESETS[kind];
  const same = current && current.kind === kind;
  return probePoseOnSkin(hit.point, hit.normal, lateralHintFor(hit.normal, current), {
    kind,
    depthMm: same ? current.depthMm : preset.depthMm,
    widthMm: same ? current.widthMm : preset.widthMm,
    ...(kind === 'curvilinear' ? { radiusMm: current?.radiusMm ?? preset.radiusMm } : {}),
  });
}

/** The same probe with another kind's footprint and depth (the preset of that kind). */
export function withProbeKind(pose: ProbePose, kind: ProbeKind): ProbePose {
  const p = PROBE_PRESETS[kind];
  const next: ProbePose = { ...pose, kind, widthMm: p.widthMm, depthMm: p.depthMm };
  if (p.radiusMm !== undefined) next.radiusMm = p.radiusMm;
  else delete next.radiusMm;
  return next;
}

/** How far above the skin a slid probe looks for it again, mm. */
const SETTLE_BACK_MM = 40;

/**
 * Move a probe: slide along its face (lateral) or across it (elevation) and settle back on the skin
 * when a skin surface is given (the body surface curves); rotate about its own axes; change the
 * imaging depth (clamped to `PROBE_DEPTH_RANGE_MM`).
 */
export function moveProbe(pose: ProbePose, move: ProbeMove, skin: SkinSurface | null): ProbePose {
  if (move.kind === 'rotate') return rotateProbe(pose, move.axis, move.deg);
  if (move.kind === 'depth') return { ...pose, depthMm: Math.min(PROBE_DEPTH_RANGE_MM.max, Math.max(PROBE_DEPTH_RANGE_MM.min, pose.depthMm + move.mm)) };
  const plane = probePlane(pose);
  if (!plane) return pose;
  const axis = move.axis === 'lateral' ? plane.lateral : plane.normal;
  const moved = add(pose.position, scale(axis, move.mm));
  const hit = skin?.skinAlongRay(sub(moved, scale(plane.beam, SETTLE_BACK_MM)), plane.beam, SETTLE_BACK_MM * 2);
  return { ...pose, position: hit ? hit.point : moved };
}

/** A `SkinSurface` over plain meshes by brute force (CLI, tests; the app uses its BVH). */
export function meshSkin(meshes: readonly TriMesh[]): SkinSurface {
  return {
    skinAlongRay(origin, dir, maxMm) {
      let best: SurfaceHit | null = null;
      let bestD = maxMm;
      const end: Vec3 = add(origin, scale(dir, maxMm));
      for (const m of meshes) {
        const h = segmentFirstHitBrute({ start: origin, end }, m);
        if (!h || h.distanceMm > bestD) continue;
        const I = m.indices, P = m.positions, t = h.triangleIndex * 3;
        const a = I[t]! * 3, b = I[t + 1]! * 3, c = I[t + 2]! * 3;
        const va: Vec3 = [P[a]!, P[a + 1]!, P[a + 2]!];
        let n = normalize(cross(sub([P[b]!, P[b + 1]!, P[b + 2]!], va), sub([P[c]!, P[c + 1]!, P[c + 2]!], va)));
        if (!n) continue;
        if (n[0] * dir[0] + n[1] * dir[1] + n[2] * dir[2] > 0) n = scale(n, -1);
        bestD = h.distanceMm;
        best = { point: h.point, normal: n };
      }
      return best;
    },
  };
}

/** Human description of a direction along the body axes, e.g. "cranial", "patient left". */
export function axisName(v: Vec3): string {
  const a = [Math.abs(v[0]), Math.abs(v[1]), Math.abs(v[2])];
  const k = a.indexOf(Math.max(...a));
  const names = [
    ['patient left', 'patient right'],
    ['posterior', 'anterior'],
    ['cranial', 'caudal'],
  ] as const;
  return names[k]![v[k]! >= 0 ? 0 : 1];
}

/** Transverse, longitudinal (sagittal) or oblique, from the probe's long axis (15° either side). */
export function probeView(pose: ProbePose): 'transverse' | 'longitudinal' | 'oblique' {
  const l = normalize(pose.lateralDir);
  if (!l) return 'oblique';
  const z = Math.abs(l[2]);
  if (z < Math.sin((15 * Math.PI) / 180)) return 'transverse';
  if (z > Math.cos((15 * Math.PI) / 180)) return 'longitudinal';
  return 'oblique';
}
