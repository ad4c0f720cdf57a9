import { useState } from 'react';

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
