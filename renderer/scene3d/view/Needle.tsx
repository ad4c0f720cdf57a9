/** The planned needle: shaft with 1 cm depth marks, entry and target, the nearest clearances and the first structure it would pierce. */
import { useMemo } from 'react';
import { Html, Line } from '@react-three/drei';
import { shortName } from '../../../core/anatomy/names';
import type { Trajectory3d } from '../../../core/anatomy/plan3d';
import { trajectoryMetrics } from '../../../core/anatomy/trajectory';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { useScene3d } from '../../state/scene3d';
import { Ball } from './Ball';
import { SCENE_COLORS } from './colors';
import { Rod } from './Rod';

/** Needle radius drawn, mm (a 22 G needle is 0.72 mm across; drawn a little thicker to be seen). */
const NEEDLE_RADIUS_MM = 0.6;

/** At most this many clearance lines are drawn: the nearest at-risk structure of each kind (vessel, pleura, nerve, …). */
const CLEARANCE_LINES = 3;

export function Needle({ t }: { t: Trajectory3d }) {
  const metrics = useMemo(() => trajectoryMetrics(t), [t]);
  const clearance = useScene3d((s) => s.clearance);
  const models = useScene3d((s) => s.models);
  const lines = useMemo(() => {
    if (!clearance || clearance.firstPierced) return [];
    const category = new Map<string, string>();
    for (const m of Object.values(models)) for (const s of m.structures) category.set(s.ref, s.category ?? s.ref);
    const seen = new Set<string>();
    const out = [];
    for (const e of clearance.entries) {
      const k = category.get(e.ref) ?? e.ref;
      if (seen.has(k) || !(e.distanceMm > 0)) continue;
      seen.add(k);
      out.push(e);
      if (out.length === CLEARANCE_LINES) break;
    }
    return out;
  }, [clearance, models]);
  if (!metrics) return null;
  const pierced = clearance?.firstPierced;
  return (
    <group>
      <Rod from={t.entry} to={t.target} radius={NEEDLE_RADIUS_MM} color={pierced ? SCENE_COLORS.danger : SCENE_COLORS.needle} />
      {metrics.depthMarks.map((m) => {
        const d = metrics.direction;
        const a: Vec3 = [m.position[0] - d[0] * 0.6, m.position[1] - d[1] * 0.6, m.position[2] - d[2] * 0.6];
        const b: Vec3 = [m.position[0] + d[0] * 0.6, m.position[1] + d[1] * 0.6, m.position[2] + d[2] * 0.6];
        return <Rod key={m.depthMm} from={a} to={b} radius={NEEDLE_RADIUS_MM * 2.1} color={SCENE_COLORS.needleMark} />;
      })}
      <Ball at={t.entry} radius={1.6} color={SCENE_COLORS.entry} />
      <Ball at={t.target} radius={1.8} color={SCENE_COLORS.target} />
      {lines.map((e) => (
        <Line key={e.ref} points={[e.pointOnNeedle, e.pointOnStructure]} color={SCENE_COLORS.clearance} lineWidth={1.5} dashed dashSize={1.5} gapSize={1} />
      ))}
      {lines.length > 0 && (
        // One label for all the lines (they meet near the needle): the nearest structure of each kind.
        <Html position={lines[0]!.pointOnStructure} className="s3d-label s3d-label-clearance" style={{ pointerEvents: 'none' }} zIndexRange={[5, 0]}>
          {lines.map((e) => (
            <div key={e.ref}>
              {shortName(e.label)}: {e.distanceMm.toFixed(1)} mm
            </div>
          ))}
        </Html>
      )}
      {pierced && <Ball at={pierced.point} radius={2} color={SCENE_COLORS.danger} label={`Pierces ${pierced.label} at ${pierced.depthMm.toFixed(0)} mm`} />}
    </group>
  );
}

