import { useFiles } from '../state/files';

/** Placeholder until the cine viewer lands: lists what was opened. */
export function Viewer2D() {
  const files = useFiles((s) => s.files.filter((f) => f.kind === 'dicom'));
  return (
    <div className="pane-placeholder">
      <p>{files.length} DICOM file(s) open.</p>
    </div>
  );
}
