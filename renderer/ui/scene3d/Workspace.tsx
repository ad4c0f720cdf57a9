import { Scene3DView } from '../../scene3d';
import { useScene3d } from '../../state/scene3d';
import { Scene3dSidebar, Scene3dToolbar } from './Sidebar';

/**
 * The 3D anatomy workspace (the shell's 3D and split viewports load it lazily): the 3D view with the
 * toolbar over it, beside the side column (probe image, structures, needle, probe, models). The UI
 * reaches the 3D room only through its public index.
 */
export function Scene3DWorkspace() {
  const atlas = useScene3d((s) => s.atlasStatus);
  return (
    <div className="s3d" data-testid="scene3d" data-atlas={atlas}>
      <div className="s3d-grid">
        <Scene3DView overlay={<Scene3dToolbar />} />
        <Scene3dSidebar />
      </div>
    </div>
  );
}
