/**
 * The note form, section by section (RA-UK / Delphi documentation items). Units are in every label.
 * Fields filled from what the user entered in the plan say "from plan"; typing replaces them. Template
 * guidance (probe, frequency, needle, direction, volumes) is shown beside a field as "template: …",
 * never written into it. The plan's numbers are shown as "planned".
 */
import type { ReactNode } from 'react';
import { noteKindOf, noteSuggestions, structuresIdentified } from '../../../core/app/index';
import { DelphiPreChecks, MODALITY_OPTIONS, PainProcedureFields, SedationDrugs, SedationLevelField, StatusFields } from './ClinicalFields';
import { plannedValue } from '../../../core/notes/content';
import { getBlockTemplate } from '../../../core/blocks/index';
import { setNoteFields, type NotePath } from '../../state/note';
import { InjectateAndDose } from './DosePanel';
import { ChoiceField, DateTimeField, ListField, NumberField, SelectField, TextField, YesNoField } from './fields';
import { AnnotatedClipExport, KeyImageThumbs } from './KeyImages';
import { FollowUpChecks } from './FollowUpChecks';
import type { NoteModel } from './model';

export interface SectionDef {
  id: string;
  title: string;
}

export const SECTIONS: readonly SectionDef[] = [
  { id: 'identity', title: 'Patient and staff' },
  { id: 'procedure', title: 'Procedure' },
  { id: 'consent', title: 'Consent and risks' },
  { id: 'prechecks', title: 'Pre-checks' },
  { id: 'monitoring', title: 'Monitoring and sedation' },
  { id: 'asepsis', title: 'Asepsis' },
  { id: 'guidance', title: 'Guidance and needle' },
  { id: 'injectate', title: 'Injectate and dose' },
  { id: 'events', title: 'Events and complications' },
  { id: 'pain', title: 'Pain procedure' },
  { id: 'assessment', title: 'Assessment and follow-up' },
  { id: 'follow-up-checks', title: 'Follow-up checks' },
  { id: 'planned', title: 'Planned (from the plan)' },
  { id: 'images', title: 'Key images' },
];

export const sectionDomId = (id: string) => `note-section-${id}`;

