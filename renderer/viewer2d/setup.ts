/**
 * Viewer wiring that must exist before the viewer itself is loaded: the open handler for DICOM
 * files (dialog, folder, drag-and-drop, recent files; both bridges) and the viewer's commands (so the
 * shortcuts dialog, toolbar buttons and the native menu find them). "Open sample case" is the plan's
 * (a case with its clip: renderer/ui/plan/PlanHost.tsx).
 * Light on purpose: cornerstone, the parser and the workers load on first use.
 */
import { lazy, useEffect, type ComponentType } from 'react';
import type { OpenedFile } from '../bridge/types';
import { useCommands, type Command } from '../state/commands';
import { useViewer } from '../state/viewer';
import { READ_ONLY_REASON, useCase } from '../state/case';
import { setOpenHandler, setUnreadDicomHandler, type UnreadFile } from '../state/openHandlers';
import { useViewerUi } from '../state/viewerUi';
import type { Viewer2DProps } from './Viewer2D';

/** The clip store (open clips, decoding, frame cache), loaded on first use. */
export const loadClipStore = () => import('./clips').then((m) => m.getClipStore());

type ViewerModule = { Viewer2D: ComponentType<Viewer2DProps> };
let viewerModule: ViewerModule | null = null;
let viewerLoading: Promise<ViewerModule> | null = null;

/** Load the viewer (cornerstone and the React components) ahead of need. */
export function preloadViewer(): Promise<ViewerModule> {
  viewerLoading ??= import('./Viewer2D').then((m) => (viewerModule = m));
  return viewerLoading;
}

/**
 * The viewer as a lazy component that does not suspend once it has been preloaded: React.lazy
 * reads a thenable that resolves synchronously at once, so opening the first clip swaps the empty
 * state for the viewer in the same commit (a suspended lazy shows its fallback for at least
 * React's 300 ms reveal throttle, which would delay the first frame).
 */
export const Viewer2DLazy = lazy<ComponentType<Viewer2DProps>>(() => {
  const m = viewerModule;
  if (m) return { then: (resolve: (v: { default: ComponentType<Viewer2DProps> }) => void) => resolve({ default: m.Viewer2D }) } as unknown as Promise<{ default: ComponentType<Viewer2DProps> }>;
  return preloadViewer().then((x) => ({ default: x.Viewer2D }));
});

export async function openDicomFiles(files: OpenedFile[]): Promise<void> {
  await (await loadClipStore()).openFiles(files);
}

/** DICOM files not read yet (a folder): read one at a time by the clip store (clip-open.ts). */
export async function openUnreadDicomFiles(files: UnreadFile[]): Promise<void> {
  await (await loadClipStore()).openFiles(
    files.map((f) => ({
      name: f.name,
      path: f.path,
      read: async () => {
        const r = await f.read();
        return r.ok ? { ok: true as const, value: r.value.bytes } : r;
      },
    })),
  );
}

const hasClip = () => useViewer.getState().clipId !== null;
const v = () => useViewer.getState();

