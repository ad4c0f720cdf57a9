import { useMemo, useRef } from 'react';
import type { UltrasoundRegion } from '../../core/dicom/calibration';
import { useFiles } from '../state/files';
import { useViewer } from '../state/viewer';
import { getClipStore } from './clips';
import { useFrameEffect, writeText } from './frame-dom';
import { calibrationLabel, formatDa, formatFps, formatTime, frameStarts, rateSourceLabel } from './format';
import { useViewportGeometry } from '../state/viewportGeometry';
import { depthRuler } from './ruler';
import { useCaseCalibrationStatus } from '../state/clipCalibration';

/**
 * The overlay layer above the cornerstone canvas (never burned into the image): frame and time,
 * frame rate and its source, calibration, a depth scale in mm, patient details (off by default)
 * and playback diagnostics.
 */
export function Overlays() {
  const clipId = useViewer((s) => s.clipId);
  const overlays = useViewer((s) => s.overlays);
  const file = useFiles((s) => s.files.find((f) => f.id === clipId));
  const d = file?.dicom;
  if (!clipId || !d) return null;
  return (
    <div className="overlay-layer" aria-live="off">
      {overlays.depthScale && <DepthScale />}
      {overlays.info && <InfoOverlay />}
      {overlays.patient && <PatientOverlay />}
      {overlays.diagnostics && <DiagnosticsOverlay />}
    </div>
  );
}

function useSummary() {
  const clipId = useViewer((s) => s.clipId);
  return useFiles((s) => s.files.find((f) => f.id === clipId));
}

function InfoOverlay() {
  const file = useSummary();
  const speed = useViewer((s) => s.speed);
  const d = file?.dicom;
  const starts = useMemo(() => (d ? frameStarts(d.frameTimesMs) : []), [d]);
  const counter = useRef<HTMLSpanElement>(null);
  const time = useRef<HTMLSpanElement>(null);
  const n = d?.availableFrames ?? 0;
  const durationMs = d?.durationMs ?? 0;
  // Frame and time follow playback without re-rendering this component (frame-dom.ts); while
  // playing at most 20 times a second, exact whenever playback stops.
  useFrameEffect(
    (frame) => {
      writeText(counter.current, `Frame ${frame + 1} / ${n}`);
      writeText(time.current, ` · ${formatTime(starts[frame] ?? 0)} / ${formatTime(durationMs)}`);
    },
    [n, starts, durationMs, file],
  );
  const status = useCaseCalibrationStatus(file?.id ?? null, d?.calibration);
  if (!file || !d || !status) return null;
  const cal = calibrationLabel(status);
  return (
    <>
      <div className="ov-scrim" aria-hidden="true" />
      <div className="ov ov-tl" data-testid="overlay-frame">
        <div className="ov-title">{file.name}</div>
        <div className="ov-line">
          <span className="ov-strong" data-testid="frame-counter" ref={counter} />
          {n > 1 && <span ref={time} />}
        </div>
      </div>
      <div className="ov ov-tr" data-testid="overlay-rate">
        {n > 1 && (
          <div className={`ov-line${d.rateAssumed ? ' ov-warn' : ''}`} title={d.rateAssumed ? 'Playback uses 30 frames per second because the file does not say how fast it was recorded.' : undefined}>
            <span className="ov-strong">{formatFps(d.fps)}</span> {rateSourceLabel(d.rateSource, d.rateAssumed)}
            {speed !== 1 && <span className="ov-strong"> · playing at {speed}×</span>}
          </div>
        )}
        <div className={`ov-line ${cal.calibrated ? 'ov-ok' : 'ov-warn'}`} data-testid="overlay-calibration">
          {cal.text}
        </div>
        {cal.reason && <div className="ov-reason ov-warn">{cal.reason}</div>}
      </div>
    </>
  );
}

function PatientOverlay() {
  const clipId = useViewer((s) => s.clipId);
  const p = getClipStore().get(clipId)?.patient;
  return (
    <div className="ov ov-bl-high ov-patient" data-testid="overlay-patient">
      <div className="ov-caption">Patient details shown (P to hide)</div>
      <div className="ov-line">{p?.name ? p.name.replace(/\^+/g, ' ').trim() : 'No name in the file'}</div>
      <div className="ov-line">
        {p?.id ? `ID ${p.id}` : 'No ID'}
        {p?.birthDate ? ` · born ${formatDa(p.birthDate)}` : ''}
        {p?.sex ? ` · ${p.sex}` : ''}
      </div>
    </div>
  );
}

