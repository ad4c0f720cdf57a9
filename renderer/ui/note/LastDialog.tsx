/**
 * LAST essentials (local anaesthetic systemic toxicity), one click away from anywhere (toolbar,
 * command `help.last`): the ASRA checklist from core/notes last.ts and the 20 % lipid emulsion
 * volumes worked out for the patient's weight.
 */
import { useId, useState } from 'react';
import { formatNumber, idealBodyWeightKg } from '../../../core/notes/doseCalc';
import { LAST_ESSENTIALS, LAST_SOURCE, LIPID_WEIGHT_THRESHOLD_KG, lipidEmulsionDoses } from '../../../core/notes/last';
import { NoteSchema } from '../../../core/notes/schema';
import { useCase } from '../../state/case';
import { parseNumber } from '../../state/note';
import { Modal } from '../Modal';

const mL = (x: number) => `${formatNumber(x, 0)} mL`;

/** Lipid volumes for a weight, as a small table (arithmetic on the reference's figures only). */
export function LipidTable({ weightKg }: { weightKg: number }) {
  const d = lipidEmulsionDoses(weightKg);
  if (!d) return null;
  const a = d.asra;
  return (
    <table className="lipid-table">
      <caption>20 % lipid emulsion for {formatNumber(weightKg, 1)} kg</caption>
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
          <th scope="row">ASRA ({weightKg > LIPID_WEIGHT_THRESHOLD_KG ? `> ${LIPID_WEIGHT_THRESHOLD_KG}` : `≤ ${LIPID_WEIGHT_THRESHOLD_KG}`} kg)</th>
          <td>
            {mL(a.bolusMl)} over {a.bolusOverMin[0]}–{a.bolusOverMin[1]} min
          </td>
          <td>{a.infusionMl ? `${mL(a.infusionMl[0])}–${mL(a.infusionMl[1])} over ${a.infusionOverMin![0]}–${a.infusionOverMin![1]} min` : `${formatNumber(a.infusionMlPerMin!, 1)} mL/min`}</td>
          <td>~{mL(a.maxTotalMl)}</td>
        </tr>
        <tr>
          <th scope="row">UK AAGBI</th>
          <td>{mL(d.uk.bolusMl)} over 1 min (up to 2 repeats, 5 min apart)</td>
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
  const ibw = idealBodyWeightKg(pc.heightCm ?? patient.heightCm, pc.sex ?? patient.sex);
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
                  {ibw ? ` · ideal body weight ${formatNumber(ibw.kg, 1)} kg (the ≤ 70 kg regimen is per ideal body weight)` : ''}
                </span>
              )}
            </div>
          </div>
          {w !== undefined && !Number.isNaN(w) && w > 0 && <LipidTable weightKg={w} />}
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
          Source: {LAST_SOURCE.citation} ({LAST_SOURCE.ref}). [?] = not confirmed in the reference.
        </p>
      </div>
    </Modal>
  );
}
