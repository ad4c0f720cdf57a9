import { Scene3DView, setModelUnits } from '../../scene3d';
import { nudgeProbe } from './setup';
import { Scene3dSidebar, Scene3dToolbar } from './Sidebar';

/** The 3D workspace: the view (renderer/scene3d) with its panels and tools (renderer/ui/scene3d) in its slots. */
export function Scene3dWorkspace() {
  return <Scene3DView sidebar={<Scene3dSidebar setModelUnits={setModelUnits} />} toolbar={<Scene3dToolbar />} onProbeMove={nudgeProbe} />;
}
