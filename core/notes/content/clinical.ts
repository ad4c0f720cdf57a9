/** Sections: pre-procedure checks; monitoring and sedation; asepsis; guidance and needle. */
import { formatNumber } from '../doseCalc';
import type { NoteDocument } from '../document';
import type { Note } from '../schema';
import { NOT_RECORDED, list, v, yn, type ContentSection } from './format';

/** Baseline vital signs with their units, or "not recorded". */
function vitals(b: Note['preChecks']['baselineVitals']): string {
  const parts = [
    b.heartRateBpm !== undefined ? `HR ${formatNumber(b.heartRateBpm)} /min` : '',
    b.systolicMmHg !== undefined || b.diastolicMmHg !== undefined ? `BP ${b.systolicMmHg !== undefined ? formatNumber(b.systolicMmHg) : '?'}/${b.diastolicMmHg !== undefined ? formatNumber(b.diastolicMmHg) : '?'} mmHg` : '',
    b.spo2Percent !== undefined ? `SpO2 ${formatNumber(b.spo2Percent)} %` : '',
    b.respiratoryRatePerMin !== undefined ? `RR ${formatNumber(b.respiratoryRatePerMin)} /min` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : NOT_RECORDED;
}

const SEDATION_WORD: Record<NonNullable<Note['sedation']['level']>, string> = {
  none: 'none',
  minimal: 'minimal',
  moderate: 'moderate',
  deep: 'deep',
  'general-anaesthesia': 'general anaesthesia',
};

/** The sedation level as recorded; an older note's awake / sedated / GA as it was recorded. */
function sedationLevel(n: Note): string {
  if (n.sedation.level) return SEDATION_WORD[n.sedation.level];
  if (n.sedation.state === 'awake') return 'none (recorded as awake)';
  if (n.sedation.state === 'general-anaesthesia') return 'general anaesthesia';
  if (n.sedation.state === 'sedated') return 'sedated (level not recorded)';
  return NOT_RECORDED;
}

export function preChecksSection(doc: NoteDocument): ContentSection {
  const pc = doc.note.preChecks;
  const ac = pc.anticoagulants;
  return {
    id: 'prechecks',
    title: 'Pre-procedure checks',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Allergies', pc.allergies.status === 'none-known' ? 'none known' : pc.allergies.status === 'present' ? `present: ${v(pc.allergies.details)}` : NOT_RECORDED],
          ['Anticoagulant / antiplatelet', ac.status === 'none' ? 'none' : ac.status === 'taking' ? `${v(ac.drug)}; last dose ${v(ac.lastDose?.replace('T', ' '))}` : NOT_RECORDED],
          ['Labs', v(ac.labs)],
          ['Pre-existing deficit', pc.preExistingDeficit.status === 'yes' ? `yes: ${v(pc.preExistingDeficit.details)}` : yn(pc.preExistingDeficit.status)],
          ['ASA physical status', pc.asaClass ? `ASA ${pc.asaClass}${pc.asaEmergency ? 'E' : ''}` : NOT_RECORDED],
          ['Baseline vital signs', vitals(pc.baselineVitals)],
          ['Weight', v(pc.weightKg, 'kg')],
          ['Height', v(pc.heightCm, 'cm')],
          ['Sex', v(pc.sex)],
          ['Ideal body weight', doc.dose.weight.idealKg === undefined ? 'not computed (needs height and sex)' : `${formatNumber(doc.dose.weight.idealKg, 1)} kg (Devine 1974)`],
          ['IV access', yn(pc.ivAccess)],
          ['Resuscitation equipment and lipid available', yn(pc.resuscitationAndLipidAvailable)],
        ],
      },
    ],
  };
}

export function monitoringSection(doc: NoteDocument): ContentSection {
  const n = doc.note;
  return {
    id: 'monitoring',
    title: 'Monitoring and sedation',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['ECG', yn(n.monitoring.ecg)],
          ['SpO2', yn(n.monitoring.spo2)],
          ['NIBP', yn(n.monitoring.nibp)],
          ['Other monitoring', v(n.monitoring.other)],
          ['Sedation level', sedationLevel(n)],
          ['Sedation drugs', n.sedation.drugs.length ? n.sedation.drugs.map((d) => `${d.drug}${d.dose !== undefined ? ` ${formatNumber(d.dose)} ${d.unit ?? ''}`.trimEnd() : ''}`).join('; ') : NOT_RECORDED],
        ],
      },
    ],
  };
}

export function asepsisSection(doc: NoteDocument): ContentSection {
  const a = doc.note.asepsis;
  return {
    id: 'asepsis',
    title: 'Asepsis',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Hand hygiene', yn(a.handHygiene)],
          ['Skin preparation', v(a.prepAgent)],
          ['Sterile gloves', yn(a.sterileGloves)],
          ['Probe cover', yn(a.probeCover)],
          ['Drape', yn(a.drape)],
          ['Hat and mask', yn(a.hatAndMask)],
        ],
      },
    ],
  };
}

export function guidanceSection(doc: NoteDocument): ContentSection {
  const n = doc.note;
  const g = n.guidance;
  const freq =
    g.frequencyMinMHz === undefined && g.frequencyMaxMHz === undefined
      ? NOT_RECORDED
      : g.frequencyMinMHz !== undefined && g.frequencyMaxMHz !== undefined && g.frequencyMinMHz !== g.frequencyMaxMHz
        ? `${formatNumber(g.frequencyMinMHz)}–${formatNumber(g.frequencyMaxMHz)} MHz`
        : `${formatNumber((g.frequencyMinMHz ?? g.frequencyMaxMHz)!)} MHz`;
  const ns = g.nerveStimulator;
  return {
    id: 'guidance',
    title: 'Guidance and needle',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Guidance', v(g.modality?.replace(/-/g, ' '))],
          ['Probe', v(g.probe)],
          ['Frequency', freq],
          ['Needle approach', v(g.needleApproach)],
          ['Needle direction', v(g.needleDirection)],
          ['Structures identified', list(g.structuresIdentified)],
          ['Saved images / clips', list(g.savedImages)],
          ['Nerve stimulator', ns.used === 'yes' ? `yes${ns.currentMa !== undefined ? `, ${formatNumber(ns.currentMa)} mA` : ''}${ns.response ? `, ${ns.response}` : ''}` : yn(ns.used)],
          ['Injection pressure monitoring', v(g.injectionPressureMonitoring)],
          ['Needle', [n.needle.type, n.needle.gaugeG !== undefined ? `${n.needle.gaugeG} G` : '', n.needle.lengthMm !== undefined ? `${formatNumber(n.needle.lengthMm)} mm` : ''].filter(Boolean).join(', ') || NOT_RECORDED],
          ['Needle passes', v(n.needle.passes)],
        ],
      },
    ],
  };
}
