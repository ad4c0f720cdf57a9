/** Needle paths drawn on clip frames tied to the probe, placed in 3D (core/plan/scene3d-links). */
import { useMemo } from 'react';
import { clipNeedlesIn3d } from '../../../core/plan/scene3d-links';
import { useCase } from '../../state/case';
import { useScene3d } from '../../state/scene3d';
import { SCENE_COLORS } from './colors';
import { Rod } from './Rod';

export function ClipNeedles() {
  const plan = useCase((s) => s.history.present);
  const show = useScene3d((s) => s.showClipPaths);
  const paths = useMemo(() => (show ? clipNeedlesIn3d(plan) : []), [plan, show]);
  return (
    <>
      {paths.map((p) => (
        <Rod key={`${p.clipId}/${p.id}`} from={p.entry} to={p.target} radius={0.45} color={SCENE_COLORS.clipNeedle} opacity={0.9} />
      ))}
    </>
  );
}

