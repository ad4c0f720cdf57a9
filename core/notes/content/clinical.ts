/** Sections: pre-procedure checks; monitoring and sedation; asepsis; guidance and needle. */
import { formatNumber } from '../doseCalc';
import type { NoteDocument } from '../document';
import { NOT_RECORDED, list, v, yn, type ContentSection } from './format';

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
          ['Patient state', v(n.sedation.state === 'general-anaesthesia' ? 'under general anaesthesia' : n.sedation.state)],
          ['Sedation', n.sedation.drugs.length ? n.sedation.drugs.map((d) => `${d.drug}${d.dose !== undefined ? ` ${formatNumber(d.dose)} ${d.unit ?? ''}`.trimEnd() : ''}`).join('; ') : NOT_RECORDED],
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
