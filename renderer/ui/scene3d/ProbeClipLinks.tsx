import type { ProbePose } from '../../../core/anatomy/plan3d';
import { useViewerLink } from '../../state/viewerLink';
import { useCase } from '../../state/case';
import { notify } from '../../state/messages';
import { apply3d, useScene3d, useScene3dPlan } from '../../state/scene3d';
import { clipImageGeometry } from './clipGeometry';

/**
 * Clip frames tied to the probe pose: tie the clip frame shown in 2D to the current pose (its
 * needle path then shows in 3D, and the 3D needle on the clip), untie, show or hide the paths.
 */
export function ClipLinks({ pose }: { pose: ProbePose }) {
  const scene = useScene3dPlan();
  const plan = useCase((s) => s.history.present);
  const runtimes = useCase((s) => s.clips);
  const link = useViewerLink();
  const showClipPaths = useScene3d((s) => s.showClipPaths);
  const clip = link.clipId ? plan.clips.find((c) => c.id === link.clipId) : undefined;
  const linkShown = () => {
    if (!clip || !link.facts) return;
    const cal = runtimes[clip.id]?.calibration ?? link.facts.calibration;
    const g = clipImageGeometry(cal, { columns: link.facts.columns, rows: link.facts.rows });
    if (!g.geometry) {
      notify('This clip cannot be tied to the probe: it is not calibrated in mm', 'warning', { detail: g.reason, action: 'Calibrate the clip manually in the 2D view first.' });
      return;
    }
    apply3d({ type: 'link-clip-3d', link: { clipId: clip.id, frameIndex: link.frameIndex, probe: pose, image: g.geometry }, label: `Tie ${clip.displayName} frame ${link.frameIndex + 1} to the probe` });
    if (g.note) notify(`Tied frame ${link.frameIndex + 1} of ${clip.displayName} to the probe`, 'info', { detail: g.note });
  };
  const name = (clipId: string) => plan.clips.find((c) => c.id === clipId)?.displayName ?? clipId;
  return (
    <section className="s3d-subsection" aria-label="Clip frames tied to the probe">
      <h3 className="s3d-h">Clip frames</h3>
      {scene.clipLinks.length > 0 ? (
        <ul className="s3d-links">
          {scene.clipLinks.map((l) => (
            <li key={`${l.clipId}:${l.frameIndex}`}>
              <span>
                {name(l.clipId)} · {l.frameIndex === null ? 'all frames' : `frame ${l.frameIndex + 1}`}
                {!l.image && <span className="muted"> (no image scale)</span>}
              </span>
              <button type="button" className="link-button" aria-label={`Untie ${name(l.clipId)} ${l.frameIndex === null ? 'all frames' : `frame ${l.frameIndex + 1}`}`} onClick={() => apply3d({ type: 'unlink-clip-3d', clipId: l.clipId, frameIndex: l.frameIndex, label: 'Untie clip frame' })}>
                Untie
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted s3d-small">Tie the clip frame shown in 2D to this probe pose: its needle path then shows in 3D, and the 3D needle on the clip.</p>
      )}
      <button type="button" className="secondary-button" disabled={!clip} title={clip ? undefined : 'Show a clip of the case in the 2D view first'} onClick={linkShown}>
        {clip ? `Tie frame ${link.frameIndex + 1} of ${clip.displayName}` : 'Tie the clip frame shown in 2D'}
      </button>
      <label className="s3d-check">
        <input type="checkbox" checked={showClipPaths} onChange={(e) => useScene3d.getState().setShowClipPaths(e.target.checked)} />
        Show the clips’ needle paths in 3D
      </label>
    </section>
  );
}

