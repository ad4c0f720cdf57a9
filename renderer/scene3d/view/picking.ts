/**
 * Clicks in the 3D view (handled once, at the models' root): select a structure, pick the needle
 * entry and target, place the probe on the skin, pick registration landmarks. Each plan edit is a
 * 3D command (one undo step).
 */
import type { ThreeEvent } from '@react-three/fiber';
import { Vector3, type Intersection } from 'three';
import { probeAt } from '../../../core/anatomy/probe';
import type { Trajectory3d } from '../../../core/anatomy/plan3d';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { notify } from '../../state/messages';
import { apply3d, currentScene3d, useScene3d, type SurfaceHit } from '../../state/scene3d';

/** What a pickable mesh carries (set by ./StructureMesh). */
export interface PickUserData {
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

/** One click handler at the models' root: what the click does depends on the active tool. */
export function onSceneClick(e: ThreeEvent<MouseEvent>): void {
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
        apply3d({ type: 'set-trajectory-3d', trajectory: { entry: h.point, target, entryNormal: h.normal }, label: 'Set needle entry' });
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
        apply3d({ type: 'set-trajectory-3d', trajectory: t, label: cur ? 'Set needle target' : 'Place needle' });
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
        apply3d({ type: 'set-probe-3d', probe: pose, label: current ? 'Move probe' : 'Place probe' });
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

