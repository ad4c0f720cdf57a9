/**
 * Plan panel: "Antithrombotic drug" (issue 17 item 3). From the block, the drug, its regimen, the last
 * dose (and creatinine clearance where it matters) it shows each guideline's bleeding-risk class and
 * interval with its source, the earliest time the block may be done, whether the planned time meets
 * it and when the drug may restart — the figures of core/app/anticoag.ts, the same as `blockplan
 * anticoag`. Guidance, never a gate. The inputs start from the note's pre-checks (drug, last dose) but
 * nothing is written into the note until the clinician records a decision with "Record in the note".
 */
import { useId, useMemo, useState } from 'react';
import type { BlockTemplate } from '../../../core/blocks/schema';
import { DRUGS, findDrug, GUIDELINES, LABEL_IDS, RISK_CLASS_TEXT, type DrugId, type GuidelineAdvice } from '../../../core/anticoag/index';
import { checkAnticoagulation, decisionRecord, restartSummary, type AnticoagRequest } from '../../../core/app/anticoag';
import { DECISION_TEXT, type AnticoagDecision } from '../../../core/notes/anticoagSchema';
import { NoteSchema } from '../../../core/notes/schema';
import { formatUtcOffset } from '../../../core/app/ports';
import { useCase } from '../../state/case';
import { parseNumber, setNoteField } from '../../state/note';
import { StatusIcon, type StatusKind } from '../note/icons';
import { useReadOnlyLock } from './readOnlyLock';
import './anticoag.css';

/** "2026-12-04 08:00" in local time (what a datetime-local field shows). */
export function localText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
/** "2026-12-04 08:00 local time (UTC+01:00)": a time shown to the clinician names its zone. */
export function localTextWithZone(ms: number): string {
  return `${localText(ms)} local time (UTC${formatUtcOffset(-new Date(ms).getTimezoneOffset())})`;
}
/** A datetime-local value ("YYYY-MM-DDTHH:MM") from a stored note time (which may carry seconds or an offset). */
const toLocalInput = (iso: string | undefined): string => {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : localText(ms).replace(' ', 'T');
};

const KIND_ICON: Record<GuidelineAdvice['kind'], StatusKind> = {
  interval: 'caution',
  'no-stop': 'ok',
  'not-numeric': 'info',
  'not-confirmed': 'unknown',
  superficial: 'info',
  'no-classification': 'unknown',
  'not-applicable': 'info',
  'regimen-needed': 'info',
};

function GuidelineRow({ r }: { r: GuidelineAdvice }) {
  const g = GUIDELINES[r.guideline];
  const c = r.classification;
  const isLabel = (LABEL_IDS as readonly string[]).includes(r.guideline);
  return (
    <li className={`ac-row kind-${r.kind}`} data-testid="anticoag-guideline" data-guideline={r.guideline}>
      <div className="ac-row-head">
        <StatusIcon kind={KIND_ICON[r.kind]} />
        <strong>{g.short}</strong>
        <span className="ac-class">
          {isLabel
            ? c.riskClass
              ? `neuraxial figure applied: ${RISK_CLASS_TEXT[c.riskClass]} — BlockPlan's reading`
              : 'not applied: no neuraxial or deep class'
            : `${c.riskClass ? RISK_CLASS_TEXT[c.riskClass] : (c.summary ?? 'no guideline classification')}${c.basis === 'criterion' ? " — BlockPlan's reading" : ''}`}
        </span>
      </div>
      <p className="ac-message">{r.message.replace(`${g.short}: `, '')}</p>
      {r.kind !== 'no-classification' && r.kind !== 'not-applicable' && r.kind !== 'superficial' && <p className="ac-why">Class: {c.statement}</p>}
      {r.kind !== 'no-classification' && r.kind !== 'superficial' && r.restartText && <p className="muted small">Restart: {r.restartText === 'not confirmed' ? 'not confirmed — check the guideline' : r.restartText}{r.restartText !== 'not confirmed' && r.restartSource !== r.source ? ` (${r.restartSource})` : ''}</p>}
    </li>
  );
}