/** The viewer's commands (ids are also sent by the native menu: view.zoomIn/zoomOut/zoomFit). */
export function viewerCommands(): Command[] {
  const clip = { enabled: hasClip };
  return [
    { id: 'cine.playPause', label: 'Play or pause', group: 'Cine', shortcut: 'Space', run: () => v().togglePlay(), ...clip },
    { id: 'cine.stepBack', label: 'Previous frame', group: 'Cine', shortcut: 'ArrowLeft', run: () => v().step(-1), ...clip },
    { id: 'cine.stepForward', label: 'Next frame', group: 'Cine', shortcut: 'ArrowRight', run: () => v().step(1), ...clip },
    { id: 'cine.first', label: 'First frame', group: 'Cine', shortcut: 'Home', run: () => v().first(), ...clip },
    { id: 'cine.last', label: 'Last frame', group: 'Cine', shortcut: 'End', run: () => v().last(), ...clip },
    { id: 'cine.slower', label: 'Slower', group: 'Cine', shortcut: '[', run: () => v().slower(), ...clip },
    { id: 'cine.faster', label: 'Faster', group: 'Cine', shortcut: ']', run: () => v().faster(), ...clip },
    { id: 'cine.loopMode', label: 'Loop, bounce or play once', group: 'Cine', shortcut: 'L', run: () => v().cycleLoop(), ...clip },
    {
      id: 'cine.addKeyFrame',
      label: 'Mark this frame as a key frame…',
      group: 'Cine',
      shortcut: 'K',
      run: () => {
        v().pause(); // mark exactly the frame on screen
        useViewerUi.getState().openKeyFrameMenu();
      },
      // Key frames are part of the plan: a read-only teaching case refuses them, saying why.
      enabled: () => hasClip() && !useCase.getState().readOnly,
      disabledReason: () => (hasClip() && useCase.getState().readOnly ? READ_ONLY_REASON : null),
    },
    { id: 'view.zoomIn', label: 'Zoom in', group: 'View', shortcut: '=', run: () => v().zoomIn(), ...clip },
    { id: 'view.zoomOut', label: 'Zoom out', group: 'View', shortcut: '-', run: () => v().zoomOut(), ...clip },
    { id: 'view.zoomFit', label: 'Fit to window', group: 'View', shortcut: 'F', run: () => v().zoomFit(), ...clip },
    { id: 'view.zoomActual', label: 'Actual size (1 image pixel = 1 screen pixel)', group: 'View', shortcut: '1', run: () => v().zoomActual(), ...clip },
    { id: 'view.rotate', label: 'Rotate 90° clockwise', group: 'View', shortcut: 'R', run: () => v().rotate(), ...clip },
    { id: 'view.flip', label: 'Flip left–right', group: 'View', shortcut: 'H', run: () => v().flip(), ...clip },
    { id: 'view.invert', label: 'Invert grey levels', group: 'View', shortcut: 'I', run: () => v().toggleInvert(), ...clip },
    {
      id: 'view.resetWindow',
      label: 'Reset window/level (greyscale) or brightness/contrast (colour)',
      group: 'View',
      shortcut: 'W',
      run: () => (useViewerUi.getState().grayscale ? v().setVoi(null) : v().setColour(null)),
      ...clip,
    },
    { id: 'view.resetView', label: 'Reset view', group: 'View', shortcut: 'Shift+R', run: () => v().resetView(), ...clip },
    { id: 'view.toggleInfo', label: 'Show or hide frame and calibration overlay', group: 'View', shortcut: 'O', run: () => v().toggleOverlay('info'), ...clip },
    { id: 'view.toggleDepthScale', label: 'Show or hide the depth scale', group: 'View', shortcut: 'S', run: () => v().toggleOverlay('depthScale'), ...clip },
    { id: 'view.togglePatient', label: 'Show or hide patient details', group: 'View', shortcut: 'P', run: () => v().toggleOverlay('patient'), ...clip },
    { id: 'view.toggleDiagnostics', label: 'Show or hide playback diagnostics', group: 'View', shortcut: 'D', run: () => v().toggleOverlay('diagnostics'), ...clip },
  ];
}

/** Install the viewer's open handler and commands (App shell, once). */
export function useViewerSetup(): void {
  const register = useCommands((s) => s.register);
  useEffect(() => {
    setOpenHandler('dicom', openDicomFiles);
    setUnreadDicomHandler(openUnreadDicomFiles);
    const off = register(viewerCommands());
    // Start the decode workers when the app is idle, so the first clip opens without a cold start.
    let cancelled = false;
    const warm = () => {
      if (cancelled || typeof Worker === 'undefined') return;
      void loadClipStore().then((s) => s.pool.warm());
      void preloadViewer(); // the viewer itself (cornerstone), so the first clip paints at once
    };
    const t = setTimeout(warm, 800);
    return () => {
      cancelled = true;
      clearTimeout(t);
      off();
      setOpenHandler('dicom', null);
      setUnreadDicomHandler(null);
    };
  }, [register]);
}
