import { useState } from 'react';
import { isSpatialRegion, manualCalibrationFrom, type LengthUnit } from '../../../core/dicom/calibration';
import type { Annotation } from '../../../core/plan/schema';
import { useCase } from '../../state/case';
import { notify } from '../../state/messages';

/**
 * Two-point manual calibration from a line the user drew over depth markers or a burned-in scale:
 * they type its true length (mm or cm) and the case stores the calibration for the clip (one undo
 * step). The rule — and its refusals — is core's `manualCalibrationFrom`; the calibration applies
 * only where the clip has no usable ultrasound region, which this says instead of offering it.
 */
export function CalibrateFromLine({ a }: { a: Annotation }) {
  const fileCal = useCase((s) => s.clips[a.clipId]?.calibration);
  const current = useCase((s) => s.history.present.manualCalibrations[a.clipId]);
  const [length, setLength] = useState('');
  const [unit, setUnit] = useState<LengthUnit>('mm');
  const [faceAtStart, setFaceAtStart] = useState(false);
  if (a.kind !== 'line' || a.points.length < 2) return null;
  if (fileCal?.regions.some(isSpatialRegion)) {
    return <p className="full muted small">This clip is calibrated by its ultrasound region; a manual calibration applies only to clips without one.</p>;
  }
  const calibrate = () => {
    const r = manualCalibrationFrom(a.points[0]!, a.points[1]!, Number(length.trim().replace(',', '.')), unit, { faceAtStart });
    if (!r.ok) {
      notify(r.error, 'warning');
      return;
    }
    if (useCase.getState().apply({ type: 'set-manual-calibration', clipId: a.clipId, calibration: r.value })) {
      notify(`Calibrated manually: ${r.mmPerPx.toPrecision(3)} mm per pixel. Numbers on this clip now read “(manual)”.`, 'success');
      setLength('');
    }
  };
  return (
    <>
      <span className="full cal-heading" id={`cal-${a.id}`}>
        Calibrate with this line{current ? ' (replaces the manual calibration)' : ''}: drawn over depth markers or a scale, type its true length.
      </span>
      <label htmlFor="ed-cal-length">True length</label>
      <span className="editor-actions">
        <input
          id="ed-cal-length"
          className="field-input"
          style={{ width: '6em' }}
          inputMode="decimal"
          value={length}
          onChange={(e) => setLength(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && calibrate()}
          aria-describedby={`cal-${a.id}`}
        />
        <select className="field-select" style={{ width: '5em' }} aria-label="Unit of the true length" value={unit} onChange={(e) => setUnit(e.target.value as LengthUnit)}>
          <option value="mm">mm</option>
          <option value="cm">cm</option>
        </select>
        <button type="button" className="small-button" onClick={calibrate} disabled={!length.trim()}>
          Calibrate
        </button>
      </span>
      <span className="full inline-options">
        <label title="Depths are then measured from the row where the line starts instead of the top of the image.">
          <input type="checkbox" checked={faceAtStart} onChange={(e) => setFaceAtStart(e.target.checked)} /> The line starts at the transducer face (depth 0)
        </label>
      </span>
    </>
  );
}
