import { useState } from 'react';
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

const TABS = ['Plan', 'Annotations', 'Note'] as const;
type Tab = (typeof TABS)[number];

/** Right panel: plan, annotations and note, as tabs. */
export function RightPanel() {
  const [tab, setTab] = useState<Tab>('Plan');
  return (
    <aside className="panel panel-right" aria-label="Plan">
      <div className="tabs" role="tablist" aria-label="Plan panel">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`tabpanel-${t}`} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <div className="panel-empty">
          {tab === 'Plan' && <p>Choose a block and open a clip to start a plan.</p>}
          {tab === 'Annotations' && <p>No annotations yet.</p>}
          {tab === 'Note' && <p>The procedure note is written from the plan.</p>}
        </div>
      </div>
    </aside>
  );
}