function DiagnosticsOverlay() {
  const diag = useViewer((s) => s.diagnostics);
  const playing = useViewer((s) => s.playing);
  const file = useSummary();
  const speed = useViewer((s) => s.speed);
  if (!diag) return null;
  const target = file?.dicom ? file.dicom.fps * speed : 0;
  const pct = diag.opportunities ? (100 * diag.dropped) / diag.opportunities : 0;
  const possible = Math.min(diag.framesDue, diag.ticks);
  const missed = Math.max(0, possible - diag.framesShown);
  return (
    <div
      className="ov ov-bl ov-diag"
      data-testid="overlay-diagnostics"
      data-opportunities={diag.opportunities}
      data-dropped={diag.dropped}
      data-frames-shown={diag.framesShown}
      data-frames-due={diag.framesDue}
      data-played-ms={Math.round(diag.playedMs)}
      data-ticks={diag.ticks}
      data-cache-mb={diag.cacheMb.toFixed(1)}
      data-budget-mb={diag.budgetMb.toFixed(1)}
      data-decoded={diag.decoded}
    >
      <div className="ov-caption">Playback diagnostics</div>
      <div className="ov-line">
        Shown: <span className="ov-strong" data-testid="diag-fps">{playing ? diag.effectiveFps.toFixed(1) : '—'}</span> frames/s
        {playing && target > 0 ? ` (clip ${target.toFixed(1)} frames/s${target > 60 ? ', display ≤ 60' : ''})` : ''}
      </div>
      <div className="ov-line">
        Not decoded in time: <span className="ov-strong" data-testid="diag-dropped">{diag.dropped}</span> of {diag.opportunities} ({pct.toFixed(1)} %)
      </div>
      <div className="ov-line">
        Missed by the display: <span className="ov-strong">{missed}</span> of {possible} frames it could show
      </div>
      <div className="ov-line">
        Decode queue: {diag.queued} · frame memory {diag.cacheMb.toFixed(0)} / {diag.budgetMb.toFixed(0)} MB
      </div>
    </div>
  );
}

/**
 * The depth scale along the calibrated region, or — for a manual calibration (no region) — along the
 * whole image, from the transducer face the user marked (else the top row).
 */
function DepthScale() {
  const file = useSummary();
  const { m, canvasW, canvasH } = useViewportGeometry();
  const d = file?.dicom;
  const cal = useCaseCalibrationStatus(file?.id ?? null, d?.calibration);
  const ruler = useMemo(() => {
    if (!m || !d || !cal || cal.unit !== 'mm') return null;
    const region = cal.region ?? (cal.source === 'manual' ? wholeImageRegion(d.columns, d.rows, cal.faceY) : undefined);
    return region ? depthRuler(region, cal.mmPerPxY, m, { w: canvasW, h: canvasH }, { clearTopPx: 52 }) : null;
  }, [m, d, cal, canvasW, canvasH]);
  if (!ruler) return null;
  const [a, b] = ruler.line;
  return (
    <svg className="depth-scale" width={canvasW} height={canvasH} data-testid="depth-scale" role="img" aria-label={`Depth scale, ${ruler.totalMm.toFixed(0)} mm deep, labels every ${ruler.labelStepMm} mm`}>
      <title>Depth in mm from the reference point of the calibrated region (the transducer face)</title>
      <g className="ruler-halo">
        <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
        {ruler.ticks.map((t, i) => (
          <line key={i} x1={t.from.x} y1={t.from.y} x2={t.to.x} y2={t.to.y} />
        ))}
      </g>
      <g className="ruler">
        <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
        {ruler.ticks.map((t, i) => (
          <line key={i} x1={t.from.x} y1={t.from.y} x2={t.to.x} y2={t.to.y} className={t.major ? 'major' : 'minor'} />
        ))}
      </g>
      {ruler.labels.map((l, i) => (
        <text key={i} x={l.at.x} y={l.at.y} className="ruler-label" dominantBaseline="middle" textAnchor="middle">
          {l.text}
          {i === ruler.labels.length - 1 ? ' mm' : ''}
        </text>
      ))}
    </svg>
  );
}

/** The whole image as a region for the depth scale of a manual calibration (depth 0 at `faceY`). */
function wholeImageRegion(columns: number, rows: number, faceY: number | undefined): UltrasoundRegion {
  return { index: 0, x0: 0, y0: 0, x1: columns - 1, y1: rows - 1, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0, deltaY: 0, ...(faceY !== undefined ? { referencePixelY0: Math.round(faceY) } : {}) };
}
