/** One structure of a model; memoised on plain values so a probe or needle edit does not re-render every mesh. */
import { memo, useMemo } from 'react';
import { DoubleSide } from 'three';
import type { TriMesh } from '../../../core/anatomy/mesh';
import type { StructureInfo } from '../../state/scene3d';
import { acceleratedRaycast, geometryOf } from '../meshes';
import type { PickUserData } from './picking';

export const StructureMesh = memo(function StructureMesh({ info, visible, opacity, color, selected, mesh }: { info: StructureInfo; visible: boolean; opacity: number; color: string; selected: boolean; mesh: TriMesh }) {
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

