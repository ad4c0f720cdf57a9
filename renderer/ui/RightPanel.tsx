import { lazy, Suspense, useState } from 'react';
import { AnnotationsPanel } from './plan/AnnotationsPanel';
import { PlanPanel } from './plan/PlanPanel';
import { ToolPalette } from './plan/ToolPalette';
import { useRehearsal } from '../state/rehearsal';
import { RehearsalPanel } from './rehearsal/RehearsalPanel';
import { TeachingPanel } from './rehearsal/TeachingPanel';
import './plan/plan.css';

// The note tab (renderer/ui/note) loads on first use.
const NotePanel = lazy(() => import('./note/NotePanel').then((m) => ({ default: m.NotePanel })));
// The PACS tab (renderer/ui/pacs) loads on first use.
const PacsPanel = lazy(() => import('./pacs/PacsPanel').then((m) => ({ default: m.PacsPanel })));

const TABS = ['Plan', 'Annotations', 'Note', 'PACS', 'Teaching'] as const;
type Tab = (typeof TABS)[number];

/** Right panel: the annotation tools, then plan, annotations and note as tabs. */
export function RightPanel() {
  const [tab, setTab] = useState<Tab>('Plan');
  // Rehearsing: the trainee's tasks and feedback replace the tabs (renderer/ui/rehearsal).
  const rehearsing = useRehearsal((s) => s.phase !== 'off');
  if (rehearsing) {
    return (
      <aside className="panel panel-right" aria-label="Rehearsal">
        <ToolPalette />
        <RehearsalPanel />
      </aside>
    );
  }
  return (
    <aside className="panel panel-right" aria-label="Plan">
      <ToolPalette />
      <div className="tabs" role="tablist" aria-label="Plan panel">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`tabpanel-${t}`} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'Plan' && <PlanPanel />}
        {tab === 'Annotations' && <AnnotationsPanel />}
        {tab === 'Note' && (
          <Suspense fallback={<div className="panel-empty">Loading the note…</div>}>
            <NotePanel />
          </Suspense>
        )}
        {tab === 'Teaching' && <TeachingPanel />}
        {tab === 'PACS' && (
          <Suspense fallback={<div className="panel-empty">Loading the PACS panel…</div>}>
            <PacsPanel />
          </Suspense>
        )}
      </div>
    </aside>
  );
}
