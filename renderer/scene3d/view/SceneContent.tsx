/**
 * What the 3D canvas draws: calm lighting, the models (one mesh per structure, BVH-accelerated
 * picking), the needle with 1 cm depth marks and its clearance, the virtual probe and its imaging
 * plane, linked clips' 2D needle paths, the gizmo of a model being moved, and the camera rig. One
 * r3f component per file in this folder.
 *
 * r3f rules followed here: mutate in useFrame and never set React state there; nothing is allocated
 * per frame (scratch vectors live at module level); clicks are handled once at the models' root.
 */
import { useMemo, type ReactNode } from 'react';
import { OrbitControls } from '@react-three/drei';
import { useScene3d, useScene3dPlan } from '../../state/scene3d';
import { CameraRig } from './CameraRig';
import { ClipNeedles } from './ClipNeedles';
import { SCENE_COLORS } from './colors';
import { DraftPoints } from './DraftPoints';
import { Lights } from './Lights';
import { ModelView } from './ModelView';
import { Needle } from './Needle';
import { onSceneClick } from './picking';
import { Probe } from './Probe';
import { RegistrationMarks } from './RegistrationMarks';

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

