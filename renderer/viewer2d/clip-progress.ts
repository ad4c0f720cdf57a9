/**
 * Loading progress of the clip on screen ("Decoding frames 120 of 300", with Cancel), for the
 * viewer's loading bar and the file list. Updated at most every 100 ms, and shown only when loading
 * takes longer than PROGRESS_DELAY_MS.
 */
import { useViewer } from '../state/viewer';
import type { Clip } from './clips';
import { isTransient } from './prefetch';

/** The progress bar appears only when loading takes longer than this, ms. */
const PROGRESS_DELAY_MS = 300;

export class ClipProgress {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending = new Set<string>();

  constructor(
    private readonly clips: ReadonlyMap<string, Clip>,
    private readonly cache: { readonly budgetBytes: number; keys(): string[] },
  ) {}

  /**
   * Frames of a clip held in the cache, and how many stay decoded: the whole clip when it fits, else
   * its resident frames (the transient ones come and go during playback, see keepPlan).
   */
  of(clipId: string): { done: number; total: number } {
    const clip = this.clips.get(clipId);
    if (!clip) return { done: 0, total: 0 };
    const n = clip.image.availableFrames;
    const capacity = Math.max(1, Math.floor(this.cache.budgetBytes / clip.frameBytes));
    const transient = clip.plan && clip.plan.n === n ? clip.plan.transient : Math.max(0, n - capacity);
    const total = n - transient;
    let done = 0;
    const prefix = `${clipId}:`;
    for (const k of this.cache.keys()) if (k.startsWith(prefix) && !isTransient(Number(k.slice(prefix.length)), n, transient)) done++;
    for (const f of clip.failedFrames) if (!isTransient(f, n, transient)) done++;
    return { done: Math.min(done, total), total };
  }

  /** Update a clip's progress soon (batched). */
  soon(clipId: string): void {
    this.pending.add(clipId);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const ids = [...this.pending];
      this.pending.clear();
      for (const id of ids) this.update(id);
    }, 100);
  }

  update(clipId: string): void {
    const clip = this.clips.get(clipId);
    const v = useViewer.getState();
    if (!clip) return;
    // Only the clip on screen loads in the background (the others hold at most their first frame).
    if (v.clipId !== clipId) {
      if (v.progress[clipId]) v.setProgress(clipId, null);
      return;
    }
    const { done, total } = this.of(clipId);
    const show = !clip.loadCancelled && done < total && performance.now() - clip.loadStartedAtMs > PROGRESS_DELAY_MS;
    if (show) v.setProgress(clipId, { done, total, cancelled: false });
    else if (clip.loadCancelled && done < total) v.setProgress(clipId, { done, total, cancelled: true });
    else if (v.progress[clipId]) v.setProgress(clipId, null);
    if (done < total && !clip.loadCancelled) this.soon(clipId);
  }
}
