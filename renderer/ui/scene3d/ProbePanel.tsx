import { useState } from 'react';
import { PROBE_DEPTH_RANGE_MM, PROBE_PRESETS, PROBE_WIDTH_RANGE_MM, axisName, probeView, withProbeKind, type ProbeKind } from '../../../core/anatomy/probe';
import { scale } from '../../../core/anatomy/vec3';
import { useCase } from '../../state/case';
import { dispatch, displayShortcut, useCommands } from '../../state/commands';
import { apply3d, useScene3d, useScene3dPlan } from '../../state/scene3d';
import { mm, parseMm, xyz } from './format';
import { ClipLinks } from './ProbeClipLinks';
import { SaveClipSection } from './SaveClipSection';

/**
 * The virtual probe: place it on the skin (click), choose linear or curvilinear, set the depth and
 * footprint, slide and turn it with buttons or keys, and tie a clip frame to its pose so the clip's
 * 2D needle path shows in 3D and the 3D needle on the clip.
 */

function CommandButton({ id, children }: { id: string; children: string }) {
  const cmd = useCommands((s) => s.commands[id]);
  useCase((s) => s.history); // re-check enabled() when the plan changes
  const enabled = !!cmd && (!cmd.enabled || cmd.enabled());
  const label = cmd?.label ?? id;
  return (
    <button type="button" className="s3d-pad-button" aria-label={label} title={cmd?.shortcut ? `${label} (${displayShortcut(cmd.shortcut)})` : label} disabled={!enabled} onClick={() => dispatch(id)}>
      {children}
    </button>
  );
}

function NumberField({ label, value, min, max, onCommit }: { label: string; value: number; min: number; max: number; onCommit(v: number): void }) {
  const [text, setText] = useState(value.toFixed(0));
  const [from, setFrom] = useState(value);
  if (from !== value) {
    setFrom(value);
    setText(value.toFixed(0));
  }
  const commit = () => {
    const v = parseMm(text);
    if (Number.isFinite(v) && v >= min && v <= max) onCommit(v);
    else setText(value.toFixed(0));
  };
  return (
    <label className="s3d-field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={text}
        aria-label={`${label} (mm)`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span className="muted s3d-unit">mm</span>
    </label>
  );
}

export function ProbePanel() {
  const scene = useScene3dPlan();
  const tool = useScene3d((s) => s.tool);
  const kind = useScene3d((s) => s.probeKind);
  const pose = scene.probe;
  const setKind = (k: ProbeKind) => {
    useScene3d.getState().setProbeKind(k);
    if (pose && pose.kind !== k) apply3d({ type: 'set-probe-3d', probe: withProbeKind(pose, k), label: `Use a ${k} probe` });
  };
  const current = pose?.kind ?? kind;
  return (
    <div className="s3d-probe" data-testid="probe-panel">
      <div className="s3d-row">
        <button type="button" className={`secondary-button${tool === 'probe' ? ' active' : ''}`} aria-pressed={tool === 'probe'} onClick={() => dispatch('tools3d.probe')}>
          {pose ? 'Move probe' : 'Place probe'}
        </button>
        <div className="s3d-segmented" role="radiogroup" aria-label="Probe type">
          {(['linear', 'curvilinear'] as const).map((k) => (
            <button key={k} type="button" role="radio" aria-checked={current === k} className={current === k ? 'active' : ''} title={PROBE_PRESETS[k].label} onClick={() => setKind(k)}>
              {k === 'linear' ? 'Linear' : 'Curvilinear'}
            </button>
          ))}
        </div>
      </div>
      <p className="s3d-hint" aria-live="polite">
        {tool === 'probe' ? 'Click on the skin to put the probe there.' : pose ? 'Move it with the buttons, or click the 3D view and use the keys below.' : 'Click “Place probe”, then click on the skin.'}
      </p>
      {pose && (
        <>
          <div className="s3d-row">
            <NumberField label="Depth" value={pose.depthMm} min={PROBE_DEPTH_RANGE_MM.min} max={PROBE_DEPTH_RANGE_MM.max} onCommit={(v) => apply3d({ type: 'set-probe-3d', probe: { ...pose, depthMm: v }, label: 'Change probe depth' })} />
            <NumberField label="Width" value={pose.widthMm} min={PROBE_WIDTH_RANGE_MM.min} max={PROBE_WIDTH_RANGE_MM.max} onCommit={(v) => apply3d({ type: 'set-probe-3d', probe: { ...pose, widthMm: v }, label: 'Change probe width' })} />
          </div>
          <div className="s3d-pad" role="group" aria-label="Move the probe">
            <div className="s3d-pad-grid">
              <span className="s3d-pad-label">Slide</span>
              <CommandButton id="probe.slideMinus">←</CommandButton>
              <CommandButton id="probe.slidePlus">→</CommandButton>
              <CommandButton id="probe.sweepPlus">↑</CommandButton>
              <CommandButton id="probe.sweepMinus">↓</CommandButton>
              <span className="s3d-pad-label">Rotate</span>
              <CommandButton id="probe.rotateCcw">↺</CommandButton>
              <CommandButton id="probe.rotateCw">↻</CommandButton>
              <span className="s3d-pad-label">Tilt</span>
              <CommandButton id="probe.tiltMinus">⤺</CommandButton>
              <CommandButton id="probe.tiltPlus">⤻</CommandButton>
              <span className="s3d-pad-label">Depth</span>
              <CommandButton id="probe.shallower">−</CommandButton>
              <CommandButton id="probe.deeper">+</CommandButton>
            </div>
            <p className="muted s3d-small">Keys in the 3D view: arrows slide, Shift+arrows rotate and tilt, Page Up/Down change the depth.</p>
          </div>
          <dl className="s3d-numbers s3d-compact" aria-label="Probe pose">
            <dt>View</dt>
            <dd>{probeView(pose)}</dd>
            <dt>Image right</dt>
            <dd>{axisName(pose.lateralDir)}</dd>
            <dt>Image left</dt>
            <dd>{axisName(scale(pose.lateralDir, -1))}</dd>
            <dt>Beam toward</dt>
            <dd>{axisName(pose.beamDir)}</dd>
            <dt>Probe face</dt>
            <dd>{xyz(pose.position)}</dd>
            <dt>Footprint</dt>
            <dd>
              {mm(pose.widthMm, 0)}
              {pose.kind === 'curvilinear' && pose.radiusMm !== undefined ? `, radius ${mm(pose.radiusMm, 0)}` : ''}
            </dd>
          </dl>
          <ClipLinks pose={pose} />
          <SaveClipSection hasNeedle={!!scene.trajectory} />
          <div className="s3d-row">
            <button type="button" className="secondary-button" onClick={() => apply3d({ type: 'set-probe-3d', probe: null, label: 'Remove probe' })}>
              Remove probe
            </button>
          </div>
        </>
      )}
    </div>
  );
}
