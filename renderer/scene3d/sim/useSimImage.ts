/**
 * The simulated image of the current probe pose, made in the worker and updated as the probe moves,
 * the gain changes or structures are shown or hidden. `columns` × `rows` is the image size in device
 * pixels (the panel's size).
 */
import { useEffect, useState } from 'react';
import type { AppError } from '../../../core/result';
import { reportError } from '../../state/messages';
import { useScene3d, useScene3dPlan } from '../../state/scene3d';
import { simClient, simScene, type SimFrame } from './client';

export function useSimImage(o: { enabled: boolean; columns: number; rows: number }): { frame: SimFrame | null; error: AppError | null; frames: number } {
  const scene = useScene3dPlan();
  const models = useScene3d((s) => s.models);
  const geometryVersion = useScene3d((s) => s.geometryVersion);
  const gainDb = useScene3d((s) => s.gainDb);
  const [state, setState] = useState<{ frame: SimFrame | null; error: AppError | null; frames: number }>({ frame: null, error: null, frames: 0 });

  useEffect(() => {
    if (!o.enabled) return;
    const c = simClient();
    if (!c.ok) {
      setState((s) => ({ ...s, error: c.error }));
      return;
    }
    c.value.onFrame = (frame) => setState((s) => ({ frame, error: null, frames: s.frames + 1 }));
    c.value.onError = (error) => {
      reportError(error, 'warning');
      setState((s) => ({ ...s, error }));
    };
    return () => {
      c.value.onFrame = null;
      c.value.onError = null;
    };
  }, [o.enabled]);

  const pose = scene.probe;
  useEffect(() => {
    void geometryVersion;
    if (!o.enabled || !pose || o.columns < 16 || o.rows < 16) return;
    const c = simClient();
    if (!c.ok) return;
    c.value.syncModels(scene, models);
    c.value.requestFrame({ scene: simScene(scene, models), pose, trajectory: scene.trajectory ?? null, columns: o.columns, rows: o.rows, gainDb });
  }, [o.enabled, o.columns, o.rows, pose, scene, models, geometryVersion, gainDb]);

  return state;
}
