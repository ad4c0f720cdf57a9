/**
 * Key images (thumbnails of the frames the exports include, with the plan burned in) and "Export
 * annotated clip" (WebM for teaching).
 */
import { useId, useRef, useState } from 'react';
import { bridge } from '../../bridge';
import { useCase } from '../../state/case';
import { notify, reportError } from '../../state/messages';
import { recordAnnotatedClip, webmMimeType } from '../../services/clipVideo';
import { exportStem } from '../../services/noteExport';
import { useKeyImagesFor, type NoteModel } from './model';
import { StatusIcon } from './icons';

export function KeyImageThumbs({ model, limit }: { model: NoteModel; limit?: number }) {
  const ki = useKeyImagesFor(model);
  const shown = limit ? ki.images.slice(0, limit) : ki.images;
  return (
    <div className="key-images">
      {ki.busy && ki.images.length === 0 && (
        <p className="muted" role="status">
          Drawing key images…
        </p>
      )}
      {!ki.busy && ki.images.length === 0 && ki.errors.length === 0 && <p className="muted">No key frames or needle paths yet: mark key frames in the viewer (K).</p>}
      {shown.length > 0 && (
        <ul className="key-thumbs" aria-label="Key images">
          {shown.map((img, k) => (
            <li key={k}>
              <figure>
                <img src={ki.urls.get(img)} alt={img.caption} width={img.width} height={img.height} />
                <figcaption>{img.caption}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
      {limit && ki.images.length > limit && <p className="muted small">+ {ki.images.length - limit} more in the note</p>}
      {ki.errors.map((e, i) => (
        <p key={i} className="nf-error">
          <StatusIcon kind="caution" />{' '}
          {e.title} {e.action}
        </p>
      ))}
    </div>
  );
}

/** One button per clip of the case: records the clip with its overlays and saves it as WebM. */
export function AnnotatedClipExport({ model }: { model: NoteModel }) {
  const id = useId();
  const [burnIn, setBurnIn] = useState(false);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const clips = model.plan.clips.filter((c) => model.runtimes[c.id]);
  const supported = webmMimeType() !== null;
  if (clips.length === 0) return null;

  const run = async (clipId: string) => {
    const clip = model.plan.clips.find((c) => c.id === clipId)!;
    abort.current = new AbortController();
    setProgress({ label: 'Preparing…', done: 0, total: 1 });
    const patient = burnIn ? { name: model.note.identity.patientName, id: model.note.identity.patientId } : null;
    const r = await recordAnnotatedClip(model.plan, clipId, model.runtimes[clipId], model.measurements.find((m) => m.clipId === clipId), {
      burnInPatient: patient,
      signal: abort.current.signal,
      onProgress: (label, done, total) => setProgress({ label, done, total }),
    });
    setProgress(null);
    abort.current = null;
    if (!r.ok) {
      if (r.error.code !== 'note/video-cancelled') reportError(r.error);
      return;
    }
    const stem = exportStem(model.plan, useCase.getState().file);
    const clipStem = clip.displayName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
    const saved = await bridge().saveFile({ kind: 'video', suggestedName: `${stem}${clips.length > 1 ? `-${clipStem}` : ''}-annotated.webm`, bytes: r.value, saveAs: true });
    if (!saved.ok) reportError(saved.error);
    else if (saved.value) notify(`Annotated clip saved: ${saved.value.path}`, 'success');
  };

  return (
    <div className="clip-export">
      <div className="nf-row wrap">
        {clips.map((c) => (
          <button key={c.id} type="button" className="secondary-button" disabled={!supported || progress !== null} onClick={() => void run(c.id)}>
            Export annotated clip{clips.length > 1 ? `: ${c.displayName}` : ''} (WebM)
          </button>
        ))}
        {progress && (
          <button type="button" className="nf-small-button" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        )}
      </div>
      <label className="nf-check small" htmlFor={id}>
        <input id={id} type="checkbox" checked={burnIn} onChange={(e) => setBurnIn(e.target.checked)} /> Burn in patient name and ID (as typed in the note; off by default)
      </label>
      {!supported && <p className="nf-error">This browser cannot record WebM video.</p>}
      {progress && (
        <div className="note-progress" role="status">
          <progress max={progress.total} value={progress.done} aria-label="Video export progress" /> {progress.label}
        </div>
      )}
    </div>
  );
}
