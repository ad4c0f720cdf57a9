/** Placeholder until the 3D workspace lands. */
export function Scene3DView() {
  return (
    <div className="pane-placeholder">
      <p>3D anatomy workspace</p>
    </div>
  );
}
