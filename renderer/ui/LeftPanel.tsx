import { dispatch } from '../state/commands';
import { useFiles } from '../state/files';

/** Left panel: files, series and the case. The viewer replaces the list with its series browser. */
export function LeftPanel() {
  const files = useFiles((s) => s.files);
  return (
    <aside className="panel panel-left" aria-label="Files and series">
      <h2 className="panel-title">Files</h2>
      {files.length === 0 ? (
        <div className="panel-empty">
          <p>No files open.</p>
          <button type="button" className="link-button" onClick={() => dispatch('file.openDicom')}>
            Open DICOM…
          </button>
          <button type="button" className="link-button" onClick={() => dispatch('file.openDicomFolder')}>
            Open a folder…
          </button>
        </div>
      ) : (
        <ul className="file-list" aria-label="Open files">
          {files.map((f) => (
            <li key={f.id}>{f.name}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}
