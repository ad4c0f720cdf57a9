/** The virtual probe: its body on the skin, the orientation marker at the image's +x end, and the imaging plane (fan) with its outline. */
import { useEffect, useMemo } from 'react';
import { Line } from '@react-three/drei';
import { BufferGeometry, DoubleSide, Float32BufferAttribute, Matrix4, Shape, ShapeGeometry, Vector2, Vector3 } from 'three';
import { probeFanOutline, probePlane, type ProbePose } from '../../../core/anatomy/plan3d';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { SCENE_COLORS } from './colors';
import { noRaycast, unitSphere } from './primitives';

/** Basis matrix: x = lateral, y = beam, z = normal, origin at the probe face (plane coordinates u, v → patient mm). */
function planeMatrix(pose: ProbePose): Matrix4 | null {
  const p = probePlane(pose);
  if (!p) return null;
  const m = new Matrix4().makeBasis(new Vector3(...p.lateral), new Vector3(...p.beam), new Vector3(...p.normal));
  m.setPosition(...p.origin);
  return m;
}

/** Height of the drawn probe body above the skin, mm. */
const PROBE_BODY_MM = { height: 22, elevation: 11 };

export function Probe({ pose }: { pose: ProbePose }) {
  const matrix = useMemo(() => planeMatrix(pose), [pose]);
  const { fan, outline } = useMemo(() => {
    const pts = probeFanOutline(pose, 32);
    const shape = new Shape(pts.map((q) => new Vector2(q.u, q.v)));
    const outlinePts: Vec3[] = [...pts, pts[0]!].map((q) => [q.u, q.v, 0]);
    return { fan: new ShapeGeometry(shape), outline: outlinePts };
  }, [pose]);
  useEffect(() => () => fan.dispose(), [fan]);
  const body = useMemo(() => {
    // The probe sits outside the skin: plane v < 0. Linear: a box; curvilinear: a box with a curved face drawn by its fan top.
    const w = pose.widthMm;
    const g = new BufferGeometry();
    const h = PROBE_BODY_MM.height;
    const e = PROBE_BODY_MM.elevation / 2;
    const x0 = -w / 2, x1 = w / 2;
    const sag = pose.kind === 'curvilinear' ? 0 : 0;
    const v = [
      [x0, -h, -e], [x1, -h, -e], [x1, -sag, -e], [x0, -sag, -e],
      [x0, -h, e], [x1, -h, e], [x1, -sag, e], [x0, -sag, e],
    ].flat();
    const idx = [0, 1, 2, 0, 2, 3, 4, 6, 5, 4, 7, 6, 0, 4, 5, 0, 5, 1, 3, 2, 6, 3, 6, 7, 0, 3, 7, 0, 7, 4, 1, 5, 6, 1, 6, 2];
    g.setAttribute('position', new Float32BufferAttribute(v, 3));
    g.setIndex(idx);
    g.computeVertexNormals();
    return g;
  }, [pose.widthMm, pose.kind]);
  useEffect(() => () => body.dispose(), [body]);
  if (!matrix) return null;
  return (
    <group matrixAutoUpdate={false} matrix={matrix} name="probe">
      <mesh geometry={body} raycast={noRaycast}>
        <meshStandardMaterial color={SCENE_COLORS.probe} roughness={0.45} metalness={0.1} />
      </mesh>
      {/* Orientation marker at the image's +x end (the notch). */}
      <mesh geometry={unitSphere} position={[pose.widthMm / 2 - 2.5, -PROBE_BODY_MM.height * 0.6, -PROBE_BODY_MM.elevation / 2 - 0.6]} scale={1.4} raycast={noRaycast}>
        <meshStandardMaterial color={SCENE_COLORS.probeNotch} emissive={SCENE_COLORS.probeNotch} emissiveIntensity={0.5} />
      </mesh>
      <mesh geometry={fan} raycast={noRaycast} renderOrder={3}>
        <meshBasicMaterial color={SCENE_COLORS.plane} transparent opacity={0.22} side={DoubleSide} depthWrite={false} />
      </mesh>
      <Line points={outline} color={SCENE_COLORS.plane} lineWidth={1.5} />
    </group>
  );
}

