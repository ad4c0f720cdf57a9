import { create } from 'zustand';
import type { KeyFrame, KeyFrameTag } from '../../core/plan/schema';
import { normaliseAdjust, type ColourAdjust } from './colourAdjust';
import { BUDGET_KEY, loadBudget, loadWheel, persist, WHEEL_KEY, type WheelMode } from './viewerSettings';

/**
 * State of the 2D cine viewer: the clip on screen, the frame, playback, the view (zoom, pan,
 * rotation, flip, invert, window), overlays, key frames and settings (cache budget).
 *
 * The viewer (renderer/viewer2d) drives playback from this store; commands, toolbar and keyboard
 * only change this store. No patient data is kept here.
 *
 * Frame-rate state is kept out of React: while a clip plays, the frame on screen changes up to 60
 * times a second and goes only to `playhead` (below), which the few things that draw the frame
 * (the canvas, the frame readouts, the scrubber) listen to without re-rendering. The store's
 * `frame` is the settled frame: set by seeks and steps, and by the player when playback stops, so
 * components that select it (annotation layer, key-frame panel, key-frame menu) re-render only then.
 */

export type { KeyFrame, KeyFrameTag };

/** How playback continues at the end of the clip. */
export type LoopMode = 'loop' | 'bounce' | 'once';
export const LOOP_MODES: readonly LoopMode[] = ['loop', 'bounce', 'once'];
export const LOOP_LABELS: Record<LoopMode, string> = { loop: 'Loop', bounce: 'Bounce', once: 'Play once' };

/** Playback speeds offered (× the file's frame rate). */
export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4] as const;

/** The key-frame tags with the words a clinician reads (core/plan KeyFrameTag). */
export const KEY_FRAME_TAGS: readonly { tag: KeyFrameTag; label: string; short: string }[] = [
  { tag: 'scout', label: 'Scout view', short: 'Scout' },
  { tag: 'target', label: 'Target view', short: 'Target' },
  { tag: 'needle-visible', label: 'Needle visible', short: 'Needle' },
  { tag: 'la-spread', label: 'Spread of local anaesthetic', short: 'LA spread' },
  { tag: 'free', label: 'Note (free text)', short: 'Note' },
];
export const keyFrameLabel = (k: Pick<KeyFrame, 'tag' | 'text'>) =>
  k.tag === 'free' ? k.text || 'Note' : (KEY_FRAME_TAGS.find((t) => t.tag === k.tag)?.label ?? k.tag);

export type RotationDeg = 0 | 90 | 180 | 270;

export interface ViewState {
  /** Screen px per image px, or 'fit' (the whole image in the viewport). */
  zoom: number | 'fit';
  /** Pan, in image px along the screen axes (cornerstone's translation). */
  panX: number;
  panY: number;
  rotationDeg: RotationDeg;
  hflip: boolean;
  invert: boolean;
  /** Window for grayscale clips in modality units; null = the file's window (or the frame's range). */
  voi: { windowCenter: number; windowWidth: number } | null;
  /** Brightness/contrast of colour clips (./colourAdjust.ts); null = as stored. */
  colour: ColourAdjust | null;
}

export interface Overlays {
  /** Frame, time, rate, calibration. */
  info: boolean;
  /** Patient name, ID, birth date: off by default, never in screenshots unless turned on. */
  patient: boolean;
  /** Effective frames/s, dropped frames, decode queue, cache use. */
  diagnostics: boolean;
  /** Depth scale in mm along the calibrated region. */
  depthScale: boolean;
}

export interface Diagnostics {
  /** Distinct frames put on screen per second (last second). */
  effectiveFps: number;
  /** Display refreshes at which the due frame was not decoded, since play. */
  dropped: number;
  opportunities: number;
  /** Distinct frames put on screen, frames that fell due, and wall time played (ms), since play. */
  framesShown: number;
  framesDue: number;
  playedMs: number;
  /** Display refreshes (animation frames) while playing. */
  ticks: number;
  /** Frames waiting for a decoder. */
  queued: number;
  /** Frames decoded by the worker pool since the app started (re-decodes included). */
  decoded: number;
  /** Decoded frames held, MB, and the budget, MB. */
  cacheMb: number;
  budgetMb: number;
}

