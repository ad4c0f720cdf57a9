/**
 * Injectate per site and the local-anaesthetic dose calculator (core/notes doseCalc on the note as
 * shown): mg per injection, mg/kg with actual or ideal weight, % of each agent's maximum, every agent
 * summed as a fraction of its own maximum, warnings at the caution threshold (a BlockPlan default,
 * a setting) and above 100 % (icon and words, never colour alone), liposomal bupivacaine rules, and
 * each row's source (label, SmPC or BNF) beside each figure. Every number comes from core.
 */
import { useId } from 'react';
import { formatNumber, noteDose, SKIN_INFILTRATION_SITE, type AgentDose, type DoseLevel, type DoseMessage, type DoseSummary } from '../../../core/notes/doseCalc';
import { AGENT_NAMES, CAUTION_THRESHOLD, DOSE_CAVEATS, DOSE_TABLE, type DoseSource } from '../../../core/notes/doses';
import { DEVINE_1974 } from '../../../core/notes/doseWeight';
import { LOCAL_ANAESTHETIC_IDS, type Injectate, type Note } from '../../../core/notes/schema';
import { setNoteField } from '../../state/note';
import { CheckField, ChoiceField, NumberField, TextField, YesNoField } from './fields';
import { StatusIcon, type StatusKind } from './icons';

export const AGENT_OPTIONS = [...LOCAL_ANAESTHETIC_IDS.map((id) => ({ value: id, label: AGENT_NAMES[id] })), { value: 'other', label: 'Other (contrast, steroid, …)' }];

const LEVEL_TEXT: Record<DoseLevel, { icon: StatusKind; text: (cautionPercent: number) => string }> = {
  ok: { icon: 'ok', text: () => 'Within maximum' },
  caution: { icon: 'caution', text: (p) => `Caution: ${formatNumber(p)} % or more of the maximum` },
  over: { icon: 'over', text: () => 'Over the maximum' },
  unknown: { icon: 'unknown', text: () => 'Incomplete: enter concentration, volume and weight' },
};

/** Liposomal bupivacaine's interscalene ceiling, mg, from the dose table (Exparel label). */
const LIPO_INTERSCALENE_MG = DOSE_TABLE.find((r) => r.agent === 'liposomal-bupivacaine')?.siteCeilingsMg?.interscalene;

/** A source as a link with its citation. */
export function SourceLink({ s }: { s: DoseSource }) {
  return (
    <>
      {s.citation}
      {' — '}
      <a href={s.url} target="_blank" rel="noreferrer noopener">
        {s.urlKind === 'search' ? 'find it on EMC' : new URL(s.url).hostname}
      </a>
    </>
  );
}

const MESSAGE_ICON: Record<DoseMessage['level'], { icon: StatusKind; word: string }> = {
  info: { icon: 'info', word: 'Note' },
  caution: { icon: 'caution', word: 'Caution' },
  over: { icon: 'over', word: 'Over maximum' },
  error: { icon: 'error', word: 'Missing' },
};

const pct = (f: number | null) => (f === null ? '—' : `${Math.round(f * 100)} %`);

/** The badge for a level: icon + words, with the colour as a third cue. */
export function DoseLevelBadge({ level, fraction, cautionPercent = CAUTION_THRESHOLD.defaultPercent }: { level: DoseLevel; fraction?: number | null; cautionPercent?: number }) {
  const t = LEVEL_TEXT[level];
  return (
    <span className={`dose-badge level-${level}`}>
      <StatusIcon kind={t.icon} /> {fraction !== undefined && fraction !== null ? `${pct(fraction)} — ` : ''}
      {t.text(cautionPercent)}
    </span>
  );
}