function Section({ id, children, actions }: { id: string; children: ReactNode; actions?: ReactNode }) {
  const def = SECTIONS.find((s) => s.id === id)!;
  return (
    <section className="nf-section" id={sectionDomId(id)} aria-labelledby={`${sectionDomId(id)}-title`}>
      <div className="nf-section-head">
        <h3 id={`${sectionDomId(id)}-title`}>{def.title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A quick action that records several yes/no answers at once (one undo step). */
function AllYes({ label, paths, value = 'yes', group }: { label: string; paths: NotePath[]; value?: string; group: string }) {
  return (
    <button type="button" className="nf-small-button" onClick={() => setNoteFields(paths.map((p) => [p, value] as [NotePath, unknown]), group)}>
      {label}
    </button>
  );
}

const SIDE_OPTIONS = [
  { value: 'left', label: 'Left' },
  { value: 'right', label: 'Right' },
  { value: 'bilateral', label: 'Bilateral' },
  { value: 'n/a', label: 'n/a (midline)' },
];

export function NoteSections({ model }: { model: NoteModel }) {
  const { plan, note } = model;
  const hints = noteSuggestions(plan);
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const pain = noteKindOf(t) === 'pain-procedure';
  const range = (r: { min: number | null; max: number | null; uncertain: boolean } | undefined, unit: string) =>
    r && (r.min !== null || r.max !== null) ? `template: ${r.min ?? '?'}${r.max !== null && r.max !== r.min ? `–${r.max}` : ''} ${unit}${r.uncertain ? ' [?]' : ''}` : undefined;
  const pc = ['preChecks'] as const;
  const ev = ['events'] as const;

  return (
    <>
      <Section id="identity">
        <p className="nf-intro">Only what you type: nothing is read from the DICOM files into the note.</p>
        <div className="nf-grid">
          <TextField path={['identity', 'patientName']} label="Patient name" />
          <TextField path={['identity', 'patientId']} label="Patient ID / record number" />
          <DateTimeField path={['identity', 'birthDate']} label="Date of birth" dateOnly />
          <YesNoField path={['identity', 'identifiersChecked']} label="Two identifiers checked" />
          <DateTimeField path={['performedAt']} label="Date and time of the block" nowButton />
          <TextField path={['staff', 'operator']} label="Operator" />
          <TextField path={['staff', 'operatorRole']} label="Operator grade / role" placeholder="e.g. ST5, consultant" />
          <TextField path={['staff', 'supervisor']} label="Supervisor" />
          <TextField path={['staff', 'assistant']} label="Assistant" />
        </div>
      </Section>

      <Section id="procedure">
        <div className="nf-grid">
          <StatusFields note={note} />
          <TextField path={['procedure', 'blockName']} label="Block (standard name)" wide />
          <ChoiceField path={['procedure', 'side']} label="Side" options={SIDE_OPTIONS} hint="checked against the plan at export" />
          <TextField path={['procedure', 'level']} label="Level" placeholder="e.g. T4" />
          <TextField path={['procedure', 'approach']} label="Approach" />
          <ChoiceField
            path={['procedure', 'technique']}
            label="Technique"
            options={[
              { value: 'single-shot', label: 'Single shot' },
              { value: 'catheter', label: 'Catheter' },
            ]}
          />
          <TextField path={['procedure', 'indication']} label="Indication" multiline />
          <TextField path={['procedure', 'surgery']} label="Surgery / procedure" />
          <TextField path={['procedure', 'position']} label="Patient position" hint={hints.positions.length ? `template: ${hints.positions.join(', ')}` : undefined} />
          {note.procedure.technique === 'catheter' && (
            <>
              <NumberField path={['procedure', 'catheter', 'depthAtSkinCm']} label="Catheter depth at skin" unit="cm" />
              <TextField path={['procedure', 'catheter', 'secured']} label="Catheter secured with" />
              <TextField path={['procedure', 'catheter', 'testDose']} label="Catheter test dose" />
              <TextField path={['procedure', 'catheter', 'infusionPlan']} label="Infusion plan" multiline />
            </>
          )}
        </div>
      </Section>

      <Section id="consent">
        <div className="nf-grid">
          <ChoiceField
            path={['consent', 'type']}
            label="Consent"
            options={[
              { value: 'written', label: 'Written' },
              { value: 'verbal', label: 'Verbal' },
              { value: 'not-possible-best-interests', label: 'Not possible (best interests)' },
            ]}
          />
          <ListField path={['consent', 'risksDiscussed']} label="Risks discussed (tick what was said)" suggestions={hints.risks} addLabel="Another risk discussed" />
          <TextField path={['consent', 'notes']} label="Consent notes" multiline />
        </div>
      </Section>

      <Section id="prechecks">
        <div className="nf-grid">
          <ChoiceField
            path={[...pc, 'allergies', 'status']}
            label="Allergies"
            options={[
              { value: 'none-known', label: 'None known' },
              { value: 'present', label: 'Present' },
            ]}
          />
          {note.preChecks.allergies.status === 'present' && <TextField path={[...pc, 'allergies', 'details']} label="Allergy details" />}
          <ChoiceField
            path={[...pc, 'anticoagulants', 'status']}
            label="Anticoagulants / antiplatelets"
            options={[
              { value: 'none', label: 'None' },
              { value: 'taking', label: 'Taking' },
            ]}
          />
          {note.preChecks.anticoagulants.status === 'taking' && (
            <>
              <TextField path={[...pc, 'anticoagulants', 'drug']} label="Anticoagulant drug" />
              <DateTimeField path={[...pc, 'anticoagulants', 'lastDose']} label="Last dose (date and time)" />
              <TextField path={[...pc, 'anticoagulants', 'labs']} label="Labs" placeholder="e.g. INR 1.1, platelets 240" />
            </>
          )}
          <YesNoField path={[...pc, 'preExistingDeficit', 'status']} label="Pre-existing neurological deficit" />
          {note.preChecks.preExistingDeficit.status === 'yes' && <TextField path={[...pc, 'preExistingDeficit', 'details']} label="Deficit details" />}
          <NumberField path={[...pc, 'weightKg']} label="Weight" unit="kg" />
          <NumberField path={[...pc, 'heightCm']} label="Height" unit="cm" hint="for ideal body weight" />
          <ChoiceField
            path={[...pc, 'sex']}
            label="Sex (for ideal body weight)"
            options={[
              { value: 'female', label: 'Female' },
              { value: 'male', label: 'Male' },
              { value: 'other', label: 'Other' },
              { value: 'unknown', label: 'Unknown' },
            ]}
          />
          <DelphiPreChecks />
          <YesNoField path={[...pc, 'ivAccess']} label="IV access" />
          <YesNoField path={[...pc, 'resuscitationAndLipidAvailable']} label="Resuscitation equipment and lipid available" />
        </div>
        <h4 className="nf-subhead">Safety checks — each its own answer</h4>
        <div className="nf-grid">
          <YesNoField path={[...pc, 'siteMarkChecked']} label="Site mark checked" />
          <YesNoField path={[...pc, 'whoChecklist']} label="WHO sign-in / time-out" />
          <YesNoField
            path={[...pc, 'stopMomentDone']}
            label="Stop moment performed before needle insertion"
            hint="the spoken two-person check of mark and consent (RA-UK Prep-Stop-Block); the side check at export does not record it"
          />
          {note.preChecks.stopMomentDone === 'yes' && (
            <>
              <TextField path={[...pc, 'stopMomentBy']} label="Stop moment performed by" placeholder="the two people, e.g. Dr A and ODP B" />
              <DateTimeField path={[...pc, 'stopMomentAt']} label="Stop moment time" nowButton />
            </>
          )}
        </div>
      </Section>

      <Section id="monitoring" actions={<AllYes label="Standard monitoring: yes" group="monitoring" paths={[['monitoring', 'ecg'], ['monitoring', 'spo2'], ['monitoring', 'nibp']]} />}>
        <div className="nf-grid">
          <YesNoField path={['monitoring', 'ecg']} label="ECG" />
          <YesNoField path={['monitoring', 'spo2']} label="SpO2" />
          <YesNoField path={['monitoring', 'nibp']} label="NIBP" />
          <TextField path={['monitoring', 'other']} label="Other monitoring" />
          <SedationLevelField />
        </div>
        <SedationDrugs drugs={note.sedation.drugs} />
      </Section>

      <Section
        id="asepsis"
        actions={<AllYes label="Full asepsis: yes" group="asepsis" paths={[['asepsis', 'handHygiene'], ['asepsis', 'sterileGloves'], ['asepsis', 'probeCover'], ['asepsis', 'drape'], ['asepsis', 'hatAndMask']]} />}
      >
        <div className="nf-grid">
          <YesNoField path={['asepsis', 'handHygiene']} label="Hand hygiene" />
          <TextField path={['asepsis', 'prepAgent']} label="Skin preparation" placeholder="e.g. chlorhexidine 2 % in 70 % alcohol" />
          <YesNoField path={['asepsis', 'sterileGloves']} label="Sterile gloves" />
          <YesNoField path={['asepsis', 'probeCover']} label="Sterile probe cover" />
          <YesNoField path={['asepsis', 'drape']} label="Drape" />
          <YesNoField path={['asepsis', 'hatAndMask']} label="Hat and mask" />
        </div>
      </Section>

      <Section id="guidance">
        <div className="nf-grid">
          {!pain && <SelectField path={['guidance', 'modality']} hint={hints.modality ? `template: ${hints.modality}` : undefined} label="Guidance" options={MODALITY_OPTIONS} />}
          <TextField path={['guidance', 'probe']} label="Probe" hint={hints.probe ? `template: ${hints.probe}` : undefined} />
          <NumberField path={['guidance', 'frequencyMinMHz']} label="Frequency from" unit="MHz" hint={range(hints.frequencyMHz, 'MHz')} />
          <NumberField path={['guidance', 'frequencyMaxMHz']} label="Frequency to" unit="MHz" hint={range(hints.frequencyMHz, 'MHz')} />
          <ChoiceField
            path={['guidance', 'needleApproach']}
            hint={hints.needleApproach ? `template: ${hints.needleApproach}` : undefined}
            label="Needle approach"
            options={[
              { value: 'in-plane', label: 'In-plane' },
              { value: 'out-of-plane', label: 'Out-of-plane' },
            ]}
          />
          <TextField path={['guidance', 'needleDirection']} label="Needle direction" hint={hints.needleDirection ? `template: ${hints.needleDirection}` : undefined} />
          <ListField path={['guidance', 'structuresIdentified']} label="Structures identified (from the annotations)" suggestions={structuresIdentified(plan, t)} addLabel="Another structure identified" />
          <YesNoField path={['guidance', 'nerveStimulator', 'used']} label="Nerve stimulator used" />
          {note.guidance.nerveStimulator.used === 'yes' && (
            <>
              <NumberField path={['guidance', 'nerveStimulator', 'currentMa']} label="Stimulation current" unit="mA" />
              <TextField path={['guidance', 'nerveStimulator', 'response']} label="Motor response" />
            </>
          )}
          <TextField path={['guidance', 'injectionPressureMonitoring']} label="Injection pressure monitoring" placeholder="e.g. opening pressure < 15 psi (in-line monitor)" />
          <TextField path={['needle', 'type']} label="Needle type" hint={hints.needleType ? `template: ${hints.needleType}` : undefined} />
          <NumberField path={['needle', 'gaugeG']} label="Needle gauge" unit="G" integer hint={range(hints.needleGaugeG, 'G')} />
          <NumberField path={['needle', 'lengthMm']} label="Needle length" unit="mm" hint={range(hints.needleLengthMm, 'mm')} />
          <NumberField path={['needle', 'passes']} label="Needle passes" unit="count" integer />
        </div>
      </Section>

      <Section id="injectate">
        {hints.volumeMl && <p className="nf-intro">Template volume for a single shot: {range(hints.volumeMl, 'mL')?.replace('template: ', '')}.</p>}
        <InjectateAndDose note={note} />
      </Section>

      <Section
        id="events"
        actions={
          <button
            type="button"
            className="nf-small-button"
            onClick={() =>
              setNoteFields(
                [
                  [[...ev, 'aspirationNegative'], 'yes'],
                  ...(['paraesthesia', 'painOnInjection', 'highInjectionPressure', 'bloodAspirated', 'vascularPuncture', 'pleuralPuncture'] as const).map((k) => [[...ev, k], 'no'] as [NotePath, unknown]),
                ],
                'events',
              )
            }
          >
            Uneventful injection
          </button>
        }
      >
        <p className="nf-intro">“Uneventful injection” records: aspiration negative; no paraesthesia, pain, high pressure, blood, vascular or pleural puncture.</p>
        <div className="nf-grid">
          <YesNoField path={[...ev, 'aspirationNegative']} label="Aspiration negative" />
          <YesNoField path={[...ev, 'paraesthesia']} label="Paraesthesia" />
          <YesNoField path={[...ev, 'painOnInjection']} label="Pain on injection" />
          <YesNoField path={[...ev, 'highInjectionPressure']} label="High injection pressure" />
          <YesNoField path={[...ev, 'bloodAspirated']} label="Blood aspirated" />
          <YesNoField path={[...ev, 'vascularPuncture']} label="Vascular puncture" />
          <YesNoField path={[...ev, 'pleuralPuncture']} label="Pleural puncture" />
          <YesNoField path={[...ev, 'twitchDisappeared']} label="Twitch disappeared on injection" />
          <TextField path={[...ev, 'notes']} label="Event notes" multiline />
          <YesNoField path={['complications', 'occurred']} label="Complications" />
          {note.complications.occurred === 'yes' && (
            <>
              <ListField path={['complications', 'items']} label="Which complications" suggestions={hints.risks} addLabel="Another complication" />
              <TextField path={['complications', 'details']} label="Complication details" multiline />
            </>
          )}
        </div>
      </Section>

      {pain && (
        <Section id="pain">
          <PainProcedureFields note={note} />
        </Section>
      )}

      <Section id="assessment">
        <div className="nf-grid">
          <NumberField path={['assessment', 'checkedAfterMin']} label="Block checked after" unit="min" />
          <ChoiceField
            path={['assessment', 'result']}
            label="Block result"
            options={[
              { value: 'complete', label: 'Complete' },
              { value: 'partial', label: 'Partial' },
              { value: 'failed', label: 'Failed' },
              { value: 'not-assessed', label: 'Not assessed' },
            ]}
          />
          <TextField path={['assessment', 'sensory']} label="Sensory" placeholder="e.g. T2–T7 cold loss" />
          <TextField path={['assessment', 'motor']} label="Motor" />
          <TextField path={['assessment', 'vitalSigns']} label="Vital signs" />
          <TextField path={['followUp', 'plan']} label="Follow-up plan" multiline />
          {!pain && (
            <>
              <YesNoField path={['followUp', 'limbProtectionAdvice']} label="Limb-protection advice given" />
              <YesNoField path={['followUp', 'fallsAdvice']} label="Falls advice given" />
            </>
          )}
          <TextField path={['comments']} label="Comments" multiline />
        </div>
      </Section>

      <Section id="follow-up-checks">
        <FollowUpChecks model={model} />
      </Section>

      <Section id="planned">
        {note.planned.length === 0 ? (
          <p className="muted">No planned numbers: draw a needle path on the clip (and a skin line) to carry them into the note.</p>
        ) : (
          <table className="planned-table">
            <caption className="visually-hidden">Planned measurements</caption>
            <thead>
              <tr>
                <th scope="col">Planned measurement</th>
                <th scope="col">Planned value</th>
              </tr>
            </thead>
            <tbody>
              {note.planned.map((m, i) => (
                <tr key={i}>
                  <th scope="row">Planned {m.label.charAt(0).toLowerCase() + m.label.slice(1)}</th>
                  <td className={m.unit === 'px' ? 'uncal' : undefined}>{plannedValue(m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="nf-intro">Planned values come from the plan and are always labelled “planned” in the exports; they are not measurements made during the procedure.</p>
      </Section>

      <Section id="images">
        <KeyImageThumbs model={model} />
        <AnnotatedClipExport model={model} />
      </Section>
    </>
  );
}
