/** A cylinder between two points (needle shafts, depth marks). */
import { useMemo } from 'react';
import { Quaternion, Vector3 } from 'three';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { noRaycast, unitCylinder, Y_AXIS } from './primitives';

export function Rod({ from, to, radius, color, opacity = 1 }: { from: Vec3; to: Vec3; radius: number; color: string; opacity?: number }) {
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