function AgentCard({ a, weightKg, cautionFraction }: { a: AgentDose; weightKg?: number; cautionFraction: number }) {
  const bar = a.fraction === null ? 0 : Math.min(1, a.fraction);
  const max =
    a.maxMg === null
      ? 'no maximum applies (no weight and no ceiling)'
      : a.maxBasis === 'weight'
        ? `${formatNumber(a.maxMg, 0)} mg (${formatNumber(a.mgPerKgLimit ?? 0)} mg/kg × ${formatNumber(weightKg ?? 0, 1)} kg${a.ceilingMg !== null ? `; ceiling ${formatNumber(a.ceilingMg, 0)} mg` : ''})`
        : `${formatNumber(a.maxMg, 0)} mg (ceiling${a.maxByWeightMg !== null ? `; by weight ${formatNumber(a.maxByWeightMg, 0)} mg` : ''})`;
  return (
    <li className={`dose-agent level-${a.level}`}>
      <div className="dose-agent-head">
        <strong>
          {a.label}
          {a.uncertain && (
            <span className="uncertain" title="Part of this row is marked [?] in the reference">
              {' '}
              [?]
            </span>
          )}
        </strong>
        <DoseLevelBadge level={a.level} fraction={a.fraction} cautionPercent={cautionFraction * 100} />
      </div>
      <div className="dose-meter" role="meter" aria-label={`${a.label}: percent of maximum`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={a.fraction === null ? undefined : Math.round(a.fraction * 100)} aria-valuetext={pct(a.fraction)}>
        <div className="dose-meter-fill" style={{ width: `${bar * 100}%` }} />
        <div className="dose-meter-mark" style={{ left: `${cautionFraction * 100}%` }} aria-hidden="true" />
      </div>
      <dl className="dose-figures">
        <div>
          <dt>Given</dt>
          <dd>
            {formatNumber(a.totalMg, 1)} mg{a.incomplete ? ' (incomplete)' : ''}
            {a.mgPerKgGiven !== null ? ` · ${formatNumber(a.mgPerKgGiven, 2)} mg/kg` : ''}
          </dd>
        </div>
        <div>
          <dt>Maximum</dt>
          <dd>
            {max} · {a.regionText}
          </dd>
        </div>
      </dl>
      <details className="dose-source">
        <summary>Source</summary>
        <p>
          <SourceLink s={a.limit.source} />
        </p>
        {a.limit.notes.length > 0 && (
          <ul>
            {a.limit.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}

/** The calculator's result for the note. */
export function DoseSummaryView({ dose, compact }: { dose: DoseSummary; compact?: boolean }) {
  const cautionPercent = dose.caution.fraction * 100;
  const msgs = dose.messages.filter((m) => m.code !== 'dose/uncertain-reference' && !(compact && m.level === 'info'));
  return (
    <div className="dose-summary" aria-live="polite">
      {dose.agents.length === 0 ? (
        <p className="muted">No local anaesthetic recorded yet.</p>
      ) : (
        <ul className="dose-agents">
          {dose.agents.map((a) => (
            <AgentCard key={`${a.agent}-${a.adrenaline}`} a={a} weightKg={dose.weight.usedKg} cautionFraction={dose.caution.fraction} />
          ))}
        </ul>
      )}
      {dose.agents.length > 1 && (
        <p className={`dose-sum level-${dose.level}`} data-testid="dose-total">
          <strong>Every agent summed as a fraction of its own maximum:</strong> {dose.agents.map((a) => `${a.label} ${pct(a.fraction)}`).join(' + ')} = {pct(dose.totalFraction)}{' '}
          <DoseLevelBadge level={dose.totalFraction > 1 ? 'over' : dose.totalFraction >= dose.caution.fraction ? 'caution' : 'ok'} cautionPercent={cautionPercent} />
        </p>
      )}
      {msgs.length > 0 && (
        <ul className="dose-messages">
          {msgs.map((m, i) => (
            <li key={`${m.code}-${i}`} className={`dose-msg level-${m.level}`}>
              <StatusIcon kind={MESSAGE_ICON[m.level].icon} /> <strong>{MESSAGE_ICON[m.level].word}:</strong> {m.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function InjectionRow({ inj, index, mg, list }: { inj: Injectate; index: number; mg: number | null; list: Note['injectate'] }) {
  const id = useId();
  const p = (k: string) => ['injectate', index, k] as const;
  return (
    <li className="injection" aria-labelledby={`${id}-title`}>
      <div className="injection-head">
        <h5 id={`${id}-title`}>Injection {index + 1}</h5>
        <span className="injection-mg" aria-live="polite">
          {inj.agent === 'other' ? 'not a local anaesthetic: no mg counted' : mg === null ? 'dose: enter % and mL' : `${formatNumber(inj.concentrationPercent ?? 0, 3)} % × ${formatNumber(inj.volumeMl ?? 0, 1)} mL = ${formatNumber(mg, 1)} mg`}
        </span>
        <button type="button" className="nf-small-button" aria-label={`Remove injection ${index + 1}`} onClick={() => setNoteField(['injectate'], list.filter((_, i) => i !== index))}>
          Remove
        </button>
      </div>
      <div className="nf-grid">
        <AgentSelect index={index} value={inj.agent} />
        {inj.agent === 'other' && <TextField path={p('agentName')} label="Agent name" placeholder="e.g. dexamethasone, iohexol" />}
        <NumberField path={p('concentrationPercent')} label="Concentration" unit="%" hint="% w/v: 0.5 % = 5 mg/mL" />
        <NumberField path={p('volumeMl')} label="Volume" unit="mL" />
        <TextField path={p('site')} label="Site" placeholder="e.g. paravertebral space, T4" />
        <CheckField path={p('adrenaline')} label="With adrenaline (epinephrine)" />
        {inj.adrenaline && <TextField path={p('adrenalineConcentration')} label="Adrenaline concentration" placeholder="e.g. 1:200 000 (5 µg/mL)" />}
        <TextField path={p('adjuncts')} label="Adjuncts" placeholder="e.g. dexamethasone 4 mg" />
        <YesNoField path={p('incremental')} label="Given in 3–5 mL increments with aspiration" />
      </div>
    </li>
  );
}

function AgentSelect({ index, value }: { index: number; value: string }) {
  const id = useId();
  return (
    <div className="nf-field">
      <label htmlFor={id}>Agent</label>
      <select id={id} value={value} onChange={(e) => setNoteField(['injectate', index, 'agent'], e.target.value)}>
        <AgentOptions />
      </select>
    </div>
  );
}

/** The agents the dose table knows, plus "Other", as <option>s. */
function AgentOptions() {
  return (
    <>
      {AGENT_OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** "Add injection": choosing the agent adds the row (one action). */
function AddInjection({ list }: { list: Note['injectate'] }) {
  const id = useId();
  return (
    <div className="nf-field add-injection">
      <label htmlFor={id}>Add an injection</label>
      <select
        id={id}
        value=""
        onChange={(e) => {
          if (!e.target.value) return;
          setNoteField(['injectate'], [...list, { agent: e.target.value, adrenaline: false }]);
        }}
      >
        <option value="">Choose the agent…</option>
        <AgentOptions />
      </select>
    </div>
  );
}

/** The Injectate section of the editor: rows, settings, weight, the calculator and its sources. */
export function InjectateAndDose({ note }: { note: Note }) {
  const dose = noteDose(note);
  const w = dose.weight;
  return (
    <div className="dose">
      <ol className="injections">
        {note.injectate.map((inj, k) => (
          <InjectionRow key={k} inj={inj} index={k} list={note.injectate} mg={dose.injections[k]?.mg ?? null} />
        ))}
      </ol>
      <div className="add-row">
        <AddInjection list={note.injectate} />
        <button
          type="button"
          className="nf-small-button"
          onClick={() => setNoteField(['injectate'], [...note.injectate, { agent: 'lidocaine', adrenaline: false, site: SKIN_INFILTRATION_SITE }])}
        >
          Add skin infiltration
        </button>
      </div>

      <h4 className="nf-subhead">Dose calculator</h4>
      <div className="nf-grid">
        <ChoiceField
          path={['doseSettings', 'weightBasis']}
          label="Weight for mg/kg maxima"
          options={[
            { value: 'actual', label: 'Actual' },
            { value: 'ideal', label: 'Ideal (Devine)' },
          ]}
        />
        <ChoiceField
          path={['doseSettings', 'region']}
          label="Dose limits"
          options={[
            { value: 'US', label: 'US labels' },
            { value: 'UK', label: 'UK (SmPC, BNF)' },
          ]}
          hint={note.doseSettings.region ? 'differ for lidocaine and bupivacaine; click again to clear' : 'not chosen: the lower of the US and UK maxima applies to each agent'}
        />
        <NumberField path={['doseSettings', 'cautionPercent']} label="Caution at" unit="% of maximum" hint={`${CAUTION_THRESHOLD.defaultPercent} % when empty — ${CAUTION_THRESHOLD.label}`} />
        <CheckField path={['doseSettings', 'interscalene']} label={`Interscalene block (liposomal bupivacaine ${LIPO_INTERSCALENE_MG ?? '—'} mg)`} />
      </div>
      <p className="dose-weight">
        Weight used (weight, height and sex are under Pre-checks): <strong>{w.usedKg === undefined ? 'none' : `${formatNumber(w.usedKg, 1)} kg (${w.usedIs} body weight)`}</strong>
        {w.idealKg !== undefined && <> · ideal body weight {formatNumber(w.idealKg, 1)} kg (Devine 1974)</>}
        {w.bmiKgM2 !== undefined && <> · BMI {formatNumber(w.bmiKgM2, 1)} kg/m²</>}
      </p>
      <DoseSummaryView dose={dose} />
      <details className="dose-sources">
        <summary>Sources and caveats</summary>
        <ul>
          {DOSE_CAVEATS.map((c) => (
            <li key={c}>{c}</li>
          ))}
          {dose.sources.map((s) => (
            <li key={s.id}>
              <SourceLink s={s} />
            </li>
          ))}
          <li>Ideal body weight: {DEVINE_1974}.</li>
          <li>
            Caution threshold {formatNumber(dose.caution.fraction * 100)} %: {dose.caution.isDefault ? CAUTION_THRESHOLD.label : 'set for this note'}.
          </li>
        </ul>
      </details>
    </div>
  );
}
