/**
 * What the 3D canvas draws: calm lighting, the models (one mesh per structure, BVH-accelerated
 * picking), the needle with 1 cm depth marks and its clearance, the virtual probe and its imaging
 * plane, linked clips' 2D needle paths, the gizmo of a model being moved, and the camera rig.
 *
 * r3f rules followed here: mutate in useFrame and never set React state there; nothing is allocated
 * per frame (scratch vectors live at module level); clicks are handled once at the models' root.
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { Html, Line, OrbitControls, TransformControls } from '@react-three/drei';
import {
  BufferGeometry,
  CylinderGeometry,
  DoubleSide,
  Float32BufferAttribute,
  Matrix4,
  Quaternion,
  Shape,
  ShapeGeometry,
  SphereGeometry,
  Vector2,
  Vector3,
  type DirectionalLight,
  type Group,
  type Intersection,
  type Object3D,
  type PerspectiveCamera,
} from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { probeFanOutline, probePlane, type ModelRef, type ProbePose, type Scene3dPlan, type Trajectory3d } from '../../core/anatomy/plan3d';
import { trajectoryMetrics } from '../../core/anatomy/trajectory';
import { meshBounds } from '../../core/anatomy/mesh';
import type { Vec3 } from '../../core/anatomy/vec3';
import { useCase } from '../state/case';
import { notify } from '../state/messages';
import {
  clipNeedlesIn3d,
  currentScene3d,
  editScene3d,
  effectiveStructure,
  modelGeometry,
  probeAt,
  useScene3d,
  useScene3dPlan,
  withModelTransform,
  withProbe,
  withTrajectory,
  type ModelRuntime,
  type StructureInfo,
  type SurfaceHit,
} from '../state/scene3d';
import { boundsSphere, presetPose, probeViewDirection, type FramingContext } from './camera';
import { acceleratedRaycast, geometryOf } from './meshes';
import { shortName } from '../../core/anatomy/labels';

/** Colours of the scene's own objects (anatomy colours come from the atlas manifest). */
export const SCENE_COLORS = {
  background: '#14191e',
  needle: '#e9eef2',
  needleMark: '#ffd166',
  entry: '#7fd0dc',
  target: '#5fd08c',
  danger: '#ff7a6b',
  clearance: '#ffb38a',
  probe: '#c8d3dc',
  probeNotch: '#5fb4c2',
  plane: '#5fb4c2',
  clipNeedle: '#c9a4ff',
  landmarkMoving: '#e6c65c',
  landmarkFixed: '#7fd0dc',
} as const;

const FOV_DEG = 40;

// ---------------------------------------------------------------------------------------------
// Picking

interface PickUserData {
  ref?: string;
  modelId?: string;
  skin?: boolean;
}

const tmpN = new Vector3();

function hitOf(i: Intersection, rayDir: Vector3): SurfaceHit {
  const p = i.point;
  const n = tmpN.set(0, 0, 1);
  if (i.face) n.copy(i.face.normal).transformDirection(i.object.matrixWorld);
  // Outward = toward the viewer (the user clicks the surface that faces them).
  if (n.dot(rayDir) > 0) n.negate();
  return { point: [p.x, p.y, p.z], normal: [n.x, n.y, n.z] };
}

const pickable = (i: Intersection) => {
  const d = i.object.userData as PickUserData;
  return !!d.ref && i.object.visible;
};

