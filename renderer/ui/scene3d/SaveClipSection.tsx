import { useState } from 'react';
import { SIM_CLIP_DEFAULTS, type SimClipKind } from '../../../core/sim/clip';
import { saveSimClip } from '../../scene3d';
import { useLayout } from '../../state/layout';
import { notify, reportError } from '../../state/messages';
import { routeFiles } from '../../services/fileRouting';

/**
 * Save the probe view as a DICOM ultrasound clip (a sweep across the plane, or the needle advancing
 * with the probe held), then open it in the 2D viewer like any clip (calibrated in mm, so the
 * planning tools measure on it). The frames are made in the simulator worker.
 */
export function SaveClipSection({ hasNeedle }: { hasNeedle: boolean }) {
  const [kind, setKind] = useState<SimClipKind>('sweep');
  const [frames, setFrames] = useState<number>(SIM_CLIP_DEFAULTS.frames);
  const [sweepMm, setSweepMm] = useState<number>(SIM_CLIP_DEFAULTS.sweepMm);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const r = await saveSimClip(kind === 'sweep' ? { kind, frames, sweepMm } : { kind, frames });
      if (!r.ok) {
        reportError(r.error);
        return;
      }
      if (!r.value) return; // the user cancelled the save dialog
      await routeFiles([r.value], 'dicom');
      useLayout.getState().setView('2d');
      notify(`Saved the simulated clip ${r.value.name} and opened it in the 2D viewer`, 'success', { detail: 'A teaching image of the anatomy atlas (not a patient image), calibrated in mm.' });
    } finally {
      setBusy(false);
    }
  };
  const num = (v: string, lo: number, hi: number, set: (n: number) => void) => {
    const n = Math.round(Number(v));
    if (Number.isFinite(n)) set(Math.max(lo, Math.min(hi, n)));
  };
  return (
    <section className="s3d-subsection" aria-label="Save the probe view as a clip">
      <h3 className="s3d-h">Save as a clip</h3>
      <div className="s3d-segmented" role="radiogroup" aria-label="Clip content">
        <button type="button" role="radio" aria-checked={kind === 'sweep'} className={kind === 'sweep' ? 'active' : ''} onClick={() => setKind('sweep')}>
          Sweep
        </button>
        <button type="button" role="radio" aria-checked={kind === 'needle'} className={kind === 'needle' ? 'active' : ''} disabled={!hasNeedle} title={hasNeedle ? undefined : 'Plan a needle in this plane first'} onClick={() => setKind('needle')}>
          Needle advancing
        </button>
      </div>
      <div className="s3d-row">
        <label className="s3d-field">
          <span>Frames</span>
          <input type="number" min={2} max={SIM_CLIP_DEFAULTS.maxFrames} value={frames} aria-label="Frames of the clip" onChange={(e) => num(e.target.value, 2, SIM_CLIP_DEFAULTS.maxFrames, setFrames)} />
        </label>
        {kind === 'sweep' && (
          <label className="s3d-field">
            <span>Sweep</span>
            <input type="number" min={2} max={100} value={sweepMm} aria-label="Sweep across the plane (mm)" onChange={(e) => num(e.target.value, 2, 100, setSweepMm)} />
            <span className="muted s3d-unit">mm</span>
          </label>
        )}
      </div>
      <p className="muted s3d-small">
        {kind === 'sweep' ? `The probe slides ${sweepMm} mm across its plane, centred here, in ${frames} frames.` : `The probe is held; the needle advances from the skin to the target in ${frames} frames.`} {SIM_CLIP_DEFAULTS.frameRateFps} frames/s.
      </p>
      <button type="button" className="secondary-button" disabled={busy} onClick={() => void save()}>
        {busy ? 'Making the clip…' : 'Save clip…'}
      </button>
    </section>
  );
}
