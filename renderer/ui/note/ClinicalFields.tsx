/**
 * Note fields added for a record a clinician could sign: whether the block was done (a plan stays a
 * plan until the user says so), the Delphi "strong" items (ASA physical status, baseline vital signs,
 * sedation level — Ahmed et al., RAPM 2022), and the pain-procedure section (guidance, contrast and
 * spread, neurolytic agent, pain scores, % relief for a diagnostic block).
 */
import type { Note } from '../../../core/notes/schema';
import { setNoteField } from '../../state/note';
import { CheckField, ChoiceField, NumberField, SelectField, TextField, YesNoField } from './fields';

/** Performed / not performed / stopped, with the reason; nothing chosen means the note is a plan. */
export function StatusFields({ note }: { note: Note }) {
  return (
    <>
      <ChoiceField
        path={['status']}
        label="Block status"
        hint={note.status === undefined ? 'nothing chosen: the note is exported as a plan, not a procedure' : undefined}
        options={[
          { value: 'performed', label: 'Performed' },
          { value: 'not-performed', label: 'Not performed' },
          { value: 'stopped', label: 'Started, then stopped' },
        ]}
      />
      {(note.status === 'not-performed' || note.status === 'stopped') && <TextField path={['statusReason']} label="Why not done / why stopped" multiline />}
    </>
  );
}

/** ASA physical status and baseline vital signs (units in every label). */
export function DelphiPreChecks() {
  const pc = ['preChecks'] as const;
  const bv = ['preChecks', 'baselineVitals'] as const;
  return (
    <>
      <ChoiceField path={[...pc, 'asaClass']} label="ASA physical status" options={['I', 'II', 'III', 'IV', 'V', 'VI'].map((c) => ({ value: c, label: c }))} />
      <CheckField path={[...pc, 'asaEmergency']} label="Emergency (ASA E)" />
      <NumberField path={[...bv, 'heartRateBpm']} label="Baseline heart rate" unit="/min" />
      <NumberField path={[...bv, 'systolicMmHg']} label="Baseline systolic BP" unit="mmHg" />
      <NumberField path={[...bv, 'diastolicMmHg']} label="Baseline diastolic BP" unit="mmHg" />
      <NumberField path={[...bv, 'spo2Percent']} label="Baseline SpO2" unit="%" />
      <NumberField path={[...bv, 'respiratoryRatePerMin']} label="Baseline respiratory rate" unit="/min" />
    </>
  );
}

/** Sedation level during the block. */
export function SedationLevelField() {
  return (
    <ChoiceField
      path={['sedation', 'level']}
      label="Sedation level"
      options={[
        { value: 'none', label: 'None' },
        { value: 'minimal', label: 'Minimal' },
        { value: 'moderate', label: 'Moderate' },
        { value: 'deep', label: 'Deep' },
        { value: 'general-anaesthesia', label: 'GA' },
      ]}
    />
  );
}

/** Guidance options, with ultrasound + fluoroscopy for pain procedures. */
export const MODALITY_OPTIONS = [
  { value: 'ultrasound', label: 'Ultrasound' },
  { value: 'ultrasound-and-nerve-stimulator', label: 'Ultrasound and nerve stimulator' },
  { value: 'ultrasound-and-fluoroscopy', label: 'Ultrasound + fluoroscopy' },
  { value: 'fluoroscopy', label: 'Fluoroscopy' },
  { value: 'ct', label: 'CT' },
  { value: 'landmark', label: 'Landmark' },
];

/** The pain-procedure fields (shown for sympathetic, chronic-pain and neuromodulation blocks). */
export function PainProcedureFields({ note }: { note: Note }) {
  const pp = ['painProcedure'] as const;
  return (
    <>
      <p className="nf-intro">
        Pain procedure: record the guidance (e.g. ultrasound + fluoroscopy), contrast and its spread, any neurolytic agent, pain scores before and after, and the % relief for a
        diagnostic block.
      </p>
      <div className="nf-grid">
        <SelectField path={['guidance', 'modality']} label="Guidance (pain procedure)" options={MODALITY_OPTIONS} />
        <NumberField path={[...pp, 'fluoroscopyTimeS']} label="Fluoroscopy time" unit="s" />
        <TextField path={[...pp, 'fluoroscopyDose']} label="Fluoroscopy dose (with unit)" placeholder="e.g. 1.2 Gy·cm²" />
        <TextField path={[...pp, 'contrast']} label="Contrast agent" />
        <NumberField path={[...pp, 'contrastVolumeMl']} label="Contrast volume" unit="mL" />
        <TextField path={[...pp, 'spreadPattern']} label="Spread pattern" multiline />
        <TextField path={[...pp, 'neurolyticAgent']} label="Neurolytic agent" />
        <TextField path={[...pp, 'neurolyticConcentration']} label="Neurolytic concentration" />
        <YesNoField path={[...pp, 'diagnostic']} label="Diagnostic block" />
        <NumberField path={[...pp, 'painScoreBefore']} label="Pain score before" unit="0–10" />
        <NumberField path={[...pp, 'painScoreAfter']} label="Pain score after" unit="0–10" />
        {note.painProcedure?.diagnostic === 'yes' && (
          <>
            <NumberField path={[...pp, 'reliefPercent']} label="Relief" unit="%" />
            <TextField path={[...pp, 'reliefAssessedAfter']} label="Relief assessed after" placeholder="e.g. 30 min" />
          </>
        )}
      </div>
    </>
  );
}

/** Sedation drugs: rows of drug, dose and unit. */
export function SedationDrugs({ drugs }: { drugs: { drug: string; dose?: number; unit?: 'mg' | 'µg' | 'mL' }[] }) {
  return (
    <div className="sedation">
      {drugs.length > 0 && (
        <ol className="sedation-drugs">
          {drugs.map((d, i) => (
            <li key={i} className="nf-grid">
              <TextField path={['sedation', 'drugs', i, 'drug']} label={`Sedation drug ${i + 1}`} />
              <NumberField path={['sedation', 'drugs', i, 'dose']} label="Dose" unit={d.unit ?? 'mg'} />
              <ChoiceField
                path={['sedation', 'drugs', i, 'unit']}
                label="Unit"
                options={[
                  { value: 'mg', label: 'mg' },
                  { value: 'µg', label: 'µg' },
                  { value: 'mL', label: 'mL' },
                ]}
              />
              <button type="button" className="nf-small-button" aria-label={`Remove sedation drug ${i + 1}`} onClick={() => setNoteField(['sedation', 'drugs'], drugs.filter((_, k) => k !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="nf-small-button" onClick={() => setNoteField(['sedation', 'drugs'], [...drugs, { drug: '', unit: 'mg' }])}>
        Add sedation drug
      </button>
    </div>
  );
}