function onSceneClick(e: ThreeEvent<MouseEvent>): void {
  if (e.delta > 4) return; // a drag (orbit), not a click
  e.stopPropagation();
  const st = useScene3d.getState();
  const hits = e.intersections.filter(pickable);
  if (hits.length === 0) return;
  const dir = e.ray.direction;
  const data = (i: Intersection) => i.object.userData as PickUserData;
  const skin = hits.find((i) => data(i).skin);
  switch (st.tool) {
    case 'orbit':
      st.select(data(hits[0]!).ref ?? null);
      return;
    case 'entry': {
      const h = hitOf(skin ?? hits[0]!, dir);
      const cur = currentScene3d().trajectory;
      const target = cur?.target ?? st.draftTarget;
      if (target) {
        editScene3d('Set needle entry', (s) => withTrajectory(s, { entry: h.point, target, entryNormal: h.normal }));
        st.setDraftTarget(null);
        st.setDraftEntry(null);
        st.setTool('orbit');
        st.setTab('needle');
      } else {
        st.setDraftEntry(h);
        st.setTool('target');
      }
      return;
    }
    case 'target': {
      const inner = hits.find((i) => !data(i).skin) ?? hits[0]!;
      const p = inner.point;
      const target: Vec3 = [p.x, p.y, p.z];
      const cur = currentScene3d().trajectory;
      const entry = st.draftEntry ?? (cur ? { point: cur.entry, normal: cur.entryNormal } : null);
      if (entry) {
        const t: Trajectory3d = entry.normal ? { entry: entry.point, target, entryNormal: entry.normal } : { entry: entry.point, target };
        editScene3d(cur ? 'Set needle target' : 'Place needle', (s) => withTrajectory(s, t));
        st.setDraftEntry(null);
        st.setDraftTarget(null);
        st.setTool('orbit');
        st.setTab('needle');
      } else {
        st.setDraftTarget(target);
        st.setTool('entry');
      }
      return;
    }
    case 'probe': {
      if (!skin) {
        notify('Click on the skin to place the probe', 'info', { action: 'Show the skin in the structure tree if it is hidden.' });
        return;
      }
      const current = currentScene3d().probe;
      const pose = probeAt(hitOf(skin, dir), st.probeKind, current);
      if (pose) {
        editScene3d(current ? 'Move probe' : 'Place probe', (s) => withProbe(s, pose));
        st.setTool('orbit');
        st.setTab('probe');
      }
      return;
    }
    case 'landmark': {
      const reg = st.registration;
      if (!reg?.picking) return;
      const modelId = reg.picking === 'moving' ? reg.movingId : reg.fixedId;
      const on = hits.find((i) => data(i).modelId === modelId);
      if (!on) {
        notify('Click on the model you are picking landmarks on', 'info');
        return;
      }
      const p: Vec3 = [on.point.x, on.point.y, on.point.z];
      st.setRegistration({ ...reg, [reg.picking]: [...reg[reg.picking], p] });
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Models

/** One structure; memoised on plain values so a probe or needle edit does not re-render every mesh. */
const StructureMesh = memo(function StructureMesh({ info, visible, opacity, color, selected, mesh }: { info: StructureInfo; visible: boolean; opacity: number; color: string; selected: boolean; mesh: Parameters<typeof geometryOf>[0] }) {
  const eff = { visible, opacity, color };
  const geometry = useMemo(() => geometryOf(mesh), [mesh]);
  const userData = useMemo<PickUserData>(() => ({ ref: info.ref, modelId: info.modelId, skin: info.category === 'skin' }), [info]);
  const transparent = eff.opacity < 0.999;
  return (
    <mesh geometry={geometry} raycast={acceleratedRaycast} userData={userData} visible={eff.visible} renderOrder={transparent ? 2 : 0} name={info.ref}>
      <meshStandardMaterial
        color={eff.color}
        opacity={eff.opacity}
        transparent={transparent}
        depthWrite={!transparent}
        side={DoubleSide}
        roughness={0.72}
        metalness={0}
        emissive={selected ? '#3a6f78' : '#000000'}
        emissiveIntensity={selected ? 0.9 : 0}
      />
    </mesh>
  );
});

const ModelView = memo(function ModelView({ model, runtime, roles, selected, gizmo }: { model: ModelRef; runtime: ModelRuntime; roles: Pick<Scene3dPlan, 'target' | 'atRisk'>; selected: string | null; gizmo: 'translate' | 'rotate' | null }) {
  const scene = useMemo<Scene3dPlan>(() => ({ models: [model], atRisk: roles.atRisk, ...(roles.target ? { target: roles.target } : {}), clipLinks: [] }), [model, roles]);
  const geometryVersion = useScene3d((s) => s.geometryVersion);
  const { meshes, pivot } = useMemo(() => {
    void geometryVersion;
    const list = modelGeometry(model.id)?.meshes ?? [];
    const b = meshBounds(list);
    // The model turns about its own centre (where the gizmo sits), not about the frame's origin.
    const c: Vec3 = b ? [(b.min[0] + b.max[0]) / 2, (b.min[1] + b.max[1]) / 2, (b.min[2] + b.max[2]) / 2] : [0, 0, 0];
    return { meshes: new Map(list.map((m) => [m.name, m])), pivot: c };
  }, [model.id, geometryVersion]);
  const [group, setGroup] = useState<Group | null>(null);
  // Outer group = transform · translate(pivot), as position / rotation / scale the gizmo can edit.
  useEffect(() => {
    if (!group) return;
    scratchMatrix.fromArray(model.transform).multiply(scratchPivot.makeTranslation(pivot[0], pivot[1], pivot[2]));
    scratchMatrix.decompose(group.position, group.quaternion, group.scale);
  }, [group, model.transform, pivot]);
  return (
    <>
      <group ref={setGroup} name={model.id}>
        <group position={[-pivot[0], -pivot[1], -pivot[2]]}>
          {runtime.structures.map((info) => {
            const mesh = meshes.get(info.name);
            if (!mesh) return null;
            const eff = effectiveStructure(scene, info);
            return <StructureMesh key={info.ref} info={info} visible={eff.visible} opacity={eff.opacity} color={eff.color} mesh={mesh} selected={selected === info.ref} />;
          })}
        </group>
      </group>
      {gizmo && group && <ModelGizmo object={group} modelId={model.id} mode={gizmo} pivot={pivot} />}
    </>
  );
});

const scratchMatrix = new Matrix4();
const scratchPivot = new Matrix4();

/** The gizmo on a model; the transform is committed to the case when the drag ends (one undo step). */
function ModelGizmo({ object, modelId, mode, pivot }: { object: Object3D; modelId: string; mode: 'translate' | 'rotate'; pivot: Vec3 }) {
  return (
    <TransformControls
      object={object}
      mode={mode}
      size={0.8}
      onMouseUp={() => {
        object.updateMatrix();
        const m = new Matrix4().copy(object.matrix).multiply(new Matrix4().makeTranslation(-pivot[0], -pivot[1], -pivot[2])).toArray();
        editScene3d(mode === 'rotate' ? 'Rotate model' : 'Move model', (s) => withModelTransform(s, modelId, m));
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Needle

const Y_AXIS = new Vector3(0, 1, 0);
const unitCylinder = new CylinderGeometry(1, 1, 1, 16, 1);
const unitSphere = new SphereGeometry(1, 20, 14);
const noRaycast = () => null;

function Rod({ from, to, radius, color, opacity = 1 }: { from: Vec3; to: Vec3; radius: number; color: string; opacity?: number }) {
  const { position, quaternion, scale } = useMemo(() => {
    const a = new Vector3(...from);
    const b = new Vector3(...to);
    const d = b.clone().sub(a);
    const len = d.length();
    return {
      position: a.clone().add(b).multiplyScalar(0.5),
      quaternion: new Quaternion().setFromUnitVectors(Y_AXIS, d.normalize()),
      scale: new Vector3(radius, len, radius),
    };
  }, [from, to, radius]);
  return (
    <mesh geometry={unitCylinder} position={position} quaternion={quaternion} scale={scale} raycast={noRaycast}>
      <meshStandardMaterial color={color} roughness={0.35} metalness={0.4} transparent={opacity < 1} opacity={opacity} />
    </mesh>
  );
}

function Ball({ at, radius, color, label }: { at: Vec3; radius: number; color: string; label?: string }) {
  return (
    <group position={at}>
      <mesh geometry={unitSphere} scale={radius} raycast={noRaycast}>
        <meshStandardMaterial color={color} roughness={0.5} emissive={color} emissiveIntensity={0.25} />
      </mesh>
      {label && (
        <Html className="s3d-label" center={false} style={{ pointerEvents: 'none' }} zIndexRange={[5, 0]}>
          {label}
        </Html>
      )}
    </group>
  );
}

/** Needle radius drawn, mm (a 22 G needle is 0.72 mm across; drawn a little thicker to be seen). */
const NEEDLE_RADIUS_MM = 0.6;

/** At most this many clearance lines are drawn: the nearest at-risk structure of each kind (vessel, pleura, nerve, …). */
const CLEARANCE_LINES = 3;

function Needle({ t }: { t: Trajectory3d }) {
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

function DraftPoints() {
  const entry = useScene3d((s) => s.draftEntry);
  const target = useScene3d((s) => s.draftTarget);
  return (
    <>
      {entry && <Ball at={entry.point} radius={1.6} color={SCENE_COLORS.entry} label="Entry — now pick the target" />}
      {target && <Ball at={target} radius={1.8} color={SCENE_COLORS.target} label="Target — now pick the entry" />}
    </>
  );
}

function ClipNeedles() {
  const plan = useCase((s) => s.history.present);
  const show = useScene3d((s) => s.showClipPaths);
  const paths = useMemo(() => (show ? clipNeedlesIn3d(plan) : []), [plan, show]);
  return (
    <>
      {paths.map((p) => (
        <Rod key={`${p.clipId}/${p.id}`} from={p.entry} to={p.target} radius={0.45} color={SCENE_COLORS.clipNeedle} opacity={0.9} />
      ))}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Probe and imaging plane

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

function Probe({ pose }: { pose: ProbePose }) {
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

// ---------------------------------------------------------------------------------------------
// Registration landmarks

function RegistrationMarks() {
  const reg = useScene3d((s) => s.registration);
  if (!reg) return null;
  return (
    <>
      {reg.moving.map((p, i) => (
        <Ball key={`m${i}`} at={p} radius={1.8} color={SCENE_COLORS.landmarkMoving} label={`M${i + 1}`} />
      ))}
      {reg.fixed.map((p, i) => (
        <Ball key={`f${i}`} at={p} radius={1.8} color={SCENE_COLORS.landmarkFixed} label={`F${i + 1}`} />
      ))}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Camera

const animFrom = { p: new Vector3(), t: new Vector3() };
const animTo = { p: new Vector3(), t: new Vector3() };
const scratchDir = new Vector3();
const ANIM_MS = 350;

/** Region to frame: visible structures of the scene (union of model bounds). */
function sceneFraming(scene: Scene3dPlan, models: Record<string, ModelRuntime>): FramingContext | null {
  const all = [];
  for (const m of scene.models) {
    const g = modelGeometry(m.id);
    if (!g || models[m.id]?.status !== 'ready') continue;
    const b = meshBounds(g.meshes);
    if (!b) continue;
    // Transform the 8 corners.
    const mat = new Matrix4().fromArray(m.transform);
    for (let i = 0; i < 8; i++) {
      const v = new Vector3(i & 1 ? b.max[0] : b.min[0], i & 2 ? b.max[1] : b.min[1], i & 4 ? b.max[2] : b.min[2]).applyMatrix4(mat);
      all.push(v);
    }
  }
  if (all.length === 0) return null;
  const min: Vec3 = [Math.min(...all.map((v) => v.x)), Math.min(...all.map((v) => v.y)), Math.min(...all.map((v) => v.z))];
  const max: Vec3 = [Math.max(...all.map((v) => v.x)), Math.max(...all.map((v) => v.y)), Math.max(...all.map((v) => v.z))];
  const s = boundsSphere(min, max);
  return { center: s.center, radiusMm: s.radiusMm, fovDeg: FOV_DEG, box: { min, max } };
}

/** Region around the probe and needle (the working area), when there is one. */
function workFraming(scene: Scene3dPlan): FramingContext | null {
  const pts: Vec3[] = [];
  if (scene.probe) {
    pts.push(scene.probe.position);
    const p = probePlane(scene.probe);
    if (p) pts.push([p.origin[0] + p.beam[0] * scene.probe.depthMm, p.origin[1] + p.beam[1] * scene.probe.depthMm, p.origin[2] + p.beam[2] * scene.probe.depthMm]);
  }
  if (scene.trajectory) pts.push(scene.trajectory.entry, scene.trajectory.target);
  if (pts.length === 0) return null;
  const min: Vec3 = [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.min(...pts.map((p) => p[2]))];
  const max: Vec3 = [Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[2]))];
  const s = boundsSphere(min, max);
  return { center: s.center, radiusMm: Math.max(s.radiusMm * 1.6, 70), fovDeg: FOV_DEG };
}

function CameraRig() {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const controls = useThree((s) => s.controls) as unknown as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  const anim = useRef<{ start: number; active: boolean }>({ start: 0, active: false });
  const request = useScene3d((s) => s.camera);
  const atlasReady = useScene3d((s) => s.atlasStatus);
  const scene = useScene3dPlan();
  const models = useScene3d((s) => s.models);
  const caseId = useCase((s) => s.history.present.id);
  const framedFor = useRef<string | null>(null);

  // Frame each case once its models have loaded: the probe and needle if it has them, else the whole body.
  useEffect(() => {
    if (framedFor.current === caseId || atlasReady === 'loading' || atlasReady === 'idle') return;
    if (!Object.values(models).some((m) => m.status === 'ready')) return;
    framedFor.current = caseId;
    useScene3d.getState().requestCamera(scene.probe || scene.trajectory ? 'work' : 'fit');
  }, [atlasReady, models, scene.probe, scene.trajectory, caseId]);

  useEffect(() => {
    if (!request || !controls) return;
    const aspect = camera.aspect || 1;
    const withAspect = (c: FramingContext | null) => (c ? { ...c, aspect } : null);
    const work = withAspect(workFraming(scene));
    const whole = withAspect(sceneFraming(scene, models));
    let pose;
    if (request.preset === 'work') {
      const ctx = work ?? whole;
      if (!ctx) return;
      pose = presetPose('fit', ctx, scene.probe ? probeViewDirection(scene.probe) : undefined);
    } else {
      const ctx = request.preset === 'fit' ? whole : (work ?? whole);
      if (!ctx) return;
      if (request.preset === 'needle' && !scene.trajectory) {
        notify('Place a needle first to look along it', 'info');
        return;
      }
      const t = scene.trajectory;
      scratchDir.copy(camera.position).sub(controls.target);
      pose = presetPose(request.preset, t ? { ...ctx, trajectory: t } : ctx, [scratchDir.x, scratchDir.y, scratchDir.z]);
    }
    animFrom.p.copy(camera.position);
    animFrom.t.copy(controls.target);
    animTo.p.set(...pose.position);
    animTo.t.set(...pose.target);
    anim.current = { start: performance.now(), active: true };
    invalidate();
    // Only a new request starts a move (scene edits do not move the camera).
  }, [request, controls]); // eslint-disable-line react-hooks/exhaustive-deps

  useFrame(() => {
    if (!anim.current.active || !controls) return;
    const k = Math.min(1, (performance.now() - anim.current.start) / ANIM_MS);
    const e = k * k * (3 - 2 * k);
    camera.position.lerpVectors(animFrom.p, animTo.p, e);
    controls.target.lerpVectors(animFrom.t, animTo.t, e);
    camera.lookAt(controls.target);
    controls.update();
    if (k >= 1) anim.current.active = false;
    invalidate();
  });
  return null;
}

/** A key light that follows the camera (calm, shadow-free lighting from the viewer's side). */
function Lights() {
  const key = useRef<DirectionalLight>(null);
  useFrame(({ camera }) => {
    const l = key.current;
    if (!l) return;
    l.position.copy(camera.position);
  });
  return (
    <>
      <hemisphereLight args={['#f4f6f8', '#40382f', 1.1]} />
      <ambientLight intensity={0.25} />
      <directionalLight ref={key} intensity={1.7} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------

/** Everything inside <Canvas>. */
export function SceneContent({ children }: { children?: ReactNode }) {
  const scene = useScene3dPlan();
  const models = useScene3d((s) => s.models);
  const selected = useScene3d((s) => s.selected);
  const gizmo = useScene3d((s) => s.gizmo);
  const roles = useMemo(() => ({ atRisk: scene.atRisk, target: scene.target }), [scene.atRisk, scene.target]);
  return (
    <>
      <color attach="background" args={[SCENE_COLORS.background]} />
      <Lights />
      <OrbitControls makeDefault enableDamping={false} rotateSpeed={0.7} zoomSpeed={0.9} minDistance={20} maxDistance={4000} />
      <CameraRig />
      <group onClick={onSceneClick} name="models">
        {scene.models.map((m) => {
          const rt = models[m.id];
          if (!rt || rt.status !== 'ready') return null;
          return <ModelView key={m.id} model={m} runtime={rt} roles={roles} selected={selected} gizmo={gizmo?.modelId === m.id ? gizmo.mode : null} />;
        })}
      </group>
      {scene.trajectory && <Needle t={scene.trajectory} />}
      <DraftPoints />
      {scene.probe && <Probe pose={scene.probe} />}
      <ClipNeedles />
      <RegistrationMarks />
      {children}
    </>
  );
}

