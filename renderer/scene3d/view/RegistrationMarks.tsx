/** Landmarks picked for a registration (moving model M1…, fixed model F1…). */
import { useScene3d } from '../../state/scene3d';
import { Ball } from './Ball';
import { SCENE_COLORS } from './colors';

export function RegistrationMarks() {
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

