import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { DirectionalLight } from 'three';

/** A key light that follows the camera (calm, shadow-free lighting from the viewer's side). */
export function Lights() {
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

