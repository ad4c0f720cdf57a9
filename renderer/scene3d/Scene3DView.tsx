/**
 * The 3D anatomy view: the r3f canvas with its error boundary (a WebGL failure leaves the panels and
 * the plan usable), the keys that move the probe, and the overlays the workspace puts over it
 * (`overlay`: the toolbar). The side panels are the UI's (renderer/ui/scene3d/Workspace.tsx
 * composes both); this folder never imports the UI.
 *
 * The atlas loads once per session; imported model files queued while the view was closed are
 * imported when it mounts; the needle clearance and the skin queries follow the plan.
 */
import { Component, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Canvas } from '@react-three/fiber';
import { GizmoHelper, GizmoViewport } from '@react-three/drei';
import { reportError } from '../state/messages';
import { PROBE_DEPTH_STEP_MM, PROBE_STEP_DEG, PROBE_STEP_MM, type ProbeMove } from '../../core/anatomy/probe';
import { nudgeProbe, useScene3d, useScene3dPlan } from '../state/scene3d';
import { useClearance, useSurfaceQueries } from './analysis';
import { importModelFiles, loadAtlas, loadMissingModels } from './models';
import { SCENE_COLORS } from './view/colors';
import { SceneContent } from './view/SceneContent';

class CanvasBoundary extends Component<{ children: ReactNode }, { failed: string | null }> {
  override state = { failed: null as string | null };
  static getDerivedStateFromError(e: unknown): { failed: string } {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
  override componentDidCatch(error: unknown): void {
    reportError({
      code: 'scene3d/webgl',
      title: 'The 3D view could not draw the anatomy',
      action: 'Your plan is unchanged and the panels still work. Update the graphics driver or try again; in a browser, check that WebGL is enabled.',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="s3d-canvas-error" role="alert">
          <p>The 3D view could not draw the anatomy.</p>
          <button type="button" className="secondary-button" onClick={() => this.setState({ failed: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

/** Keys while the 3D view has the focus: arrows slide the probe, Shift+arrows turn it, Page Up/Down change the depth, Escape leaves a tool. */
function keyMove(e: KeyboardEvent): ProbeMove | 'escape' | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowLeft':
      return e.shiftKey ? { kind: 'rotate', axis: 'beam', deg: -PROBE_STEP_DEG } : { kind: 'slide', axis: 'lateral', mm: -PROBE_STEP_MM };
    case 'ArrowRight':
      return e.shiftKey ? { kind: 'rotate', axis: 'beam', deg: PROBE_STEP_DEG } : { kind: 'slide', axis: 'lateral', mm: PROBE_STEP_MM };
    case 'ArrowUp':
      return e.shiftKey ? { kind: 'rotate', axis: 'lateral', deg: PROBE_STEP_DEG } : { kind: 'slide', axis: 'elevation', mm: PROBE_STEP_MM };
    case 'ArrowDown':
      return e.shiftKey ? { kind: 'rotate', axis: 'lateral', deg: -PROBE_STEP_DEG } : { kind: 'slide', axis: 'elevation', mm: -PROBE_STEP_MM };
    case 'PageDown':
      return { kind: 'depth', mm: PROBE_DEPTH_STEP_MM };
    case 'PageUp':
      return { kind: 'depth', mm: -PROBE_DEPTH_STEP_MM };
    case 'Escape':
      return 'escape';
    default:
      return null;
  }
}

const TOOL_HINTS = {
  orbit: null,
  entry: 'Click the skin where the needle enters',
  target: 'Click the target',
  probe: 'Click on the skin to place the probe',
  landmark: 'Click the model to add a landmark',
} as const;

function CanvasOverlay() {
  const status = useScene3d((s) => s.atlasStatus);
  const tool = useScene3d((s) => s.tool);
  const hint = TOOL_HINTS[tool];
  return (
    <>
      {status === 'loading' && (
        <div className="s3d-loading" role="status">
          Loading the anatomy atlas…
        </div>
      )}
      {hint && (
        <div className="s3d-tool-hint" role="status">
          {hint} <kbd>Esc</kbd> to stop
        </div>
      )}
      <div className="s3d-legend" aria-hidden="true">
        LPS · mm
      </div>
    </>
  );
}

/** The canvas and what sits over it; `overlay` goes over the canvas (the workspace's toolbar). */
export function Scene3DView({ overlay }: { overlay?: ReactNode }) {
  const scene = useScene3dPlan();
  const pending = useScene3d((s) => s.pendingImports.length);
  const tool = useScene3d((s) => s.tool);
  const atlasStatus = useScene3d((s) => s.atlasStatus);
  const [dpr] = useState(() => Math.min(2, window.devicePixelRatio || 1));

  useEffect(() => {
    void loadAtlas();
  }, []);
  useEffect(() => {
    if (pending) void importModelFiles(useScene3d.getState().takeImports());
  }, [pending]);
  useEffect(() => {
    void loadMissingModels(scene.models);
  }, [scene.models]);
  useClearance(scene);
  useSurfaceQueries(scene);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const m = keyMove(e);
    if (!m) return;
    if (m === 'escape') {
      const st = useScene3d.getState();
      if (st.tool === 'orbit') return;
      st.setTool('orbit');
      st.setDraftEntry(null);
      st.setDraftTarget(null);
    } else {
      if (!scene.probe) return;
      nudgeProbe(m);
    }
    e.preventDefault(); // handled here: keep the global shortcuts (cine arrows) out of it
  };

  return (
      <div
        className={`s3d-main tool-${tool}`}
        tabIndex={0}
        role="region"
        aria-label="3D anatomy view: drag to rotate, scroll to zoom, right-drag to pan"
        onKeyDown={onKeyDown}
        onPointerDown={(e) => e.currentTarget.focus({ preventScroll: true })}
        data-atlas={atlasStatus}
      >
        <CanvasBoundary>
          <Canvas
            className="s3d-canvas"
            frameloop="demand"
            dpr={dpr}
            gl={{ antialias: true, preserveDrawingBuffer: true, powerPreference: 'high-performance' }}
            camera={{ fov: 40, near: 2, far: 6000, position: [-250, 900, 350], up: [0, 0, 1] }}
            onCreated={({ gl }) => gl.setClearColor(SCENE_COLORS.background)}
            data-testid="scene3d-canvas"
          >
            <SceneContent />
            <GizmoHelper alignment="bottom-left" margin={[56, 56]}>
              <GizmoViewport axisColors={['#d98c7a', '#7fb3d5', '#a6d49f']} labels={['L', 'P', 'S']} labelColor="#0f1215" hideNegativeAxes />
            </GizmoHelper>
          </Canvas>
        </CanvasBoundary>
        {overlay}
        <CanvasOverlay />
      </div>
  );
}
