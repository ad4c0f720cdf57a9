import { useEffect, useRef, type PointerEvent as RPointerEvent, type WheelEvent as RWheelEvent } from 'react';
import { useViewer } from '../state/viewer';
import { getClipStore } from './clips';
import { cornerstone } from './cs';
import { Player } from './player';
import { useViewerUi } from '../state/viewerUi';
import { adjustText, adjustToWindow, windowToAdjust } from '../state/colourAdjust';

/** Wheel delta (CSS px) that steps one frame when the wheel steps frames (one notch of a mouse wheel). */
const WHEEL_FRAME_STEP = 100;

interface Drag {
  /** pan: move the image; window: window/level (greyscale); colour: brightness/contrast (colour clips). */
  mode: 'pan' | 'window' | 'colour';
  x: number;
  y: number;
  /** Window at the start of a window/level drag, modality units. */
  voi?: { windowCenter: number; windowWidth: number };
  /** Modality units per screen px for window/level. */
  k?: number;
}

/**
 * The cornerstone element. The wheel zooms about the cursor or steps frames (the viewer setting;
 * Shift+wheel does the other), drag pans, right-drag (or Shift+drag) sets window/level on greyscale
 * clips and brightness/contrast on colour clips (with the values shown while dragging), double-click fits.
 */
export function Viewport() {
  const el = useRef<HTMLDivElement>(null);
  const player = useRef<Player | null>(null);
  const drag = useRef<Drag | null>(null);
  const wheelRest = useRef(0);
  const wheelMode = useViewer((s) => s.settings.wheel);
  const clipId = useViewer((s) => s.clipId);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const p = new Player(node, getClipStore());
    player.current = p;
    const ro = new ResizeObserver(() => p.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      p.destroy();
      player.current = null;
    };
  }, []);

  useEffect(() => {
    const clip = getClipStore().get(clipId);
    const m = clip?.image.meta;
    useViewerUi.getState().setGrayscale(!!m && m.samplesPerPixel === 1 && m.photometricInterpretation !== 'PALETTE COLOR');
  }, [clipId]);

  const scaleNow = (): number => {
    const s = useViewer.getState();
    return s.view.zoom === 'fit' ? s.fitScale : s.view.zoom;
  };

  const onWheel = (e: RWheelEvent<HTMLDivElement>) => {
    const node = el.current;
    if (!node || !useViewer.getState().clipId) return;
    // Shift+wheel does the other of zoom / step frames (Chromium turns Shift+wheel into deltaX).
    const delta = e.deltaY || e.deltaX;
    if ((wheelMode === 'frames') !== e.shiftKey) {
      wheelRest.current += delta;
      const steps = Math.trunc(wheelRest.current / WHEEL_FRAME_STEP);
      if (steps !== 0) {
        wheelRest.current -= steps * WHEEL_FRAME_STEP;
        useViewer.getState().step(steps);
      }
      return;
    }
    const r = node.getBoundingClientRect();
    const qx = e.clientX - r.left - r.width / 2;
    const qy = e.clientY - r.top - r.height / 2;
    const s = useViewer.getState();
    const z = scaleNow();
    const z2 = Math.max(0.05, Math.min(32, z * Math.exp(-delta * 0.0015)));
    // Keep the image point under the cursor where it is (pan is in image px along screen axes).
    s.setZoomPan(z2, s.view.panX + qx * (1 / z2 - 1 / z), s.view.panY + qy * (1 / z2 - 1 / z));
  };

  const onPointerDown = (e: RPointerEvent<HTMLDivElement>) => {
    if (!useViewer.getState().clipId) return;
    const gray = useViewerUi.getState().grayscale;
    const adjust = e.button === 2 || (e.button === 0 && e.shiftKey);
    const mode = adjust ? (gray ? 'window' : 'colour') : e.button === 0 ? 'pan' : null;
    if (!mode) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const d: Drag = { mode, x: e.clientX, y: e.clientY };
    if (mode === 'colour') {
      // Brightness/contrast as a window over 0–255, dragged like window/level (./colourAdjust.ts).
      d.voi = adjustToWindow(useViewer.getState().view.colour);
      d.k = 255 / 400;
      useViewerUi.getState().setDragStatus(adjustText(useViewer.getState().view.colour));
    } else if (mode === 'window' && el.current) {
      const ee = cornerstone.getEnabledElement(el.current);
      const img = ee.image;
      const vp = ee.viewport;
      if (img && vp) {
        d.voi = { windowCenter: vp.voi.windowCenter, windowWidth: vp.voi.windowWidth };
        const range = (img.maxPixelValue - img.minPixelValue) * img.slope || 256;
        d.k = range / 400;
      }
    }
    drag.current = d;
    if (el.current) el.current.dataset.drag = mode;
  };

  const onPointerMove = (e: RPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    const s = useViewer.getState();
    if (d.mode === 'pan') {
      const z = scaleNow();
      s.panBy(dx / z, dy / z);
      d.x = e.clientX;
      d.y = e.clientY;
    } else if (d.voi && d.k) {
      // Right: wider window (less contrast); down: higher centre (darker), as on most workstations.
      const w = { windowWidth: Math.max(1, d.voi.windowWidth + dx * d.k), windowCenter: d.voi.windowCenter + dy * d.k };
      if (d.mode === 'window') {
        s.setVoi(w);
        useViewerUi.getState().setDragStatus(`Window ${Math.round(w.windowWidth)} · level ${Math.round(w.windowCenter)}`);
      } else {
        s.setColour(windowToAdjust(w));
        useViewerUi.getState().setDragStatus(adjustText(useViewer.getState().view.colour));
      }
    }
  };

  const onPointerUp = () => {
    drag.current = null;
    if (el.current) delete el.current.dataset.drag;
    useViewerUi.getState().setDragStatus(null);
  };

  return (
    <div
      ref={el}
      className="cs-element"
      role="img"
      aria-label={`Ultrasound clip. Scroll to ${wheelMode === 'frames' ? 'step frames (Shift+scroll zooms)' : 'zoom (Shift+scroll steps frames)'}, drag to pan, right-drag or Shift+drag to change window and level (greyscale) or brightness and contrast (colour), double-click to fit.`}
      tabIndex={0}
      data-testid="viewport"
      onWheel={onWheel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => useViewer.getState().zoomFit()}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}
