/**
 * Planned dose (issue 11 item 4): while the plan is made, the planned volume × concentration × sites ×
 * sides is checked against the maximum with core's calculator (core/notes plannedDose), with the same
 * levels and words as the injectate recorded in the note. Defaults come from the block template (its
 * upper volume, sites per side) and the plan's side; the patient's weight, height, sex and the dose
 * region come from the note (or the case's patient details). The planned figures are a check, not a
 * record: nothing here is written into the note.
 */
import { useId, useMemo, useState } from 'react';
import type { BlockTemplate } from '../../../core/blocks/schema';
import { formatNumber } from '../../../core/notes/doseCalc';
import { AGENT_NAMES, CAUTION_THRESHOLD } from '../../../core/notes/doses';
import { plannedDefaults, plannedDose } from '../../../core/notes/plannedDose';
import { LOCAL_ANAESTHETIC_IDS, NoteSchema, type LocalAnaestheticId } from '../../../core/notes/schema';
import { useCase } from '../../state/case';
import { parseNumber } from '../../state/note';
import { DoseLevelBadge } from '../note/DosePanel';
import { StatusIcon } from '../note/icons';
import '../note/note.css';
import { useReadOnlyLock, type ReadOnlyLock } from './readOnlyLock';
import './plannedDose.css';

const num = (t: string): number | undefined => {
  const n = parseNumber(t);
  return n === undefined || Number.isNaN(n) || n <= 0 ? undefined : n;
};

function Field({ label, unit, value, onChange, hint, lock }: { label: string; unit: string; value: string; onChange(v: string): void; hint?: string; lock: ReadOnlyLock }) {
  const id = useId();
  return (
    <div className="planned-field">
      <label htmlFor={id}>
        {label} <span className="nf-unit">({unit})</span>
      </label>
      <input id={id} className="field-input" type="text" inputMode="decimal" autoComplete="off" value={value} {...lock.text({ describedBy: hint ? `${id}-hint` : undefined })} onChange={(e) => onChange(e.target.value)} />
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
    </div>
  );
}

