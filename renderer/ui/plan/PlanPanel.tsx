import { useMemo } from 'react';
import { getBlockTemplate } from '../../../core/blocks/index';
import { formatMeasurement, MARGIN_LABEL, STEEP_ANGLE_SOURCE, type Measurement } from '../../../core/geometry/index';
import { clipCalibration, measureClips, type ClipMeasurements, type MeasuredAnnotation } from '../../../core/plan/index';
import { SETTING_RANGES, SettingsSchema, type Annotation, type AnnotationRole, type Case } from '../../../core/plan/schema';
import { isCaseDirty, useCase, type ClipRuntime } from '../../state/case';
import { dispatch } from '../../state/commands';
import { selectAndShow } from '../../annotate/actions';
import { useViewerLink } from '../../state/viewerLink';
import { CommandButton } from '../CommandButton';
import { KeyFramesPanel } from '../KeyFramesPanel';
import { BlockCard, ROLE_LABEL } from './BlockCard';
import { PlanIcon } from './icons';
import { NeedleNumbers } from './NeedleNumbers';
import { PlannedDose } from './PlannedDose';
import { AnticoagSection } from './AnticoagSection';
import { describeCalibration } from './calibrationText';
import { FrameStatus } from './FrameStatus';
import { useReadOnlyLock } from './readOnlyLock';


const ROLE_TITLES: Record<AnnotationRole, string> = { target: 'Target', landmark: 'Landmarks', 'at-risk': 'At risk', skin: 'Skin line' };

/** Measurements of every clip of the case whose calibration is known (its file was found). */
export function useMeasurements(): { plan: Case; byClip: ClipMeasurements[]; runtimes: Record<string, ClipRuntime> } {
  const plan = useCase((s) => s.history.present);
  const runtimes = useCase((s) => s.clips);
  const byClip = useMemo(() => measureClips(plan, runtimes), [plan, runtimes]);
  return { plan, byClip, runtimes };
}

/** The Plan tab: the block, the needle paths with their numbers, the marks by role with their measurements, key frames. */
export function PlanPanel() {
  const { plan, byClip, runtimes } = useMeasurements();
  const selection = useCase((s) => s.selection);
  const readOnly = useCase((s) => s.readOnly !== null);
  const linkClip = useViewerLink((s) => s.clipId);
  const facts = useViewerLink((s) => s.facts);
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const multi = plan.clips.length > 1;
  const fileCal = linkClip ? runtimes[linkClip]?.calibration : facts?.calibration;
  const shownCal = linkClip && fileCal ? clipCalibration(plan, linkClip, fileCal) : fileCal;

  return (
    <div className="plan-panel">
      <CaseHeader />
      <section className="plan-section" aria-labelledby="plan-block-title">
        <h3 id="plan-block-title">Block</h3>
        <div className="block-head">
          <div className="grow">
            {t ? (
              <>
                <div className="block-name">{t.name}</div>
                <div className="block-meta">
                  {[plan.block.side ?? 'side not chosen', plan.block.level ?? 'level not recorded', plan.block.approach ? t.approaches.find((a) => a.id === plan.block.approach)?.name : null].filter(Boolean).join(' · ')}
                </div>
              </>
            ) : plan.block.templateId ? (
              <div className="block-meta">Block “{plan.block.templateId}” is not known to this version of BlockPlan.</div>
            ) : (
              <div className="block-meta">No block chosen yet.</div>
            )}
          </div>
          <CommandButton id="plan.chooseBlock" className="small-button">
            {t ? 'Change…' : 'Choose block…'}
          </CommandButton>
        </div>
        {t && (
          <details className="block-details">
            <summary>Block card</summary>
            <BlockCard t={t} headingLevel={3} showTitle={false} />
          </details>
        )}
      </section>
      {t && <PlannedDose key={`${t.id}|${plan.block.side}`} template={t} side={plan.block.side} />}
      {t && <AnticoagSection key={t.id} template={t} />}

      {shownCal && (
        <section className="plan-section" aria-label="Calibration">
          <h3>Calibration</h3>
          <p className="empty-hint small" data-testid="plan-calibration">
            {describeCalibration(shownCal)}
          </p>
          {linkClip && plan.manualCalibrations[linkClip] && !readOnly && <ClearManualCalibration clipId={linkClip} />}
          <Settings />
        </section>
      )}

      <section className="plan-section" aria-labelledby="plan-needles-title">
        <h3 id="plan-needles-title">
          Needle path <span className="count">{plan.needlePaths.length || ''}</span>
        </h3>
        {plan.needlePaths.length === 0 && <p className="empty-hint">Draw the needle path with the needle tool (N): click the entry at the skin, then the target.</p>}
        {byClip.flatMap((c) =>
          c.needlePaths.map((n) => (
            <div key={n.id} className={`needle-card${selection?.id === n.id ? ' selected' : ''}`} data-testid="needle-card" data-needle-id={n.id}>
              <header>
                <button type="button" className="link-button" onClick={() => selectAndShow('needle', n.id)}>
                  {n.label || 'Needle path'}
                </button>
                <span className="muted small">
                  {n.mode === 'in-plane' ? 'in plane' : 'out of plane'} · {frameText(n.frameIndex)}
                  {multi ? ` · ${clipName(plan, c.clipId)}` : ''}
                </span>
              </header>
              <NeedleNumbers m={n} mode={n.mode} marginMm={plan.settings.marginMm} />
            </div>
          )),
        )}
        {plan.needlePaths.some((n) => !runtimes[n.clipId]) && <p className="muted small">Numbers of paths on clips that are not open appear once the clip is found.</p>}
      </section>

      <section className="plan-section" aria-labelledby="plan-marks-title">
        <h3 id="plan-marks-title">
          Structures <span className="count">{plan.annotations.length || ''}</span>
        </h3>
        {plan.annotations.length === 0 && <p className="empty-hint">Mark the target, the landmarks and what is at risk with the tools above.</p>}
        {(['target', 'landmark', 'at-risk', 'skin'] as const).map((role) => {
          const items = plan.annotations.filter((a) => a.role === role);
          if (!items.length) return null;
          return (
            <div key={role} className="role-group" data-testid={`role-group-${role}`}>
              <div className="role-title">
                <span className={`role-chip role-${role}`} aria-hidden="true" />
                {ROLE_TITLES[role]}
              </div>
              <ul className="mark-list">
                {items.map((a) => (
                  <MarkItem key={a.id} a={a} m={byClip.find((c) => c.clipId === a.clipId)?.annotations.find((x) => x.id === a.id)} selected={selection?.id === a.id} clip={multi ? clipName(plan, a.clipId) : undefined} />
                ))}
              </ul>
            </div>
          );
        })}
      </section>

      <section className="plan-section" aria-labelledby="plan-kf-title">
        <h3 id="plan-kf-title">Key frames</h3>
        <KeyFramesPanel />
      </section>
    </div>
  );
}

