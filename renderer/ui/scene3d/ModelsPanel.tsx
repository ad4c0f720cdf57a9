import { setModelUnits } from '../../scene3d';
import { useMemo, useState } from 'react';
import type { ModelRef } from '../../../core/anatomy/plan3d';
import { MIN_LANDMARKS, registerLandmarks } from '../../../core/anatomy/registration';
import { MM_PER_UNIT, type LengthUnit } from '../../../core/anatomy/units';
import { identity4, multiply4 } from '../../../core/anatomy/vec3';
import { dispatch } from '../../state/commands';
import { apply3d, useScene3d, useScene3dPlan, type ModelRuntime } from '../../state/scene3d';
import { mm, parseMm } from './format';
import { composeTrs, decomposeTrs, type Trs } from './transform';

/**
 * The scene's models: import, units (detected m or mm, with an override), placement by gizmo or by
 * typed numbers (mm, degrees), removal, and landmark registration of one model onto another.
 * Unit changes reload the file (renderer/scene3d/models.ts, loaded on demand with the 3D view).
 */

const setUnits = (modelId: string, unit: LengthUnit) => setModelUnits(modelId, unit);

const UNIT_OF: Record<number, LengthUnit> = { 1: 'mm', 10: 'cm', 1000: 'm' };

function TransformForm({ model }: { model: ModelRef }) {
  const trs = useMemo(() => decomposeTrs(model.transform), [model.transform]);
  const toText = (t: Trs) => [...t.translateMm.map((v) => v.toFixed(1)), ...t.rotateDeg.map((v) => v.toFixed(1)), t.scale.toFixed(4)];
  const [text, setText] = useState<string[]>(() => toText(trs));
  const [from, setFrom] = useState(trs);
  if (from !== trs) {
    setFrom(trs);
    setText(toText(trs));
  }
  const names = ['Move x', 'Move y', 'Move z', 'Rotate about x', 'Rotate about y', 'Rotate about z', 'Scale'];
  const units = ['mm', 'mm', 'mm', '°', '°', '°', '×'];
  const apply = () => {
    const v = text.map(parseMm);
    if (!v.every(Number.isFinite) || !(v[6]! > 0)) return;
    const m = composeTrs({ translateMm: [v[0]!, v[1]!, v[2]!], rotateDeg: [v[3]!, v[4]!, v[5]!], scale: v[6]! });
    apply3d({ type: 'set-model-transform-3d', modelId: model.id, transform: m, label: `Place ${model.label}` });
  };
  return (
    <form
      className="s3d-trs"
      aria-label={`Placement of ${model.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className="s3d-trs-grid">
        {names.map((n, i) => (
          <label key={n} className="s3d-field">
            <span>{n}</span>
            <input type="text" inputMode="decimal" value={text[i]} aria-label={`${n} of ${model.label} (${units[i] === '°' ? 'degrees' : units[i] === '×' ? 'factor' : 'mm'})`} onChange={(e) => setText((a) => a.map((x, k) => (k === i ? e.target.value : x)))} />
            <span className="muted s3d-unit">{units[i]}</span>
          </label>
        ))}
      </div>
      <div className="s3d-row">
        <button type="submit" className="secondary-button">
          Apply
        </button>
        <button type="button" className="secondary-button" onClick={() => apply3d({ type: 'set-model-transform-3d', modelId: model.id, transform: identity4(), label: `Reset placement of ${model.label}` })}>
          Reset
        </button>
      </div>
    </form>
  );
}

function ModelCard({ model, rt }: { model: ModelRef; rt: ModelRuntime | undefined }) {
  const gizmo = useScene3d((s) => s.gizmo);
  const [open, setOpen] = useState(false);
  const isFile = model.source.kind === 'file';
  const unit = UNIT_OF[model.mmPerUnit];
  const setGizmo = (mode: 'translate' | 'rotate' | null) => useScene3d.getState().setGizmo(mode ? { modelId: model.id, mode } : null);
  const active = gizmo?.modelId === model.id ? gizmo.mode : null;
  return (
    <li className="s3d-model-card">
      <div className="s3d-model-card-head">
        <span className="s3d-model-name">{model.label}</span>
        <span className="muted">{rt?.status === 'ready' ? `${rt.triangleCount.toLocaleString('en-US')} triangles` : rt?.status === 'error' ? 'not loaded' : 'loading…'}</span>
      </div>
      {rt?.error && <p className="s3d-error">{rt.error.title} {rt.error.action}</p>}
      {isFile && (
        <div className="s3d-units">
          <label className="s3d-field">
            <span>Units</span>
            <select value={unit ?? 'custom'} aria-label={`Units of ${model.label}`} disabled={rt?.status !== 'ready'} onChange={(e) => void setUnits(model.id, e.target.value as LengthUnit)}>
              {(Object.keys(MM_PER_UNIT) as LengthUnit[]).map((u) => (
                <option key={u} value={u}>
                  {u === 'mm' ? 'millimetres' : u === 'cm' ? 'centimetres' : 'metres'}
                </option>
              ))}
              {!unit && <option value="custom">{model.mmPerUnit} mm per unit</option>}
            </select>
          </label>
          <p className={`s3d-small ${rt?.units?.ambiguous && !model.unitsOverridden ? 's3d-warn' : 'muted'}`}>{model.unitsOverridden ? 'Units set by you.' : rt?.units?.reason}</p>
        </div>
      )}
      <div className="s3d-row">
        <div className="s3d-segmented" role="radiogroup" aria-label={`Gizmo for ${model.label}`}>
          {([null, 'translate', 'rotate'] as const).map((m) => (
            <button key={m ?? 'off'} type="button" role="radio" aria-checked={active === m} className={active === m ? 'active' : ''} onClick={() => setGizmo(m)}>
              {m === null ? 'Fixed' : m === 'translate' ? 'Move' : 'Rotate'}
            </button>
          ))}
        </div>
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? 'Hide numbers' : 'Type numbers'}
        </button>
      </div>
      {open && <TransformForm model={model} />}
      <div className="s3d-row">
        <button
          type="button"
          className="link-button"
          aria-label={`Remove ${model.label} from the scene`}
          onClick={() => {
            if (gizmo?.modelId === model.id) setGizmo(null);
            apply3d({ type: 'remove-model-3d', modelId: model.id, label: `Remove ${model.label}` });
          }}
        >
          Remove from scene
        </button>
      </div>
    </li>
  );
}

/** Pick matching landmarks on two models, see the RMS error, apply the transform to the moving model. */
export function RegistrationPanel() {
  const scene = useScene3dPlan();
  const reg = useScene3d((s) => s.registration);
  const tool = useScene3d((s) => s.tool);
  const models = scene.models;
  const start = () => {
    const moving = models.find((m) => m.source.kind === 'file') ?? models[models.length - 1]!;
    const fixed = models.find((m) => m.id !== moving.id)!;
    useScene3d.getState().setRegistration({ movingId: moving.id, fixedId: fixed.id, kind: 'rigid', moving: [], fixed: [], picking: null });
  };
  const result = useMemo(() => (reg && reg.moving.length >= MIN_LANDMARKS && reg.moving.length === reg.fixed.length ? registerLandmarks(reg.moving, reg.fixed, reg.kind) : null), [reg]);
  if (models.length < 2) {
    return <p className="muted s3d-small">Landmark registration needs two models in the scene (e.g. an imported model and the atlas).</p>;
  }
  if (!reg) {
    return (
      <button type="button" className="secondary-button" onClick={start}>
        Register one model onto another…
      </button>
    );
  }
  const st = useScene3d.getState();
  const set = (patch: Partial<typeof reg>) => st.setRegistration({ ...reg, ...patch });
  const pick = (side: 'moving' | 'fixed') => {
    const on = reg.picking === side && tool === 'landmark';
    set({ picking: on ? null : side });
    st.setTool(on ? 'orbit' : 'landmark');
  };
  const label = (id: string) => models.find((m) => m.id === id)?.label ?? id;
  const pairs = Math.max(reg.moving.length, reg.fixed.length);
  const apply = () => {
    if (!result?.ok) return;
    const moving = models.find((m) => m.id === reg.movingId);
    if (!moving) return;
    const m = multiply4(result.value.matrix, moving.transform);
    apply3d({ type: 'set-model-transform-3d', modelId: moving.id, transform: m, label: `Register ${moving.label} onto ${label(reg.fixedId)}` });
    st.setRegistration(null);
    st.setTool('orbit');
  };
  return (
    <div className="s3d-registration" role="group" aria-label="Landmark registration">
      <label className="s3d-field">
        <span>Move</span>
        <select value={reg.movingId} aria-label="Model to move" onChange={(e) => set({ movingId: e.target.value, moving: [], fixed: [] })}>
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={m.id === reg.fixedId}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="s3d-field">
        <span>onto</span>
        <select value={reg.fixedId} aria-label="Model to register onto" onChange={(e) => set({ fixedId: e.target.value, moving: [], fixed: [] })}>
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={m.id === reg.movingId}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <div className="s3d-segmented" role="radiogroup" aria-label="Transform type">
        {(['rigid', 'similarity'] as const).map((k) => (
          <button key={k} type="button" role="radio" aria-checked={reg.kind === k} className={reg.kind === k ? 'active' : ''} onClick={() => set({ kind: k })} title={k === 'rigid' ? 'Rotation and translation' : 'Rotation, translation and uniform scale'}>
            {k === 'rigid' ? 'Rigid' : 'Similarity'}
          </button>
        ))}
      </div>
      <div className="s3d-row">
        <button type="button" className={`secondary-button${reg.picking === 'moving' && tool === 'landmark' ? ' active' : ''}`} aria-pressed={reg.picking === 'moving' && tool === 'landmark'} onClick={() => pick('moving')}>
          Pick on {label(reg.movingId)}
        </button>
        <button type="button" className={`secondary-button${reg.picking === 'fixed' && tool === 'landmark' ? ' active' : ''}`} aria-pressed={reg.picking === 'fixed' && tool === 'landmark'} onClick={() => pick('fixed')}>
          Pick on {label(reg.fixedId)}
        </button>
      </div>
      <p className="muted s3d-small">Pick at least {MIN_LANDMARKS} well-spread points on each model, in the same order.</p>
      {pairs > 0 && (
        <table className="s3d-clearance" aria-label="Landmark pairs">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Moving</th>
              <th scope="col">Fixed</th>
              <th scope="col">Residual</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: pairs }, (_, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{reg.moving[i] ? '✓' : '—'}</td>
                <td>{reg.fixed[i] ? '✓' : '—'}</td>
                <td>{result?.ok ? mm(result.value.residualsMm[i]) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && !result.ok && <p className="s3d-warn s3d-small">{result.error.title} {result.error.action}</p>}
      {result?.ok && (
        <p className="s3d-rms" data-testid="registration-rms">
          RMS error <strong>{mm(result.value.rmsMm, 2)}</strong>
          {reg.kind === 'similarity' && <> · scale ×{result.value.scale.toFixed(4)}</>}
        </p>
      )}
      <div className="s3d-row">
        <button type="button" className="primary-button" disabled={!result?.ok} onClick={apply}>
          Apply
        </button>
        <button type="button" className="secondary-button" onClick={() => set({ moving: [], fixed: [] })}>
          Clear points
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            st.setRegistration(null);
            if (tool === 'landmark') st.setTool('orbit');
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ModelsPanel() {
  const scene = useScene3dPlan();
  const models = useScene3d((s) => s.models);
  return (
    <div className="s3d-models" data-testid="models-panel">
      <div className="s3d-row">
        <button type="button" className="secondary-button" onClick={() => dispatch('file.openModel')}>
          Import model…
        </button>
        <span className="muted s3d-small">GLB, glTF, STL, OBJ, PLY</span>
      </div>
      <ul className="s3d-model-cards">
        {scene.models.map((m) => (
          <ModelCard key={m.id} model={m} rt={models[m.id]} />
        ))}
      </ul>
      <h3 className="s3d-h">Landmark registration</h3>
      <RegistrationPanel />
    </div>
  );
}
