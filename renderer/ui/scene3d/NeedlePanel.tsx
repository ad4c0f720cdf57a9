import { useMemo, useState } from 'react';
import { DEPTH_MARK_SPACING_MM, trajectoryMetrics } from '../../../core/anatomy/trajectory';
import { useCase } from '../../state/case';
import { dispatch } from '../../state/commands';
import { notify } from '../../state/messages';
import { length, sub, type Vec3 } from '../../../core/anatomy/vec3';
import type { Trajectory3d } from '../../../core/anatomy/plan3d';
import { apply3d, useScene3d, useScene3dPlan, type SurfaceQueries } from '../../state/scene3d';
import { craniocaudalText, deg, mediolateralText, mm, parseMm } from './format';


/** Typed-in coordinates → a trajectory (the normal, when known, from the skin near the entry). */
export function typedTrajectory(entry: Vec3, target: Vec3, surfaces: SurfaceQueries | null): Trajectory3d | null {
  if (!entry.every(Number.isFinite) || !target.every(Number.isFinite)) return null;
  if (length(sub(target, entry)) < 1e-6) return null;
  const near = surfaces?.skinNormalNear(entry, 5);
  return near ? { entry, target, entryNormal: near.normal } : { entry, target };
}

/**
 * The 3D needle: pick the entry and target on the surfaces (or type them in patient mm), then its
 * numbers — length, angle to the skin normal, cranio-caudal and medio-lateral angles, target depth —
 * and for each at-risk structure the smallest distance from the needle, with a warning at the first
 * structure it would pierce. Definitions: core/anatomy/trajectory.ts.
 */

const AXES = ['x', 'y', 'z'] as const;
const AXIS_HINT = { x: '+ = patient left', y: '+ = posterior', z: '+ = superior' } as const;
/** Clearance rows shown before "Show all". */
const CLEARANCE_ROWS = 6;

function CoordInputs({ name, values, onChange }: { name: string; values: string[]; onChange(i: number, v: string): void }) {
  return (
    <fieldset className="s3d-coords">
      <legend>{name}</legend>
      {AXES.map((a, i) => (
        <label key={a} className="s3d-coord" title={AXIS_HINT[a]}>
          <span>{a}</span>
          <input type="text" inputMode="decimal" value={values[i] ?? ''} aria-label={`${name} ${a} (mm, ${AXIS_HINT[a]})`} onChange={(e) => onChange(i, e.target.value)} />
        </label>
      ))}
      <span className="muted s3d-unit">mm</span>
    </fieldset>
  );
}

function TypedCoordinates() {
  const t = useScene3dPlan().trajectory;
  const fmt = (p?: Vec3) => (p ? p.map((v) => v.toFixed(1)) : ['', '', '']);
  const [entry, setEntry] = useState<string[]>(() => fmt(t?.entry));
  const [target, setTarget] = useState<string[]>(() => fmt(t?.target));
  const [syncedFrom, setSyncedFrom] = useState(t);
  if (t !== syncedFrom) {
    // The needle changed elsewhere (picked in 3D, undo): show its coordinates.
    setSyncedFrom(t);
    setEntry(fmt(t?.entry));
    setTarget(fmt(t?.target));
  }
  const apply = () => {
    const e = entry.map(parseMm) as Vec3;
    const g = target.map(parseMm) as Vec3;
    const traj = typedTrajectory(e, g, useScene3d.getState().surfaces);
    if (!traj) {
      notify('Type six numbers in millimetres, with the entry and the target at different places', 'warning');
      return;
    }
    apply3d({ type: 'set-trajectory-3d', trajectory: traj, label: 'Type needle coordinates' });
  };
  return (
    <form
      className="s3d-typed"
      aria-label="Type the needle coordinates"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <p className="muted s3d-small">Patient coordinates (LPS), millimetres: x + = left, y + = posterior, z + = superior.</p>
      <CoordInputs name="Entry" values={entry} onChange={(i, v) => setEntry((a) => a.map((x, k) => (k === i ? v : x)))} />
      <CoordInputs name="Target" values={target} onChange={(i, v) => setTarget((a) => a.map((x, k) => (k === i ? v : x)))} />
      <button type="submit" className="secondary-button">
        Set needle
      </button>
    </form>
  );
}

