import { memo } from 'react';
import { dispatch } from '../state/commands';
import { groupDicomFiles, useFiles, type LoadedFile } from '../state/files';
import { useCaseCalibrationStatus } from '../state/clipCalibration';
import { CACHE_BUDGETS_MB, useViewer } from '../state/viewer';
import { Icon } from './Icon';
import { KeyFramesPanel } from './KeyFramesPanel';
import './LeftPanel.css';
import { loadClipStore } from '../viewer2d';

const clipStore = loadClipStore;

function formatDuration(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function formatDa(da?: string): string {
  return da && /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : '';
}

/** One clip of the list (memoised: a batch of files being read re-renders only the files that changed). */
const ClipItem = memo(function ClipItem({ f }: { f: LoadedFile }) {
  const current = useViewer((s) => s.clipId === f.id);
  const progress = useViewer((s) => s.progress[f.id]);
  const d = f.dicom!;
  // The case's manual calibration counts for the clip on screen (the rule of core/dicom/calibration.ts).
  const cal = useCaseCalibrationStatus(f.id, d.calibration) ?? d.calibration;
  const select = () => useViewer.getState().select(f.id, { frameCount: d.availableFrames, clipUid: d.clipUid });
  const frames = d.availableFrames < d.frameCount ? `${d.availableFrames} of ${d.frameCount} frames` : `${d.frameCount} frame${d.frameCount === 1 ? '' : 's'}`;
  const notes = d.warnings.length;
  return (
    <li className={`clip-item${current ? ' current' : ''}`}>
      <button type="button" className="clip-select" onClick={select} aria-current={current ? 'true' : undefined} aria-label={`${f.name}: ${frames}${d.frameCount > 1 ? `, ${formatDuration(d.durationMs)}` : ''}, ${cal.unit === 'mm' ? 'calibrated in mm' + (cal.source === 'manual' ? ' (manual)' : '') : 'not calibrated'}${notes ? `, ${notes} reading note${notes === 1 ? '' : 's'}` : ''}`}>
        <span className="clip-thumb" aria-hidden="true">
          {f.thumbnailUrl ? <img src={f.thumbnailUrl} alt="" /> : <span className="clip-thumb-empty" />}
        </span>
        <span className="clip-meta">
          <span className="clip-name" title={f.path}>
            {f.name}
          </span>
          <span className="clip-facts">
            {frames}
            {d.frameCount > 1 && ` · ${formatDuration(d.durationMs)}`}
            {d.frameCount > 1 && ` · ${d.fps >= 10 ? Math.round(d.fps) : d.fps.toFixed(1)} fps${d.rateAssumed ? '?' : ''}`}
          </span>
          <span className="clip-badges">
            <span className={`badge ${cal.unit === 'mm' ? 'badge-ok' : 'badge-warn'}`} title={cal.unit === 'mm' ? `Calibrated${cal.source === 'manual' ? ' manually' : ''}: distances in mm` : `Not calibrated: ${cal.reason}`}>
              {cal.unit === 'mm' ? (cal.source === 'manual' ? 'mm · manual' : 'mm') : 'px'}
            </span>
            {d.rateAssumed && d.frameCount > 1 && (
              <span className="badge badge-warn" title="The file gives no frame rate; 30 frames/s is assumed.">
                rate assumed
              </span>
            )}
            {progress && !progress.cancelled && <span className="badge">loading {Math.round((100 * progress.done) / Math.max(1, progress.total))} %</span>}
            {progress?.cancelled && (
              <button type="button" className="badge badge-button" onClick={() => void clipStore().then((s) => s.resumeLoading(f.id))} title="Loading was stopped; frames decode as they are shown. Click to load the rest.">
                resume loading
              </button>
            )}
          </span>
        </span>
      </button>
      <button type="button" className="icon-button clip-close" aria-label={`Close ${f.name}`} title="Close" onClick={() => void clipStore().then((s) => s.close(f.id))}>
        <Icon name="close" size={14} />
      </button>
      {notes > 0 && (
        // What the reader did leniently (a damaged length, a non-conformant encoding): never silent.
        <details className="clip-notes">
          <summary>
            {notes} reading note{notes === 1 ? '' : 's'}
          </summary>
          <ul aria-label={`Reading notes for ${f.name}`}>
            {d.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
});

/** A folder (or many files) being read one file at a time: how far, and Cancel. */
function ReadingRow({ waiting }: { waiting: LoadedFile[] }) {
  const reading = useFiles((s) => s.reading);
  if (!reading) {
    if (waiting.length === 0) return null;
    return (
      <ul className="clip-list reading" aria-label="Files being read">
        {waiting.map((f) => (
          <li key={f.id} className="clip-item muted">
            <span className="clip-name">{f.name}</span> — reading…
          </li>
        ))}
      </ul>
    );
  }
  const pct = Math.round((100 * reading.done) / Math.max(1, reading.total));
  return (
    <div className="reading-row" role="group" aria-label="Reading files" data-testid="reading-files">
      <div className="reading-text">
        Reading files: {reading.done} of {reading.total}
        <button type="button" className="link-button" onClick={() => reading.cancel()}>
          Stop
        </button>
      </div>
      <div className="reading-track" role="progressbar" aria-label="Files read" aria-valuemin={0} aria-valuemax={reading.total} aria-valuenow={reading.done} aria-valuetext={`${reading.done} of ${reading.total} files`}>
        <div className="reading-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** What the mouse wheel does over the image (a viewer setting kept with the others). */
function WheelSetting() {
  const wheel = useViewer((s) => s.settings.wheel);
  return (
    <label title="Shift+wheel does the other. Zoom about the cursor, or step frames as in OHIF and Weasis.">
      Mouse wheel on the image{' '}
      <select value={wheel} data-testid="wheel-setting" onChange={(e) => useViewer.getState().setWheel(e.target.value === 'frames' ? 'frames' : 'zoom')}>
        <option value="zoom">Zooms</option>
        <option value="frames">Steps frames</option>
      </select>
    </label>
  );
}

/** Left panel: the open DICOM files grouped by study and series, failed files, key frames. */
export function LeftPanel() {
  const files = useFiles((s) => s.files);
  const clipUid = useViewer((s) => s.clipUid);
  const budget = useViewer((s) => s.settings.cacheBudgetMb);
  const dicom = files.filter((f) => f.kind === 'dicom');
  const others = files.filter((f) => f.kind !== 'dicom');
  const g = groupDicomFiles(files);
  return (
    <aside className="panel panel-left files-panel" aria-label="Files and series">
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
        <div className="series-browser">
          <ReadingRow waiting={g.reading} />
          {g.studies.map((st) => (
            <section key={st.key} className="study" aria-label={`Study ${st.description ?? ''}`.trim()}>
              <h3 className="study-title">
                <span>{st.description || 'Study without description'}</span>
                {st.date && <span className="study-date">{formatDa(st.date)}</span>}
              </h3>
              {st.series.map((se) => (
                <div key={se.key} className="series">
                  <div className="series-title">
                    {se.modality ? `${se.modality} ` : ''}
                    {se.seriesNumber !== undefined ? `series ${se.seriesNumber}` : 'series'}
                    {se.description ? ` — ${se.description}` : ''}
                  </div>
                  <ul className="clip-list" aria-label={`Clips of ${se.description || `series ${se.seriesNumber ?? ''}`}`.trim()}>
                    {se.files.map((f) => (
                      <ClipItem key={f.id} f={f} />
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
          {g.failed.length > 0 && (
            <section className="failed" aria-label="Files that could not be opened">
              <h3 className="study-title warn">
                <Icon name="warn" size={14} /> Could not be opened ({g.failed.length})
              </h3>
              <ul className="clip-list">
                {g.failed.map((f) => (
                  <li key={f.id} className="failed-item">
                    <div className="failed-text">
                      <span className="clip-name" title={f.path}>
                        {f.name}
                      </span>
                      <span className="failed-reason">{f.error?.title ?? 'Unknown error'}</span>
                      {f.error?.action && <span className="failed-action">{f.error.action}</span>}
                    </div>
                    <button type="button" className="icon-button clip-close" aria-label={`Remove ${f.name} from the list`} title="Remove from the list" onClick={() => useFiles.getState().remove(f.id)}>
                      <Icon name="close" size={14} />
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {others.length > 0 && (
            <ul className="file-list" aria-label="Other files">
              {others.map((f) => (
                <li key={f.id}>{f.name}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {dicom.length > 0 && (
        <>
          <h2 className="panel-title">Key frames</h2>
          <div className="kf-panel">
            <KeyFramesPanel clipUid={clipUid} />
          </div>
          <div className="panel-setting">
            <label title="Open DICOM files, their decoded frames and the decoders share this memory; frames beyond it are decoded again when needed.">
              Memory for open clips{' '}
              <select value={budget} onChange={(e) => useViewer.getState().setCacheBudgetMb(Number(e.target.value))}>
                {[...new Set([...CACHE_BUDGETS_MB, budget])].sort((a, b) => a - b).map((mb) => (
                  <option key={mb} value={mb}>
                    {mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`}
                  </option>
                ))}
              </select>
            </label>
            <WheelSetting />
          </div>
        </>
      )}
    </aside>
  );
}