/** The planned-dose check for a block template and the plan's side. Key it on both to reset the defaults. */
export function PlannedDose({ template, side }: { template: BlockTemplate; side: string | null }) {
  const id = useId();
  const lock = useReadOnlyLock(); // a read-only teaching case: the expert's figures are shown, not changed
  const defaults = plannedDefaults(template, side);
  const stored = useCase((s) => s.history.present.note);
  const patient = useCase((s) => s.history.present.patient);
  const note = useMemo(() => NoteSchema.parse(stored ?? {}), [stored]);
  const [agent, setAgent] = useState<LocalAnaestheticId | ''>('');
  const [conc, setConc] = useState('');
  const [adrenaline, setAdrenaline] = useState(false);
  const [volume, setVolume] = useState(defaults.volumeMlPerSite === null ? '' : String(defaults.volumeMlPerSite));
  const [sites, setSites] = useState(String(defaults.sites));
  const [sides, setSides] = useState(String(defaults.sides));
  const [skinMl, setSkinMl] = useState('');

  const weightKg = note.preChecks.weightKg ?? patient.weightKg;
  const c = num(conc);
  const v = num(volume);
  const nSites = num(sites);
  const nSides = num(sides);
  const skin = num(skinMl);
  const ready = agent !== '' && c !== undefined && v !== undefined && nSites !== undefined && nSides !== undefined;
  const result = ready
    ? plannedDose({
        planned: { agent, concentrationPercent: c, adrenaline, volumeMlPerSite: v, sites: nSites, sides: nSides },
        skinInfiltration: skin !== undefined ? { agent: 'lidocaine', concentrationPercent: 1, volumeMl: skin, adrenaline: false } : undefined,
        weightKg,
        heightCm: note.preChecks.heightCm ?? patient.heightCm,
        sex: note.preChecks.sex ?? patient.sex,
        weightBasis: note.doseSettings.weightBasis,
        region: note.doseSettings.region,
        interscalene: template.id === 'interscalene',
        cautionPercent: note.doseSettings.cautionPercent,
      })
    : null;
  const s = result?.summary;
  const warnings = s?.messages.filter((m) => m.level === 'over' || m.level === 'caution' || m.level === 'error') ?? [];

  return (
    <section className="plan-section planned-dose" aria-labelledby={`${id}-title`} data-testid="planned-dose">
      <h3 id={`${id}-title`}>Planned dose</h3>
      <p className="muted small">
        Template volume per site: {defaults.volumeText}
        {defaults.sites > 1 ? `; ${defaults.sites} sites per side` : ''}. A check against the maximum before the block; nothing here is written into the note.
      </p>
      <div className="planned-grid">
        <div className="planned-field">
          <label htmlFor={`${id}-agent`}>Agent</label>
          <select id={`${id}-agent`} {...lock.control()} value={agent} onChange={(e) => setAgent(e.target.value as LocalAnaestheticId | '')}>
            <option value="">Choose…</option>
            {LOCAL_ANAESTHETIC_IDS.map((a) => (
              <option key={a} value={a}>
                {AGENT_NAMES[a]}
              </option>
            ))}
          </select>
        </div>
        <Field label="Concentration" unit="%" lock={lock} value={conc} onChange={setConc} hint="0.5 % = 5 mg/mL" />
        <Field label="Volume per site" unit="mL" value={volume} lock={lock} onChange={setVolume} hint={defaults.volumeMlPerSite === null ? 'no template volume' : v === defaults.volumeMlPerSite ? 'template maximum' : `template maximum ${defaults.volumeMlPerSite} mL`} />
        <Field label="Sites per side" unit="n" lock={lock} value={sites} onChange={setSites} />
        <Field label="Sides" unit="1 or 2" lock={lock} value={sides} onChange={setSides} hint={side === 'bilateral' ? 'bilateral plan' : undefined} />
        <Field label="Skin infiltration, lidocaine 1 %" unit="mL" value={skinMl} lock={lock} onChange={setSkinMl} />
        <label className="planned-check">
          <input type="checkbox" {...lock.control()} checked={adrenaline} onChange={(e) => setAdrenaline(e.target.checked)} /> With adrenaline
        </label>
      </div>
      {lock.reasonText}
      <div className="planned-result" aria-live="polite">
        {!result ? (
          <p className="muted small">{lock.locked ? 'No planned dose is checked in a read-only teaching case.' : <>Choose the agent and its concentration to check the planned dose{weightKg === undefined ? ' (and enter the weight under Pre-checks in the note for mg/kg maxima)' : ''}.</>}</p>
        ) : (
          <>
            <p data-testid="planned-dose-total">
              <strong>
                {formatNumber(result.totalVolumeMl, 1)} mL = {formatNumber(result.blockMg, 1)} mg
              </strong>{' '}
              ({formatNumber(v!, 1)} mL × {nSites} site{nSites === 1 ? '' : 's'} × {nSides} side{nSides === 1 ? '' : 's'} of {formatNumber(c!, 3)} %){' '}
              <DoseLevelBadge level={s!.level} fraction={s!.totalFraction} cautionPercent={s!.caution.fraction * 100} />
            </p>
            <p className="muted small">
              {s!.agents.map((a) => `${a.label}: maximum ${a.maxMg === null ? 'n/a' : `${formatNumber(a.maxMg, 0)} mg`} (${a.regionText}; ${a.limit.source.citation})`).join(' · ')}
              {weightKg === undefined ? ' · no weight: ceilings only' : ` · ${formatNumber(s!.weight.usedKg ?? weightKg, 1)} kg`}
              {` · caution at ${formatNumber(s!.caution.fraction * 100)} % (${s!.caution.isDefault ? CAUTION_THRESHOLD.label : 'set in the note'})`}
            </p>
            {warnings.length > 0 && (
              <ul className="dose-messages" aria-label="Planned dose warnings">
                {warnings.map((m, i) => (
                  <li key={`${m.code}-${i}`} className={`dose-msg level-${m.level}`}>
                    <StatusIcon kind={m.level === 'over' ? 'over' : m.level === 'error' ? 'error' : 'caution'} /> {m.text}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