export interface LoadProgress {
  /** Frames decoded and held. */
  done: number;
  /** Frames to decode (the whole clip, or what the cache budget holds). */
  total: number;
  /** The user stopped background loading; frames now decode as they are shown. */
  cancelled: boolean;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 32;
const ZOOM_STEP = 1.25;
export { CACHE_BUDGETS_MB, DEFAULT_CACHE_BUDGET_MB, type WheelMode } from './viewerSettings';

const defaultView = (): ViewState => ({ zoom: 'fit', panX: 0, panY: 0, rotationDeg: 0, hflip: false, invert: false, voi: null, colour: null });

let keyFrameSeq = 0;

export interface ViewerState {
  /** Id of the file on screen (renderer/state/files.ts), or null. */
  clipId: string | null;
  /** Stable clip identity for key frames (SOP Instance UID or path). */
  clipUid: string | null;
  frameCount: number;
  /**
   * The settled frame, 0-based: the frame on screen whenever the clip is not playing (seek, step,
   * select, and the frame where playback stopped). Not updated during playback; see `playhead`.
   */
  frame: number;
  /** Bumped by every user seek (so the player re-syncs even to the same frame). */
  seekSeq: number;
  playing: boolean;
  speed: number;
  loop: LoopMode;
  view: ViewState;
  /** Scale at which the image fits the viewport (set by the viewport). */
  fitScale: number;
  overlays: Overlays;
  keyFrames: KeyFrame[];
  /** cacheBudgetMb: memory for the open clips (their files and decoded frames), MB; wheel: what the wheel does. */
  settings: { cacheBudgetMb: number; wheel: WheelMode };
  progress: Record<string, LoadProgress>;
  diagnostics: Diagnostics | null;

  select(clipId: string | null, info?: { frameCount: number; clipUid: string }): void;
  /** User seek (scrubber, step, key frame). */
  seek(frame: number): void;
  /** The player reports the frame it settled on (when playback stops); during playback use `playhead`. */
  showFrame(frame: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(delta: number): void;
  first(): void;
  last(): void;
  setSpeed(speed: number): void;
  faster(): void;
  slower(): void;
  setLoop(mode: LoopMode): void;
  cycleLoop(): void;

  setFitScale(s: number): void;
  zoomIn(): void;
  zoomOut(): void;
  zoomFit(): void;
  zoomActual(): void;
  /** Set zoom and pan together (wheel zoom about the cursor). */
  setZoomPan(zoom: number, panX: number, panY: number): void;
  panBy(dxImagePx: number, dyImagePx: number): void;
  rotate(): void;
  flip(): void;
  toggleInvert(): void;
  setVoi(voi: ViewState['voi']): void;
  setColour(c: ColourAdjust | null): void;
  resetView(): void;
  toggleOverlay(k: keyof Overlays): void;

  addKeyFrame(tag: KeyFrameTag, text?: string): KeyFrame | null;
  updateKeyFrame(id: string, patch: Partial<Pick<KeyFrame, 'tag' | 'text'>>): void;
  removeKeyFrame(id: string): void;

  setCacheBudgetMb(mb: number): void;
  setWheel(mode: WheelMode): void;
  setProgress(clipId: string, p: LoadProgress | null): void;
  setDiagnostics(d: Diagnostics | null): void;
}

const clampZoom = (z: number) => Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));

