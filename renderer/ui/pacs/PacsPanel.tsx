/**
 * The PACS panel: choose a configured server, search studies (patient name/ID, dates, accession,
 * ultrasound only by default), open a study's clips (progress, cancel; clips cached with a size
 * limit and opened like local files), and send the plan's results back into the clip's study.
 */
import { useEffect, useId, useState } from 'react';
import type { ConfirmSide } from '../../../core/notes/sbyb';
import { dirname } from '../../../core/plan/paths';
import { locateClip } from '../../services/caseFiles';
import { useCase } from '../../state/case';
import { usePacs } from '../../state/pacs';
import { cancelRetrieve, clearCache, loadServers, pacsClipsToReopen, reopenFromPacs, search, sendBack, sendTargetOf, setCacheLimit } from './actions';
import { ResultsTable } from './ResultsTable';
import { ServerForm } from './ServerForm';
import './pacs.css';

const SIDES: { value: ConfirmSide; label: string }[] = [
  { value: 'left', label: 'Left' },
  { value: 'right', label: 'Right' },
  { value: 'bilateral', label: 'Bilateral' },
  { value: 'n/a', label: 'Midline (n/a)' },
];

function SearchForm() {
  const id = useId();
  const { form, set, searching, showPatient } = usePacs();
  const field = (key: keyof typeof form, label: string, placeholder = '') => (
    <div className="pacs-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={String(form[key] ?? '')} placeholder={placeholder} onChange={(e) => set({ form: { ...form, [key]: e.target.value } })} />
    </div>
  );
  return (
    <form
      className="pacs-search"
      aria-label="Search the PACS"
      onSubmit={(e) => {
        e.preventDefault();
        void search(0);
      }}
    >
      <div className="pacs-grid">
        {field('patientName', 'Patient name', 'DOE^J')}
        {field('patientId', 'Patient ID')}
        {field('dateFrom', 'From', 'YYYY-MM-DD')}
        {field('dateTo', 'To', 'YYYY-MM-DD')}
        {field('accession', 'Accession')}
        <div className="pacs-field">
          <label htmlFor={`${id}-mod`}>Modality</label>
          <select id={`${id}-mod`} value={form.modality ?? 'US'} onChange={(e) => set({ form: { ...form, modality: e.target.value } })}>
            <option value="US">Ultrasound</option>
            <option value="">Any</option>
          </select>
        </div>
      </div>
      <div className="pacs-row">
        <button type="submit" className="primary" disabled={searching}>
          {searching ? 'Searching…' : 'Search'}
        </button>
        <label className="pacs-check">
          <input type="checkbox" checked={showPatient} onChange={(e) => set({ showPatient: e.target.checked })} /> Show patient names
        </label>
      </div>
    </form>
  );
}

function Progress() {
  const job = usePacs((s) => s.job);
  const last = usePacs((s) => s.lastRetrieve);
  if (!job) return last ? <p className="muted small pacs-last">{last}</p> : null;
  const pct = Math.round(job.fraction * 100);
  return (
    <div className="pacs-progress" aria-live="polite">
      <div className="pacs-row">
        <span className="small">
          Retrieving {job.label}: {job.instancesTotal ? `${job.instancesDone} of ${job.instancesTotal} clips, ${job.framesDone} of ${job.framesTotal} frames` : 'listing…'}
        </span>
        <button type="button" onClick={cancelRetrieve}>
          Cancel
        </button>
      </div>
      <progress max={100} value={pct} aria-label="Retrieve progress">
        {pct} %
      </progress>
    </div>
  );
}

/**
 * The open case's clips that came from a PACS and are not open: reopen each from the configured
 * server it came from (or the cache). A clip whose server is not configured names the address and
 * offers to add it — BlockPlan never asks an address only a case file names.
 */
