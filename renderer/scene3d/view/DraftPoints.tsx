/** The entry or target picked before the other end of the needle. */
import { useScene3d } from '../../state/scene3d';
import { Ball } from './Ball';
import { SCENE_COLORS } from './colors';

export function DraftPoints() {
  const entry = useScene3d((s) => s.draftEntry);
  const target = useScene3d((s) => s.draftTarget);
  return (
    <>
      {entry && <Ball at={entry.point} radius={1.6} color={SCENE_COLORS.entry} label="Entry — now pick the target" />}
      {target && <Ball at={target} radius={1.8} color={SCENE_COLORS.target} label="Target — now pick the entry" />}
    </>
  );
}

