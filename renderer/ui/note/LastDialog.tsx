/**
 * LAST essentials (local anaesthetic systemic toxicity), one click away from anywhere (toolbar,
 * command `help.last`): the ASRA checklist from core/notes last.ts and the 20 % lipid emulsion
 * volumes worked out for the patient's weight.
 */
import { useId, useState } from 'react';
import { formatNumber } from '../../../core/notes/doseCalc';
import type { Sex } from '../../../core/notes/doseWeight';
import { LAST_ESSENTIALS, LAST_SOURCE, LAST_UK_SOURCE, LIPID_ASRA, lipidEmulsionDoses } from '../../../core/notes/last';
import { NoteSchema } from '../../../core/notes/schema';
import { useCase } from '../../state/case';
import { parseNumber } from '../../state/note';
import { Modal } from '../Modal';

const mL = (x: number) => `${formatNumber(x, 0)} mL`;

/**
 * Lipid volumes for a patient, as a small table (arithmetic on the published figures only): the ASRA
 * regimen is chosen by actual weight, the mL/kg volumes and upper limits use lean/ideal weight.
 */
export function LipidTable({ weightKg, heightCm, sex }: { weightKg: number; heightCm?: number; sex?: Sex }) {
  const d = lipidEmulsionDoses({ actualKg: weightKg, heightCm, sex });
  if (!d) return null;
  const a = d.asra;
  const t = LIPID_ASRA.thresholdKg;
  return (
    <table className="lipid-table">
      <caption>
        20 % lipid emulsion: {formatNumber(weightKg, 1)} kg actual; mL/kg volumes on {formatNumber(d.dosingKg, 1)} kg ({d.dosingBasis === 'ideal' ? 'lean/ideal body weight, Devine' : 'actual weight: enter height and sex for ideal weight'})
      </caption>
      <thead>
        <tr>
          <th scope="col">Regimen</th>
          <th scope="col">Bolus</th>
          <th scope="col">Then</th>
          <th scope="col">Upper limit</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">ASRA ({a.regimen === 'heavy' ? `> ${t}` : `≤ ${t}`} kg)</th>
          <td>
            {mL(a.bolusMl)} over {a.bolusOverMin[0]}–{a.bolusOverMin[1]} min
          </td>
          <td>{a.infusionMl ? `${mL(a.infusionMl[0])}–${mL(a.infusionMl[1])} over ${a.infusionOverMin![0]}–${a.infusionOverMin![1]} min` : `${formatNumber(a.infusionMlPerMin!, 1)} mL/min`}</td>
          <td>~{mL(a.maxTotalMl)}</td>
        </tr>
        <tr>
          <th scope="row">UK</th>
          <td>
            {mL(d.uk.bolusMl)} over {d.uk.bolusOverMin} min (up to {d.uk.repeatBoluses} repeats, {d.uk.repeatIntervalMin} min apart)
          </td>
          <td>
            {mL(d.uk.infusionMlPerH)}/h; may double to {mL(d.uk.doubledInfusionMlPerH)}/h
          </td>
          <td>{mL(d.uk.maxTotalMl)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function LastDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const stored = useCase((s) => s.history.present.note);
  const pc = NoteSchema.parse(stored ?? {}).preChecks;
  const patient = useCase((s) => s.history.present.patient);
  const noteWeight = pc.weightKg ?? patient.weightKg;
  const [text, setText] = useState(noteWeight !== undefined ? String(noteWeight) : '');
  const w = parseNumber(text);
  const heightCm = pc.heightCm ?? patient.heightCm;
  const sex = pc.sex ?? patient.sex;
  return (
    <Modal title="LAST — local anaesthetic systemic toxicity" onClose={onClose} wide>
      <div className="last">
        <p className="last-lead">
          <strong>Stop injecting. Get help. Call for the LAST kit.</strong> Consider lipid at the first sign of serious toxicity.
        </p>
        <div className="last-lipid">
          <div className="nf-field">
            <label htmlFor={id}>
              Weight for lipid volumes <span className="nf-unit">(kg)</span>
            </label>
            <input id={id} type="text" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} />
            <div className="nf-foot">
              {w === undefined || Number.isNaN(w) || w <= 0 ? (
                <span className="nf-hint">Enter the weight to see volumes in mL.</span>
              ) : (
                <span className="nf-hint">
                  {noteWeight !== undefined && w === noteWeight ? 'from the note' : 'typed here (not saved)'}
                </span>
              )}
            </div>
          </div>
          {w !== undefined && !Number.isNaN(w) && w > 0 && <LipidTable weightKg={w} heightCm={heightCm} sex={sex} />}
        </div>
        <div className="last-sections">
          {LAST_ESSENTIALS.map((s) => (
            <section key={s.id} aria-labelledby={`${id}-${s.id}`}>
              <h3 id={`${id}-${s.id}`}>{s.title}</h3>
              <ul>
                {s.items.map((it) => (
                  <li key={it.text}>
                    {it.text}
                    {it.uncertain && <span className="uncertain"> [?]</span>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
        <p className="last-source">
          Sources: {LAST_SOURCE.citation} —{' '}
          <a href={LAST_SOURCE.url} target="_blank" rel="noreferrer noopener">
            asra.com
          </a>
          ; UK regimen: {LAST_UK_SOURCE.citation} —{' '}
          <a href={LAST_UK_SOURCE.url} target="_blank" rel="noreferrer noopener">
            anaesthetists.org
          </a>
          . [?] = not confirmed.
        </p>
      </div>
    </Modal>
  );
}
