import { PROBE_DEPTH_RANGE_MM } from '../../../core/anatomy/probe';
import { dispatch } from '../../state/commands';
import { GAIN_RANGE_DB, useScene3d, useScene3dPlan, type ProbeImageMode } from '../../state/scene3d';
import { SectionOutlines } from './CrossSectionPanel';
import { mm } from './format';
import { SimImage } from './SimImage';

/**
 * The virtual probe image beside the 3D view, always in sight while the probe moves (arrow keys in
 * the 3D view, or the probe controls): the simulated B-mode image, the labelled outlines of what the
 * plane cuts, or both; with the imaging depth and the gain.
 */
const MODES: { id: ProbeImageMode; label: string }[] = [
  { id: 'simulated', label: 'Simulated' },
  { id: 'outlines', label: 'Outlines' },
  { id: 'both', label: 'Both' },
];

export function ProbeImagePanel() {
  const scene = useScene3dPlan();
  const mode = useScene3d((s) => s.imageMode);
  const gainDb = useScene3d((s) => s.gainDb);
  const pose = scene.probe;
  if (!pose) {
    return (
      <section className="s3d-section s3d-section-empty" aria-label="Virtual probe image">
        <h3 className="s3d-h">Probe image</h3>
        <p className="muted">Place the probe on the skin to see its ultrasound image and what its plane cuts through.</p>
        <button type="button" className="secondary-button" onClick={() => dispatch('tools3d.probe')}>
          Place probe…
        </button>
      </section>
    );
  }
  const st = useScene3d.getState();
  return (
    <section className="s3d-section" aria-label="Virtual probe image" data-testid="probe-image">
      <div className="s3d-image-head">
        <h3 className="s3d-h">Probe image</h3>
        <div className="s3d-segmented small" role="radiogroup" aria-label="Probe image shows">
          {MODES.map((m) => (
            <button key={m.id} type="button" role="radio" aria-checked={mode === m.id} className={mode === m.id ? 'active' : ''} onClick={() => st.setImageMode(m.id)}>
              {m.label}
            </button>
          ))}
        </div>
      </div>
      {mode === 'outlines' ? <SectionOutlines pose={pose} /> : <SimImage pose={pose} outlines={mode === 'both'} />}
      <div className="s3d-image-controls" role="group" aria-label="Imaging depth and gain">
        <span className="s3d-field">
          <span>Depth</span>
          <button type="button" className="s3d-pad-button" aria-label="Image shallower" disabled={pose.depthMm <= PROBE_DEPTH_RANGE_MM.min} onClick={() => dispatch('probe.shallower')}>
            −
          </button>
          <output aria-label="Imaging depth">{mm(pose.depthMm, 0)}</output>
          <button type="button" className="s3d-pad-button" aria-label="Image deeper" disabled={pose.depthMm >= PROBE_DEPTH_RANGE_MM.max} onClick={() => dispatch('probe.deeper')}>
            +
          </button>
        </span>
        <label className="s3d-field s3d-gain">
          <span>Gain</span>
          <input type="range" min={GAIN_RANGE_DB.min} max={GAIN_RANGE_DB.max} step={GAIN_RANGE_DB.step} value={gainDb} aria-label="Gain (dB)" disabled={mode === 'outlines'} onChange={(e) => st.setGainDb(Number(e.target.value))} />
          <output>
            {gainDb > 0 ? '+' : ''}
            {gainDb} dB
          </output>
        </label>
      </div>
      {mode !== 'outlines' && <p className="s3d-small muted s3d-sim-note">A simulated teaching image of the atlas: the echoes of the tissues and surfaces cut by the plane, not a patient image.</p>}
    </section>
  );
}
