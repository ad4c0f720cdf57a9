/**
 * 3D workspace wiring that exists before the (lazily loaded) 3D view: its commands in the registry
 * (camera presets, tools, probe moves — with shortcuts, so the toolbar, keys, menu and shortcuts
 * dialog all find them) and the open handler for model files (dialog and drop), which queues the
 * files and shows the 3D view; the view imports them through renderer/scene3d/loaders.ts.
 */
import { useEffect } from 'react';
import type { OpenedFile } from '../../bridge/types';
import { useCommands, type Command } from '../../state/commands';
import { useLayout } from '../../state/layout';
import { PROBE_DEPTH_STEP_MM, PROBE_STEP_DEG, PROBE_STEP_MM } from '../../../core/anatomy/probe';
import { currentScene3d, nudgeProbe, useScene3d, type CameraPreset, type Tool3d } from '../../state/scene3d';
import { setOpenHandler } from '../../state/openHandlers';

/** Show the 3D view (keeping a split view as it is). */
export function show3d(): void {
  const l = useLayout.getState();
  if (l.view === '2d') l.setView('3d');
}

export function openModels(files: OpenedFile[]): void {
  useScene3d.getState().queueImports(files);
  show3d();
}

function camera(preset: CameraPreset): void {
  show3d();
  useScene3d.getState().requestCamera(preset);
}

function tool(t: Tool3d): void {
  show3d();
  const st = useScene3d.getState();
  st.setTool(st.tool === t ? 'orbit' : t);
  if (t === 'probe') st.setTab('probe');
  if (t === 'entry' || t === 'target') st.setTab('needle');
}

const hasProbe = () => !!currentScene3d().probe;

/** The 3D workspace's commands. Shortcuts avoid the 2D viewer's single keys (Shift+letter, Shift+arrows). */
export function scene3dCommands(): Command[] {
  const probe = { enabled: hasProbe };
  return [
    { id: 'view3d.anterior', label: 'Anterior view', group: 'View', shortcut: 'Shift+A', run: () => camera('anterior') },
    { id: 'view3d.posterior', label: 'Posterior view', group: 'View', shortcut: 'Shift+P', run: () => camera('posterior') },
    { id: 'view3d.left', label: 'Patient’s left side view', group: 'View', shortcut: 'Shift+L', run: () => camera('left') },
    { id: 'view3d.right', label: 'Patient’s right side view', group: 'View', shortcut: 'Shift+D', run: () => camera('right') },
    { id: 'view3d.needle', label: 'View along the needle', group: 'View', shortcut: 'Shift+N', run: () => camera('needle'), enabled: () => !!currentScene3d().trajectory },
    { id: 'view3d.fit', label: 'Fit the anatomy in view', group: 'View', shortcut: 'Shift+F', run: () => camera('fit') },
    { id: 'view3d.work', label: 'Frame the probe and needle', group: 'View', shortcut: 'Shift+W', run: () => camera('work') },
    { id: 'tools3d.orbit', label: 'Rotate the 3D view / select structures', group: 'Tools', shortcut: 'Shift+O', run: () => tool('orbit') },
    { id: 'tools3d.entry', label: 'Pick the needle entry on the skin', group: 'Tools', shortcut: 'Shift+E', run: () => tool('entry') },
    { id: 'tools3d.target', label: 'Pick the needle target', group: 'Tools', shortcut: 'Shift+T', run: () => tool('target') },
    { id: 'tools3d.probe', label: 'Place the probe on the skin', group: 'Tools', shortcut: 'Shift+U', run: () => tool('probe') },
    // Plain arrows and PageUp/PageDown also move the probe while the 3D view has the keyboard focus (renderer/scene3d/index.tsx).
    { id: 'probe.slideMinus', label: 'Slide the probe toward the image’s left (← in the 3D view)', group: 'Tools', run: () => nudgeProbe({ kind: 'slide', axis: 'lateral', mm: -PROBE_STEP_MM }), ...probe },
    { id: 'probe.slidePlus', label: 'Slide the probe toward the image’s right (→ in the 3D view)', group: 'Tools', run: () => nudgeProbe({ kind: 'slide', axis: 'lateral', mm: PROBE_STEP_MM }), ...probe },
    { id: 'probe.sweepPlus', label: 'Slide the probe across its face, forward (↑ in the 3D view)', group: 'Tools', run: () => nudgeProbe({ kind: 'slide', axis: 'elevation', mm: PROBE_STEP_MM }), ...probe },
    { id: 'probe.sweepMinus', label: 'Slide the probe across its face, back (↓ in the 3D view)', group: 'Tools', run: () => nudgeProbe({ kind: 'slide', axis: 'elevation', mm: -PROBE_STEP_MM }), ...probe },
    { id: 'probe.rotateCw', label: `Rotate the probe ${PROBE_STEP_DEG}° on the skin`, group: 'Tools', shortcut: 'Shift+ArrowRight', run: () => nudgeProbe({ kind: 'rotate', axis: 'beam', deg: PROBE_STEP_DEG }), ...probe },
    { id: 'probe.rotateCcw', label: `Rotate the probe −${PROBE_STEP_DEG}° on the skin`, group: 'Tools', shortcut: 'Shift+ArrowLeft', run: () => nudgeProbe({ kind: 'rotate', axis: 'beam', deg: -PROBE_STEP_DEG }), ...probe },
    { id: 'probe.tiltPlus', label: `Tilt (fan) the probe ${PROBE_STEP_DEG}°`, group: 'Tools', shortcut: 'Shift+ArrowUp', run: () => nudgeProbe({ kind: 'rotate', axis: 'lateral', deg: PROBE_STEP_DEG }), ...probe },
    { id: 'probe.tiltMinus', label: `Tilt (fan) the probe −${PROBE_STEP_DEG}°`, group: 'Tools', shortcut: 'Shift+ArrowDown', run: () => nudgeProbe({ kind: 'rotate', axis: 'lateral', deg: -PROBE_STEP_DEG }), ...probe },
    { id: 'probe.deeper', label: `Image ${PROBE_DEPTH_STEP_MM} mm deeper (Page Down in the 3D view)`, group: 'Tools', run: () => nudgeProbe({ kind: 'depth', mm: PROBE_DEPTH_STEP_MM }), ...probe },
    { id: 'probe.shallower', label: `Image ${PROBE_DEPTH_STEP_MM} mm shallower (Page Up in the 3D view)`, group: 'Tools', run: () => nudgeProbe({ kind: 'depth', mm: -PROBE_DEPTH_STEP_MM }), ...probe },
  ];
}

/** Register the 3D commands and the model open handler for the app's lifetime. */
export function useScene3dSetup(): void {
  const register = useCommands((s) => s.register);
  useEffect(() => register(scene3dCommands()), [register]);
  useEffect(() => {
    setOpenHandler('model', openModels);
    return () => setOpenHandler('model', null);
  }, []);
}