/** The case file: its name, whether it is saved, and the file actions browser mode has no menu for. */
function CaseHeader() {
  const file = useCase((s) => s.file);
  const dirty = useCase((s) => isCaseDirty(s));
  const state = dirty ? 'Unsaved changes' : file.origin === 'sample' ? 'Sample case' : file.path ? 'Saved' : 'Nothing to save yet';
  return (
    <section className="plan-section case-head" aria-label="Case">
      <div className="block-head">
        <div className="grow">
          <div className="case-name" title={file.path ?? undefined}>
            {file.name ?? 'New case'}
          </div>
          <div className={`block-meta${dirty ? ' dirty' : ''}`} data-testid="case-state">
            {state}
          </div>
        </div>
        <CommandButton id="file.saveCase" className="small-button">
          Save
        </CommandButton>
      </div>
      <div className="case-actions">
        <CommandButton id="file.saveCaseBundle" className="link-button">
          Save with its clips…
        </CommandButton>
        <button type="button" className="link-button" onClick={() => dispatch('file.openSample')}>
          Sample cases…
        </button>
      </div>
    </section>
  );
}

function clipName(plan: Case, clipId: string): string {
  return plan.clips.find((c) => c.id === clipId)?.displayName ?? clipId;
}

export function frameText(frameIndex: number | null): string {
  return frameIndex === null ? 'all frames' : `frame ${frameIndex + 1}`;
}

const KIND_LABEL: Record<Annotation['kind'], string> = { point: 'point', line: 'line', polyline: 'polyline', contour: 'contour', ellipse: 'ellipse', arrow: 'arrow' };