/** The section; keyed on the template so a new block starts afresh. */
export function AnticoagSection({ template }: { template: BlockTemplate }) {
  const id = useId();
  const lock = useReadOnlyLock(); // a read-only teaching case: guidance shown, nothing changed or recorded
  const stored = useCase((s) => s.history.present.note);
  const note = useMemo(() => NoteSchema.parse(stored ?? {}), [stored]);
  const ac = note.preChecks.anticoagulants;
  const [drug, setDrug] = useState<DrugId | ''>(() => (ac.drug ? (findDrug(ac.drug)?.id ?? '') : ''));
  const [regimen, setRegimen] = useState('');
  const [lastDose, setLastDose] = useState(() => toLocalInput(ac.lastDose));
  const [crcl, setCrcl] = useState('');
  const [planned, setPlanned] = useState(() => toLocalInput(note.performedAt));
  const [decision, setDecision] = useState<AnticoagDecision['decision'] | ''>('');
  const [reason, setReason] = useState('');
  const [alternative, setAlternative] = useState('');
  const [recordError, setRecordError] = useState<string | null>(null);

  const info = drug ? DRUGS.find((d) => d.id === drug)! : undefined;
  const crclN = parseNumber(crcl);
  const req: AnticoagRequest | null = drug ? { blockId: template.id, drug, regimen: regimen || undefined, lastDose: lastDose || undefined, plannedAt: planned || undefined, crclMlMin: crclN !== undefined && !Number.isNaN(crclN) ? crclN : undefined } : null;
  const result = req ? checkAnticoagulation(req) : null;
  const a = result?.ok ? result.value.advice : null;
  const recorded = note.anticoagulation;

  const record = () => {
    if (!req || !result?.ok || !decision) return;
    const rec = decisionRecord(result.value, req, { decision, reason, alternativeBlock: decision === 'alternative-block' ? alternative : undefined, decidedAt: new Date().toISOString(), decidedBy: note.staff.operator });
    setRecordError(setNoteField(['anticoagulation'], rec));
  };

  return (
    <section className="plan-section anticoag" aria-labelledby={`${id}-title`} data-testid="anticoag-section">
      <h3 id={`${id}-title`}>Antithrombotic drug</h3>
      <p className="muted small">Bleeding risk of this block and the timing of the drug, from the guidelines with their sources. Guidance, not a rule: the decision is yours.</p>
      <div className="planned-grid ac-grid">
        <div className="planned-field">
          <label htmlFor={`${id}-drug`}>Drug</label>
          <select id={`${id}-drug`} {...lock.control()} value={drug} onChange={(e) => (setDrug(e.target.value as DrugId | ''), setRegimen(''))}>
            <option value="">None / choose…</option>
            {DRUGS.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        {info && info.regimens.length > 1 && (
          <div className="planned-field">
            <label htmlFor={`${id}-regimen`}>Regimen</label>
            <select id={`${id}-regimen`} {...lock.control()} value={regimen} onChange={(e) => setRegimen(e.target.value)}>
              <option value="">Choose…</option>
              {info.regimens.map((r) => (
                <option key={r} value={r}>
                  {info.regimenNotes?.[r] ?? r}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="planned-field ac-wide">
          <label htmlFor={`${id}-last`}>Last dose (local time)</label>
          <input id={`${id}-last`} className="field-input" type="datetime-local" {...lock.text()} value={lastDose} onChange={(e) => setLastDose(e.target.value)} />
        </div>
        <div className="planned-field ac-wide">
          <label htmlFor={`${id}-planned`}>Planned block (local time)</label>
          <input id={`${id}-planned`} className="field-input" type="datetime-local" {...lock.text()} value={planned} onChange={(e) => setPlanned(e.target.value)} />
        </div>
        <div className="planned-field">
          <label htmlFor={`${id}-crcl`}>
            Creatinine clearance <span className="nf-unit">(mL/min)</span>
          </label>
          <input id={`${id}-crcl`} className="field-input" type="text" inputMode="decimal" autoComplete="off" {...lock.text()} value={crcl} onChange={(e) => setCrcl(e.target.value)} />
        </div>
      </div>
      {lock.reasonText}
      {result && !result.ok && (
        <p className="dose-msg level-error" role="alert">
          <StatusIcon kind="error" /> {result.error.title} {result.error.action}
        </p>
      )}
      {!drug && (
        <p className="muted small">
          {lock.locked ? 'No drug is checked in a read-only teaching case' : 'Choose the drug the patient takes'} (the note’s pre-checks say: {ac.status === 'none' ? 'none' : ac.drug || 'not recorded'}).
        </p>
      )}
      {a && (
        <div className="ac-result" aria-live="polite">
          <p className="ac-summary" data-testid="anticoag-earliest">
            {a.intervalHours === null ? (
              <>
                <StatusIcon kind="unknown" /> <strong>No confirmed interval</strong> to compute the earliest time from.
              </>
            ) : a.earliestBlockMs === null ? (
              <>
                <StatusIcon kind="caution" /> <strong>At least {a.intervalHours} h after the last dose</strong> ({a.governing!.source}) — enter the last dose for the earliest time.
              </>
            ) : (
              <>
                <StatusIcon kind={a.plannedMeets === false ? 'over' : 'caution'} /> <strong>Earliest block: {localTextWithZone(a.earliestBlockMs)}</strong> ({a.intervalHours} h after the last dose; {a.governing!.source})
              </>
            )}
          </p>
          {a.plannedMeets !== null && (
            <p className={`ac-planned ${a.plannedMeets ? 'meets' : 'before'}`} data-testid="anticoag-planned">
              <StatusIcon kind={a.plannedMeets ? 'ok' : 'over'} /> {a.plannedMeets ? 'The planned time meets the earliest time.' : 'The planned time is BEFORE the earliest time.'}
            </p>
          )}
          <p className="muted small" data-testid="anticoag-restart">
            Restart: {restartSummary(a)}
          </p>
          <ul className="ac-rows" aria-label="What each guideline says">
            {a.rows.map((r) => (
              <GuidelineRow key={r.guideline} r={r} />
            ))}
          </ul>
          {a.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
          <fieldset className="ac-decision">
            <legend>Decision</legend>
            {(['proceed', 'delay', 'alternative-block'] as const).map((d) => (
              <label key={d} className="planned-check">
                <input type="radio" name={`${id}-decision`} value={d} {...lock.control()} checked={decision === d} onChange={() => setDecision(d)} /> {DECISION_TEXT[d][0]!.toUpperCase() + DECISION_TEXT[d].slice(1)}
              </label>
            ))}
            {decision === 'alternative-block' && (
              <div className="planned-field">
                <label htmlFor={`${id}-alt`}>Alternative block</label>
                <input id={`${id}-alt`} className="field-input" type="text" {...lock.text()} value={alternative} onChange={(e) => setAlternative(e.target.value)} />
              </div>
            )}
            <div className="planned-field">
              <label htmlFor={`${id}-reason`}>Reason</label>
              <textarea id={`${id}-reason`} className="field-input" rows={2} {...lock.text()} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <button type="button" className="small-button" {...lock.control({ disabled: !decision })} onClick={record}>
              Record in the note
            </button>
            {recordError && (
              <p className="dose-msg level-error" role="alert">
                {recordError}
              </p>
            )}
          </fieldset>
        </div>
      )}
      {recorded && (
        <p className="small ac-recorded" data-testid="anticoag-recorded">
          <StatusIcon kind="info" /> In the note: {recorded.drugName} — {DECISION_TEXT[recorded.decision]}
          {recorded.reason ? ` (${recorded.reason})` : ''}, decided {localTextWithZone(Date.parse(recorded.decidedAt))}.
        </p>
      )}
    </section>
  );
}