export const useViewer = create<ViewerState>((set, get) => ({
  clipId: null,
  clipUid: null,
  frameCount: 0,
  frame: 0,
  seekSeq: 0,
  playing: false,
  speed: 1,
  loop: 'loop',
  view: defaultView(),
  fitScale: 1,
  overlays: { info: true, patient: false, diagnostics: false, depthScale: true },
  keyFrames: [],
  settings: { cacheBudgetMb: loadBudget(), wheel: loadWheel() },
  progress: {},
  diagnostics: null,

  select(clipId, info) {
    if (clipId === get().clipId) return;
    set((s) => ({
      clipId,
      clipUid: info?.clipUid ?? null,
      frameCount: info?.frameCount ?? 0,
      frame: 0,
      seekSeq: s.seekSeq + 1,
      playing: false,
      view: defaultView(),
      diagnostics: null,
    }));
  },
  seek(frame) {
    const n = get().frameCount;
    if (n <= 0) return;
    const f = Math.max(0, Math.min(n - 1, Math.round(frame)));
    set((s) => ({ frame: f, seekSeq: s.seekSeq + 1 }));
  },
  showFrame(frame) {
    if (frame !== get().frame) set({ frame });
  },
  play() {
    if (get().frameCount > 1) set({ playing: true });
  },
  pause() {
    set({ playing: false });
  },
  togglePlay() {
    if (get().playing) get().pause();
    else get().play();
  },
  step(delta) {
    const { frame, frameCount } = get();
    set({ playing: false });
    if (frameCount > 0) get().seek(Math.max(0, Math.min(frameCount - 1, frame + delta)));
  },
  first() {
    set({ playing: false });
    get().seek(0);
  },
  last() {
    set({ playing: false });
    get().seek(get().frameCount - 1);
  },
  setSpeed(speed) {
    set({ speed: Math.max(SPEEDS[0], Math.min(SPEEDS[SPEEDS.length - 1]!, speed)) });
  },
  faster() {
    const s = get().speed;
    get().setSpeed(SPEEDS.find((x) => x > s + 1e-9) ?? SPEEDS[SPEEDS.length - 1]!);
  },
  slower() {
    const s = get().speed;
    get().setSpeed([...SPEEDS].reverse().find((x) => x < s - 1e-9) ?? SPEEDS[0]);
  },
  setLoop(loop) {
    set({ loop });
  },
  cycleLoop() {
    const i = LOOP_MODES.indexOf(get().loop);
    set({ loop: LOOP_MODES[(i + 1) % LOOP_MODES.length]! });
  },

  setFitScale(fitScale) {
    if (fitScale > 0 && Number.isFinite(fitScale) && fitScale !== get().fitScale) set({ fitScale });
  },
  zoomIn() {
    const { view, fitScale } = get();
    const base = view.zoom === 'fit' ? fitScale : view.zoom;
    set({ view: { ...view, zoom: clampZoom(base * ZOOM_STEP) } });
  },
  zoomOut() {
    const { view, fitScale } = get();
    const base = view.zoom === 'fit' ? fitScale : view.zoom;
    set({ view: { ...view, zoom: clampZoom(base / ZOOM_STEP) } });
  },
  zoomFit() {
    set((s) => ({ view: { ...s.view, zoom: 'fit', panX: 0, panY: 0 } }));
  },
  zoomActual() {
    set((s) => ({ view: { ...s.view, zoom: 1 } }));
  },
  setZoomPan(zoom, panX, panY) {
    set((s) => ({ view: { ...s.view, zoom: clampZoom(zoom), panX, panY } }));
  },
  panBy(dx, dy) {
    set((s) => ({ view: { ...s.view, panX: s.view.panX + dx, panY: s.view.panY + dy } }));
  },
  rotate() {
    set((s) => ({ view: { ...s.view, rotationDeg: (((s.view.rotationDeg + 90) % 360) as RotationDeg) } }));
  },
  flip() {
    set((s) => ({ view: { ...s.view, hflip: !s.view.hflip } }));
  },
  toggleInvert() {
    set((s) => ({ view: { ...s.view, invert: !s.view.invert } }));
  },
  setVoi(voi) {
    set((s) => ({ view: { ...s.view, voi } }));
  },
  setColour(c) {
    set((s) => ({ view: { ...s.view, colour: normaliseAdjust(c) } }));
  },
  resetView() {
    set({ view: defaultView() });
  },
  toggleOverlay(k) {
    set((s) => ({ overlays: { ...s.overlays, [k]: !s.overlays[k] } }));
  },

  addKeyFrame(tag, text = '') {
    const { clipUid, frame, frameCount } = get();
    if (!clipUid || frameCount === 0) return null;
    const k: KeyFrame = { id: `kf-${Date.now().toString(36)}-${++keyFrameSeq}`, clipId: clipUid, frameIndex: frame, tag, text: text.slice(0, 4000) };
    set((s) => ({ keyFrames: [...s.keyFrames, k].sort((a, b) => a.clipId.localeCompare(b.clipId) || a.frameIndex - b.frameIndex) }));
    return k;
  },
  updateKeyFrame(id, patch) {
    set((s) => ({ keyFrames: s.keyFrames.map((k) => (k.id === id ? { ...k, ...patch, text: (patch.text ?? k.text).slice(0, 4000) } : k)) }));
  },
  removeKeyFrame(id) {
    set((s) => ({ keyFrames: s.keyFrames.filter((k) => k.id !== id) }));
  },

  setCacheBudgetMb(mb) {
    const v = Math.max(64, Math.min(16384, Math.round(mb)));
    persist(BUDGET_KEY, String(v));
    set({ settings: { ...get().settings, cacheBudgetMb: v } });
  },
  setWheel(wheel) {
    persist(WHEEL_KEY, wheel);
    set({ settings: { ...get().settings, wheel } });
  },
  setProgress(clipId, p) {
    set((s) => {
      const next = { ...s.progress };
      if (p) next[clipId] = p;
      else delete next[clipId];
      return { progress: next };
    });
  },
  setDiagnostics(diagnostics) {
    set({ diagnostics });
  },
}));

type PlayheadListener = (frame: number) => void;
const playheadListeners = new Set<PlayheadListener>();
let playheadFrame = 0;

/**
 * The frame on screen at the display's rate, 0-based: written by the 2D player on every frame it
 * shows (and following every change of the store's settled `frame`), read by what draws the frame.
 * Deliberately not a React store: subscribe with `subscribe` (no re-render), never with a hook, so
 * playback re-renders nothing (issue 13 item 7).
 */
export const playhead = {
  get frame(): number {
    return playheadFrame;
  },
  /** The player only. */
  set(frame: number): void {
    if (frame === playheadFrame) return;
    playheadFrame = frame;
    for (const l of playheadListeners) l(frame);
  },
  subscribe(l: PlayheadListener): () => void {
    playheadListeners.add(l);
    return () => playheadListeners.delete(l);
  },
};

// Seeks, steps and the settled frame reach the playhead too.
useViewer.subscribe((s, prev) => {
  if (s.frame !== prev.frame || s.clipId !== prev.clipId) playhead.set(s.frame);
});