/** "length 12.3 mm · depth 45.1 mm" for an annotation. */
export function measurementSummary(m: MeasuredAnnotation | undefined): { text: string; uncalibrated: boolean } {
  if (!m) return { text: '', uncalibrated: false };
  const parts: [string, Measurement | undefined][] = [
    ['length', m.length],
    ['perimeter', m.perimeter],
    ['area', m.area],
    ['depth', m.depth],
  ];
  if (m.semiAxes) parts.splice(2, 0, ['axes', undefined]);
  const text = parts
    .filter(([k, v]) => v || (k === 'axes' && m.semiAxes))
    .map(([k, v]) => (k === 'axes' ? `axes ${formatMeasurement(m.semiAxes!.a)} × ${formatMeasurement(m.semiAxes!.b)}` : `${k} ${formatMeasurement(v)}`))
    .join(' · ');
  const uncalibrated = parts.some(([, v]) => v?.unit === 'px' || v?.unit === 'px²');
  return { text, uncalibrated };
}

function MarkItem({ a, m, selected, clip }: { a: Annotation; m: MeasuredAnnotation | undefined; selected: boolean; clip?: string }) {
  const sum = measurementSummary(m);
  const name = a.label || `Unlabelled ${KIND_LABEL[a.kind]}`;
  const reason = [m?.length, m?.perimeter, m?.area, m?.depth].find((x) => x?.reason)?.reason;
  return (
    <li className={`mark-item${selected ? ' selected' : ''}`} data-testid="mark-item" data-annotation-id={a.id}>
      <button type="button" className="mark-main" onClick={() => selectAndShow('annotation', a.id)} aria-label={`${name}, ${ROLE_LABEL[a.role]}, ${KIND_LABEL[a.kind]}, ${frameText(a.frameIndex)}${sum.text ? `, ${sum.text}` : ''}`}>
        <span className="mark-title">
          <PlanIcon name={a.kind} size={15} />
          <span className="name">{name}</span>
          {!a.visible && <span className="muted small">(hidden)</span>}
        </span>
        <span className="mark-sub" title={reason}>
          {frameText(a.frameIndex)}
          {clip ? ` · ${clip}` : ''}
          {sum.text && (
            <>
              {' · '}
              <span className={sum.uncalibrated ? 'uncal' : ''} data-testid="mark-measure">
                {sum.text}
              </span>
            </>
          )}
        </span>
      </button>
      <FrameStatus clipId={a.clipId} frameIndex={a.frameIndex} name={name} />
    </li>
  );
}

const MARGIN = SETTING_RANGES.marginMm;
const STEEP = SETTING_RANGES.steepAngleDeg;

/** Clearance margin and steep-angle threshold of the case (undoable "Change settings"), within core's ranges. */
function Settings() {
  const settings = useCase((s) => s.history.present.settings);
  const lock = useReadOnlyLock(); // a read-only teaching case: shown, not editable
  const set = (changes: Partial<typeof settings>) => useCase.getState().apply({ type: 'set-settings', changes });
  return (
    <div className="settings-row">
      <label title={`Clearance margin: ${MARGIN_LABEL}`}>
        Margin{' '}
        <input
          className="field-input"
          type="number"
          min={MARGIN.step}
          max={MARGIN.max}
          step={MARGIN.step}
          aria-label="Clearance margin, mm"
          defaultValue={settings.marginMm}
          {...lock.text()}
          key={`m${settings.marginMm}`}
          onBlur={(e) => {
            const v = Number(e.target.value);
            if (SettingsSchema.shape.marginMm.safeParse(v).success && v !== settings.marginMm) set({ marginMm: v });
          }}
        />{' '}
        mm
      </label>
      <label title={`${STEEP_ANGLE_SOURCE.finding} ${STEEP_ANGLE_SOURCE.citation}`}>
        Steep above{' '}
        <input
          className="field-input"
          type="number"
          min={STEEP.above + STEEP.step}
          max={STEEP.below - STEEP.step}
          step={STEEP.step}
          aria-label="Steep-angle warning threshold, degrees to the probe face"
          defaultValue={settings.steepAngleDeg}
          {...lock.text()}
          key={`a${settings.steepAngleDeg}`}
          onBlur={(e) => {
            const v = Number(e.target.value);
            if (SettingsSchema.shape.steepAngleDeg.safeParse(v).success && v !== settings.steepAngleDeg) set({ steepAngleDeg: v });
          }}
        />
        °
      </label>
      {lock.reasonText}
    </div>
  );
}

/** Remove the case's manual calibration of a clip (one undo step). */
function ClearManualCalibration({ clipId }: { clipId: string }) {
  return (
    <button type="button" className="small-button" onClick={() => useCase.getState().apply({ type: 'set-manual-calibration', clipId, calibration: null })}>
      Clear manual calibration
    </button>
  );
}
