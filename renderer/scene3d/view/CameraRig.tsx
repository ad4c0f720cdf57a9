/**
 * The camera: frames each case once its models have loaded (the probe and needle if it has them,
 * else the whole body), and animates to the presets the toolbar requests. Mutates in useFrame only.
 */
import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Matrix4, Vector3, type PerspectiveCamera } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { meshBounds } from '../../../core/anatomy/mesh';
import { probePlane, type Scene3dPlan } from '../../../core/anatomy/plan3d';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { useCase } from '../../state/case';
import { notify } from '../../state/messages';
import { useScene3d, useScene3dPlan, type ModelRuntime } from '../../state/scene3d';
import { boundsSphere, presetPose, probeViewDirection, type FramingContext } from '../camera';
import { modelGeometry } from '../geometry';
import { FOV_DEG } from './colors';

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

export function CameraRig() {
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

