/**
 * One model of the scene: its structures (./StructureMesh) in a group carrying the model's transform
 * about its own centre (where the gizmo sits), and the gizmo when the model is being moved.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { Matrix4, type Group } from 'three';
import { meshBounds } from '../../../core/anatomy/mesh';
import type { ModelRef, Scene3dPlan } from '../../../core/anatomy/plan3d';
import { effectiveStructure } from '../../../core/anatomy/scene-edits';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { useScene3d, type ModelRuntime } from '../../state/scene3d';
import { modelGeometry } from '../geometry';
import { ModelGizmo } from './ModelGizmo';
import { StructureMesh } from './StructureMesh';

const scratchMatrix = new Matrix4();
const scratchPivot = new Matrix4();

export const ModelView = memo(function ModelView({ model, runtime, roles, selected, gizmo }: { model: ModelRef; runtime: ModelRuntime; roles: Pick<Scene3dPlan, 'target' | 'atRisk'>; selected: string | null; gizmo: 'translate' | 'rotate' | null }) {
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


