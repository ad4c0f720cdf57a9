/** A sphere marker with an optional label (entry, target, landmarks). */
import { Html } from '@react-three/drei';
import type { Vec3 } from '../../../core/anatomy/vec3';
import { noRaycast, unitSphere } from './primitives';

export function Ball({ at, radius, color, label }: { at: Vec3; radius: number; color: string; label?: string }) {
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

