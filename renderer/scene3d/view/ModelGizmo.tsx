import { TransformControls } from '@react-three/drei';
import { Matrix4, type Object3D } from 'three';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { apply3d } from '../../state/scene3d';

/** The gizmo on a model; the transform is committed to the case when the drag ends (one undo step). */
export function ModelGizmo({ object, modelId, mode, pivot }: { object: Object3D; modelId: string; mode: 'translate' | 'rotate'; pivot: Vec3 }) {
  return (
    <TransformControls
      object={object}
      mode={mode}
      size={0.8}
      onMouseUp={() => {
        object.updateMatrix();
        const m = new Matrix4().copy(object.matrix).multiply(new Matrix4().makeTranslation(-pivot[0], -pivot[1], -pivot[2])).toArray();
        apply3d({ type: 'set-model-transform-3d', modelId, transform: m, label: mode === 'rotate' ? 'Rotate model' : 'Move model' });
      }}
    />
  );
}