export function NeedlePanel() {
  const scene = useScene3dPlan();
  const tool = useScene3d((s) => s.tool);
  const draftEntry = useScene3d((s) => s.draftEntry);
  const draftTarget = useScene3d((s) => s.draftTarget);
  const clearance = useScene3d((s) => s.clearance);
  const marginMm = useCase((s) => s.history.present.settings.marginMm);
  const [showAll, setShowAll] = useState(false);
  const t = scene.trajectory;
  const metrics = useMemo(() => (t ? trajectoryMetrics(t) : undefined), [t]);
  const models = useScene3d((s) => s.models);
  const targetLabel = useMemo(() => {
    if (!scene.target) return undefined;
    for (const m of Object.values(models)) {
      const hit = m.structures.find((x) => x.ref === scene.target);
      if (hit) return hit.label;
    }
    return scene.target;
  }, [models, scene.target]);
  const hint =
    tool === 'entry'
      ? 'Click the skin where the needle goes in.'
      : tool === 'target'
        ? draftEntry
          ? 'Now click the target.'
          : 'Click the target.'
        : draftTarget
          ? 'Now pick the entry.'
          : t
            ? 'Pick again to move the entry or the target.'
            : 'Pick the entry on the skin, then the target — or type them below.';
  const entries = clearance?.entries ?? [];
  const rows = showAll ? entries : entries.slice(0, CLEARANCE_ROWS);
  const pierced = clearance?.firstPierced ?? null;
  const nearest = entries[0];
  const close = !pierced && nearest && nearest.distanceMm < marginMm ? nearest : null;

  return (
    <div className="s3d-needle" data-testid="needle-panel">
      <div className="s3d-row s3d-pick">
        <button type="button" className={`secondary-button${tool === 'entry' ? ' active' : ''}`} aria-pressed={tool === 'entry'} onClick={() => dispatch('tools3d.entry')}>
          Pick entry
        </button>
        <button type="button" className={`secondary-button${tool === 'target' ? ' active' : ''}`} aria-pressed={tool === 'target'} onClick={() => dispatch('tools3d.target')}>
          Pick target
        </button>
      </div>
      <p className="s3d-hint" aria-live="polite">
        {hint}
      </p>

      {pierced && (
        <div className="s3d-alert danger" role="alert" data-testid="pierce-warning">
          <span className="s3d-alert-icon" aria-hidden="true">
            ⚠
          </span>
          <span>
            The needle would pierce <strong>{pierced.label}</strong> at {mm(pierced.depthMm, 0)} from the entry.
          </span>
        </div>
      )}
      {close && (
        <div className="s3d-alert caution" role="status">
          <span className="s3d-alert-icon" aria-hidden="true">
            !
          </span>
          <span>
            {close.label} is {mm(close.distanceMm)} from the needle — inside the {mm(marginMm, 0)} margin.
          </span>
        </div>
      )}

      {t && metrics ? (
        <>
          <h3 className="s3d-h">Needle</h3>
          <dl className="s3d-numbers" aria-label="Needle numbers">
            <dt>Length</dt>
            <dd data-testid="needle-length">{mm(metrics.lengthMm)}</dd>
            <dt>Target depth</dt>
            <dd title="Below the skin, along the inward skin normal at the entry">{metrics.targetDepthMm === null ? '— (no skin normal)' : mm(metrics.targetDepthMm)}</dd>
            <dt>Angle to skin normal</dt>
            <dd title="0° = perpendicular to the skin">{deg(metrics.angleToSkinNormalDeg)}</dd>
            <dt>Angle to the skin</dt>
            <dd>{deg(metrics.angleToSkinDeg)}</dd>
            <dt>Cranio-caudal</dt>
            <dd>{craniocaudalText(metrics)}</dd>
            <dt>Medio-lateral</dt>
            <dd>{mediolateralText(metrics)}</dd>
            <dt>Direction</dt>
            <dd>toward {metrics.apDirection}</dd>
            <dt>Depth marks</dt>
            <dd>every {DEPTH_MARK_SPACING_MM} mm ({metrics.depthMarks.length})</dd>
            {targetLabel && (
              <>
                <dt>Target structure</dt>
                <dd>{targetLabel}</dd>
              </>
            )}
          </dl>

          <h3 className="s3d-h">Clearance to at-risk structures</h3>
          {entries.length === 0 ? (
            <p className="muted s3d-small">No at-risk structures. Mark them in the Structures tab (role: At risk).</p>
          ) : (
            <table className="s3d-clearance" aria-label="3D needle clearance to at-risk structures">
              <thead>
                <tr>
                  <th scope="col">Structure</th>
                  <th scope="col">Closest</th>
                  <th scope="col">At depth</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.ref} className={e.firstHit ? 'pierced' : e.distanceMm < marginMm ? 'close' : ''}>
                    <td>{e.label}</td>
                    <td>{e.firstHit ? 'pierced' : mm(e.distanceMm)}</td>
                    <td>{mm(e.firstHit ? e.firstHit.depthMm : e.depthAlongNeedleMm, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {entries.length > CLEARANCE_ROWS && (
            <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)}>
              {showAll ? 'Show fewer' : `Show all ${entries.length}`}
            </button>
          )}
          <div className="s3d-row">
            <button type="button" className="secondary-button" onClick={() => dispatch('view3d.needle')}>
              View along needle
            </button>
            <button type="button" className="secondary-button" onClick={() => apply3d({ type: 'set-trajectory-3d', trajectory: null, label: 'Remove needle' })}>
              Remove needle
            </button>
          </div>
        </>
      ) : (
        <p className="muted s3d-small">No needle yet.</p>
      )}
      <details className="s3d-details">
        <summary>Type coordinates</summary>
        <TypedCoordinates />
      </details>
    </div>
  );
}