function Reopen() {
  useCase((s) => s.history.present.clips);
  useCase((s) => s.clips);
  usePacs((s) => s.servers);
  const list = pacsClipsToReopen();
  const job = usePacs((s) => s.job);
  const set = usePacs((s) => s.set);
  if (!list.length) return null;
  return (
    <section className="pacs-section" aria-label="Clips of this case on a PACS">
      <h4>Clips of this case on a PACS</h4>
      {list.map(({ clip, server }) => (
        <div className="pacs-reopen" key={clip.id}>
          <span className="small">
            <strong>{clip.displayName}</strong> — {server ? `on “${server.name}”` : `from ${clip.origin.wadoRoot}, not one of your PACS servers`}
          </span>
          <div className="pacs-row">
            <button type="button" disabled={!!job} aria-label={`Reopen ${clip.displayName} from the PACS`} onClick={() => void reopenFromPacs([clip.id])}>
              {server ? 'Reopen from PACS' : 'Open from the cache'}
            </button>
            {!server && (
              <button type="button" onClick={() => set({ editing: 'new', draftUrl: clip.origin.wadoRoot })}>
                Add this server…
              </button>
            )}
            <button
              type="button"
              aria-label={`Locate the file of ${clip.displayName}…`}
              onClick={() => {
                const path = useCase.getState().file.path;
                void locateClip({ clipId: clip.id, displayName: clip.displayName, expectedAt: clip.path, reason: 'not-found' }, path ? dirname(path) : '');
              }}
            >
              Locate file…
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}

function SendBack() {
  const id = useId();
  const [side, setSide] = useState<ConfirmSide | undefined>(undefined);
  const [choice, setChoice] = useState({ sr: true, pdf: true, keyImages: true });
  const { sending, sendReport } = usePacs();
  const hasClips = useCase((s) => s.history.present.clips.length > 0);
  const caseClips = useCase((s) => s.history.present.clips);
  const runtimes = useCase((s) => s.clips);
  const servers = usePacs((s) => s.servers);
  const serverId = usePacs((s) => s.serverId);
  if (!hasClips) return null;
  const target = sendTargetOf(caseClips, runtimes, servers, serverId);
  return (
    <section className="pacs-section" aria-label="Send results to the PACS">
      <h4>Send the results to the clip’s study</h4>
      <fieldset className="pacs-sides" disabled={sending}>
        <legend className="small">Stop Before You Block: check the consent and the site mark. Which side?</legend>
        {SIDES.map((s) => (
          <label key={s.value} className="pacs-check">
            <input type="radio" name={`${id}-side`} checked={side === s.value} onChange={() => setSide(s.value)} /> {s.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="pacs-sides" disabled={sending}>
        <legend className="small">Send</legend>
        {(
          [
            ['sr', 'Structured report (DICOM SR)'],
            ['pdf', 'Note as PDF'],
            ['keyImages', 'Annotated key images'],
          ] as const
        ).map(([k, label]) => (
          <label key={k} className="pacs-check">
            <input type="checkbox" checked={choice[k]} onChange={(e) => setChoice({ ...choice, [k]: e.target.checked })} /> {label}
          </label>
        ))}
      </fieldset>
      <p className="small">
        {target ? (target.fromClip ? `To “${target.server.name}”, where the clip came from.` : `To “${target.server.name}”, the server chosen above.`) : 'Choose a server above.'}
      </p>
      <button type="button" className="primary" disabled={sending || !side || !target} onClick={() => void sendBack(side, choice)}>
        {sending ? 'Sending…' : 'Send to PACS'}
      </button>
      {sendReport && (
        <ul className="pacs-report" aria-label="What the PACS stored">
          {sendReport.error && <li className="failed">{sendReport.error.title}</li>}
          {sendReport.results.map((r) => (
            <li key={r.sopInstanceUid} className={r.status}>
              <strong>{r.status === 'stored' ? 'Stored' : r.status === 'warning' ? 'Stored with a warning' : r.status === 'failed' ? 'Not stored' : 'Not confirmed'}</strong>: {r.label}
              {r.message ? ` — ${r.message}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Cache() {
  const id = useId();
  const { cacheLimitMb, cacheUsedBytes } = usePacs();
  return (
    <section className="pacs-section pacs-cache" aria-label="Cache of retrieved clips">
      <label htmlFor={`${id}-limit`} className="small">
        Cache of retrieved clips: {(cacheUsedBytes / 1024 ** 2).toFixed(0)} MB of
      </label>
      <select id={`${id}-limit`} value={cacheLimitMb} onChange={(e) => void setCacheLimit(Number(e.target.value))}>
        {[0, 256, 1024, 4096, 16384].map((mb) => (
          <option key={mb} value={mb}>
            {mb === 0 ? 'off' : mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void clearCache()}>
        Clear
      </button>
    </section>
  );
}

export function PacsPanel() {
  const id = useId();
  const { servers, serverId, editing, set } = usePacs();
  useEffect(() => void loadServers(), []);
  const server = servers.find((s) => s.id === serverId) ?? null;
  return (
    <div className="pacs-panel">
      <div className="pacs-row">
        <label htmlFor={`${id}-server`} className="small">
          PACS
        </label>
        <select id={`${id}-server`} value={serverId ?? ''} onChange={(e) => set({ serverId: e.target.value || null, rows: [] })} disabled={servers.length === 0}>
          {servers.length === 0 && <option value="">No server yet</option>}
          {servers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => set({ editing: 'new', draftUrl: null })}>
          Add…
        </button>
        {server && (
          <button type="button" onClick={() => set({ editing: server })}>
            Edit…
          </button>
        )}
      </div>
      {editing && <ServerForm key={editing === 'new' ? 'new' : editing.id} server={editing === 'new' ? null : editing} />}
      {!editing && servers.length === 0 && <p className="muted small">Add the DICOMweb address of your PACS to search it. Patient data goes only to the servers you add here.</p>}
      {!editing && server && (
        <>
          <SearchForm />
          <Progress />
          <ResultsTable />
        </>
      )}
      {!editing && !server && <Progress />}
      {!editing && <Reopen />}
      {!editing && server && (
        <>
          <SendBack />
          <Cache />
        </>
      )}
    </div>
  );
}
