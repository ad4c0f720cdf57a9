/**
 * Hooks the note UI shares: the note as shown (stored + prefilled), the plan's measurements, and the
 * key images (rendered once per change of what they show, shared by the panel and the editor).
 */
import { useEffect, useMemo } from 'react';
import type { KeyImage } from '../../../core/notes/keyimages';
import { keyImageRequests, prefillNote } from '../../../core/app/index';
import type { Note } from '../../../core/notes/schema';
import type { Case, ClipMeasurements } from '../../../core/plan/index';
import { useCase, type ClipRuntime } from '../../state/case';
import { useKeyImages, type KeyImageState } from '../../state/keyImages';
import { caseMeasurements } from '../../state/note';
import { renderKeyImages } from '../../services/frames';

export interface NoteModel {
  plan: Case;
  runtimes: Record<string, ClipRuntime>;
  measurements: ClipMeasurements[];
  /** The note as shown: stored values, empty ones prefilled from the plan. */
  note: Note;
}

/** The open case's note model, recomputed when the case changes. */
export function useNoteModel(): NoteModel {
  const plan = useCase((s) => s.history.present);
  const runtimes = useCase((s) => s.clips);
  const measurements = useMemo(() => caseMeasurements(plan, runtimes), [plan, runtimes]);
  const note = useMemo(() => prefillNote(plan, measurements), [plan, measurements]);
  return { plan, runtimes, measurements, note };
}

let generation = 0;

/** What the key images show (frames, marks, captions, clip bytes): they are drawn again only when this changes. */
function keyOf(plan: Case, measurements: readonly ClipMeasurements[], runtimes: Record<string, ClipRuntime>): string {
  return JSON.stringify([plan.clips.map((c) => [c.id, c.sha256, !!runtimes[c.id]]), keyImageRequests(plan, measurements)]);
}

/** Keep the key images of the open case up to date while a component showing them is mounted. */
export function useKeyImagesFor(m: Pick<NoteModel, 'plan' | 'measurements' | 'runtimes'>): KeyImageState {
  const key = useMemo(() => keyOf(m.plan, m.measurements, m.runtimes), [m.plan, m.measurements, m.runtimes]);
  useEffect(() => {
    if (useKeyImages.getState().key === key) return;
    const mine = ++generation;
    useKeyImages.setState({ key, busy: true });
    void renderKeyImages(m.plan, m.measurements, m.runtimes).then((r) => {
      if (mine !== generation) return;
      const old = useKeyImages.getState().urls;
      const urls = new Map<KeyImage, string>();
      for (const img of r.images) urls.set(img, old.get(img) ?? URL.createObjectURL(new Blob([img.png as Uint8Array<ArrayBuffer>], { type: 'image/png' })));
      for (const [img, u] of old) if (!urls.has(img)) URL.revokeObjectURL(u);
      useKeyImages.setState({ images: r.images, errors: r.errors, busy: false, urls });
    });
    // m is read through `key`; a new key means new inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return useKeyImages();
}
