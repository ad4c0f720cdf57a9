import { anticoagSentences } from '../contentAnticoag';
import { uuidBytesFromSeed } from '../../dicom/write/uid';
import { DISCLAIMER, injectateAgentName, plannedValue, sideText } from '../content';
import { formatNumber } from '../doseCalc';
import type { ConfirmedNoteDocument } from '../document';
import type { NoteSide } from '../schema';
import { toBase64 } from './base64';
import { PLANNED_CONCEPTS } from './dicomSr';

/**
 * FHIR R4 (4.0.1) export: a `collection` Bundle holding
 * - Patient (only what the user typed: identifier, name, birth date, sex),
 * - Practitioner per named operator / supervisor / assistant,
 * - BodyStructure with the laterality (SNOMED CT 7771000 Left, 24028007 Right, 51440002 Right and left
 *   as `locationQualifier`), referenced from the Procedure through the core extension
 *   `procedure-targetBodyStructure`,
 * - Procedure: code (the block template as a BlockPlan code, with the standard name as text), bodySite
 *   (site and side in words), performer (with function), reasonCode, usedCode (drugs, needle, probe),
 *   note (procedure summary, Stop Before You Block record, dose, disclaimer), complication, outcome,
 *   followUp,
 * - Observation per planned measurement (UCUM mm / deg), marked planned in code text and method, and
 *   one per local-anaesthetic agent (total mg with mg/kg and % of maximum as components),
 * - DocumentReference (LOINC 28570-0 Procedure note) carrying the PDF as base64.
 *
 * Ids are UUIDs derived from the case id and export time (reproducible). Returns the JSON text.
 */

const SCT = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
/** Code systems for BlockPlan's own codes (block templates, planned-measurement concepts). */
export const BLOCKPLAN_TEMPLATE_SYSTEM = 'urn:blockplan:block-template';
export const BLOCKPLAN_MEASUREMENT_SYSTEM = 'urn:blockplan:planned-measurement';

const LATERALITY: Record<Exclude<NoteSide, 'n/a'>, { code: string; display: string }> = {
  left: { code: '7771000', display: 'Left' },
  right: { code: '24028007', display: 'Right' },
  bilateral: { code: '51440002', display: 'Right and left' },
};

type Json = Record<string, unknown>;

function uuid(seed: string): string {
  const h = [...uuidBytesFromSeed(seed)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** FHIR dateTime from a note date-time: keeps an offset; adds `localUtcOffset` when none; else date only. */
export function fhirDateTime(value: string | undefined, localUtcOffset?: string): string | undefined {
  if (!value) return undefined;
  const m = value.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);
  if (!m) return undefined;
  const [, date, hm, sec, zone] = m;
  const tz = zone ?? localUtcOffset;
  if (!tz) return date;
  return `${date}T${hm}${sec ?? ':00'}${tz}`;
}

export interface FhirOptions {
  /** The PDF of the same note, carried by the DocumentReference. */
  pdf: Uint8Array;
  /** UTC offset of the place the note was written (e.g. "+01:00"), used when the typed time has none. */
  localUtcOffset?: string;
}

/** The note as a FHIR R4 Bundle (JSON text, 2-space indented). */
export function noteToFhirBundle(doc: ConfirmedNoteDocument, opts: FhirOptions): string {
  const n = doc.note;
  const p = n.procedure;
  const seed = `blockplan-fhir|${doc.caseId ?? ''}|${doc.generatedAt}`;
  const entries: { fullUrl: string; resource: Json }[] = [];
  const add = (key: string, resource: Json): string => {
    const id = uuid(`${seed}|${key}`);
    const fullUrl = `urn:uuid:${id}`;
    entries.push({ fullUrl, resource: { ...resource, id } });
    return fullUrl;
  };

  // Patient: only what the user typed.
  const gender = n.preChecks.sex === 'male' || n.preChecks.sex === 'female' || n.preChecks.sex === 'other' || n.preChecks.sex === 'unknown' ? n.preChecks.sex : undefined;
  const patientRef = add('patient', {
    resourceType: 'Patient',
    ...(n.identity.patientId ? { identifier: [{ value: n.identity.patientId }] } : {}),
    ...(n.identity.patientName ? { name: [{ text: n.identity.patientName }] } : {}),
    ...(n.identity.birthDate ? { birthDate: n.identity.birthDate } : {}),
    ...(gender ? { gender } : {}),
  });

  const people: { role: string; name?: string }[] = [
    { role: 'operator', name: n.staff.operator ? `${n.staff.operator}` : undefined },
    { role: 'supervisor', name: n.staff.supervisor },
    { role: 'assistant', name: n.staff.assistant },
  ];
  const performers: Json[] = [];
  let operatorRef: string | undefined;
  for (const person of people) {
    if (!person.name) continue;
    const ref = add(`practitioner|${person.role}`, { resourceType: 'Practitioner', name: [{ text: person.name }] });
    if (person.role === 'operator') operatorRef = ref;
    performers.push({ function: { text: person.role === 'operator' && n.staff.operatorRole ? `operator (${n.staff.operatorRole})` : person.role }, actor: { reference: ref, display: person.name } });
  }

  const side = n.sideConfirmation.confirmedSide;
  const siteText = `${p.blockName ?? 'Block'}${p.level ? `, ${p.level}` : ''}`;
  const extensions: Json[] = [];
  if (side !== 'n/a') {
    const lat = LATERALITY[side];
    const bodyRef = add('bodystructure', {
      resourceType: 'BodyStructure',
      description: `${sideText(side)}: ${siteText}`,
      location: { text: siteText },
      locationQualifier: [{ coding: [{ system: SCT, code: lat.code, display: lat.display }], text: lat.display }],
      patient: { reference: patientRef },
    });
    extensions.push({ url: 'http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure', valueReference: { reference: bodyRef } });
  }

  const usedCode: Json[] = [
    ...n.injectate.map((i, k) => {
      const mg = doc.dose.injections[k]?.mg;
      return {
        text: `${injectateAgentName(i)}${i.concentrationPercent !== undefined ? ` ${formatNumber(i.concentrationPercent, 3)}%` : ''}${i.volumeMl !== undefined ? ` ${formatNumber(i.volumeMl, 1)} mL` : ''}${i.adrenaline ? ' with adrenaline' : ''}${mg != null ? ` (${formatNumber(mg, 1)} mg)` : ''}${i.site ? `, ${i.site}` : ''}`,
      };
    }),
  ];
  const needle = [n.needle.type, n.needle.gaugeG !== undefined ? `${n.needle.gaugeG} G` : '', n.needle.lengthMm !== undefined ? `${formatNumber(n.needle.lengthMm)} mm` : ''].filter(Boolean).join(', ');
  if (needle) usedCode.push({ text: `Needle: ${needle}` });
  if (n.guidance.probe) usedCode.push({ text: `Ultrasound probe: ${n.guidance.probe}` });

  const sc = n.sideConfirmation;
  const doseLines = doc.dose.agents.map((a) => `${a.label}: ${formatNumber(a.totalMg, 1)} mg${a.mgPerKgGiven !== null ? ` (${formatNumber(a.mgPerKgGiven, 2)} mg/kg)` : ''}, ${a.fraction === null ? 'maximum unknown' : `${Math.round(a.fraction * 100)}% of maximum ${formatNumber(a.maxMg!, 0)} mg`}`);
  const notes: string[] = [
    `Stop Before You Block: side ${sideText(sc.confirmedSide)} confirmed at ${sc.confirmedAt}${sc.confirmedBy ? ` by ${sc.confirmedBy}` : ''}; checked against ${sc.checkedAgainst.join('; ') || 'nothing'}: ${sc.result}.`,
    ...(doseLines.length ? [`Local anaesthetic dose: ${doseLines.join('; ')}.`] : []),
    ...(n.complications.occurred === 'no' ? ['Complications: none.'] : []),
    ...(n.planned.length ? [`Planned (from the plan, not measured): ${n.planned.map((m) => `${m.label} ${plannedValue(m)}`).join('; ')}.`] : []),
    ...anticoagSentences(n),
    ...(n.comments ? [n.comments] : []),
    DISCLAIMER,
  ];

  const performed = fhirDateTime(n.performedAt, opts.localUtcOffset);
  const procedure: Json = {
    resourceType: 'Procedure',
    ...(extensions.length ? { extension: extensions } : {}),
    status: 'completed',
    category: { text: 'Regional anaesthesia' },
    code: {
      ...(p.templateId ? { coding: [{ system: BLOCKPLAN_TEMPLATE_SYSTEM, code: p.templateId, display: p.blockName }] } : {}),
      text: `${p.blockName ?? 'Regional anaesthesia block'}${p.approach ? ` (${p.approach})` : ''}${p.technique === 'catheter' ? ', catheter' : p.technique === 'single-shot' ? ', single shot' : ''}`,
    },
    subject: { reference: patientRef },
    ...(performed ? { performedDateTime: performed } : {}),
    ...(performers.length ? { performer: performers } : {}),
    ...(p.indication ? { reasonCode: [{ text: p.indication }] } : {}),
    bodySite: [{ text: `${sideText(side)}: ${siteText}` }],
    ...(n.assessment.result ? { outcome: { text: `Block ${n.assessment.result}${n.assessment.sensory ? `; sensory: ${n.assessment.sensory}` : ''}${n.assessment.motor ? `; motor: ${n.assessment.motor}` : ''}` } } : {}),
    ...(n.complications.occurred === 'yes' ? { complication: (n.complications.items.length ? n.complications.items : ['complication (see note)']).map((c) => ({ text: c })) } : {}),
    ...(n.followUp.plan ? { followUp: [{ text: n.followUp.plan }] } : {}),
    note: notes.map((text) => ({ text })),
    ...(usedCode.length ? { usedCode } : {}),
  };
  const procedureRef = add('procedure', procedure);

  n.planned.forEach((m, k) => {
    const concept = PLANNED_CONCEPTS[m.kind];
    const quantity = m.unit === 'px' ? { value: m.value, unit: 'px' } : { value: m.value, unit: m.unit === 'deg' ? '°' : 'mm', system: UCUM, code: m.unit };
    add(`observation|planned|${k}`, {
      resourceType: 'Observation',
      status: 'final',
      category: [{ text: 'planned (BlockPlan)' }],
      code: { coding: [{ system: BLOCKPLAN_MEASUREMENT_SYSTEM, code: concept.CodeValue, display: concept.CodeMeaning }], text: `Planned ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}` },
      subject: { reference: patientRef },
      partOf: [{ reference: procedureRef }],
      valueQuantity: quantity,
      method: { text: 'Planned on an ultrasound image in BlockPlan; a planning value, not measured during the procedure' },
      ...(m.structure || m.clipId
        ? { note: [{ text: [m.structure ? `Structure: ${m.structure}` : '', m.clipId ? `Image: ${m.clipId}${m.frameIndex !== undefined ? `, frame ${m.frameIndex + 1}` : ''}` : '', m.uncalibratedReason ? `Uncalibrated: ${m.uncalibratedReason}` : ''].filter(Boolean).join('. ') }] }
        : {}),
    });
  });

  doc.dose.agents.forEach((a, k) => {
    const components: Json[] = [];
    if (a.mgPerKgGiven !== null) components.push({ code: { text: 'Dose per kg body weight' }, valueQuantity: { value: Number(a.mgPerKgGiven.toFixed(3)), unit: 'mg/kg', system: UCUM, code: 'mg/kg' } });
    if (a.fraction !== null) components.push({ code: { text: 'Percent of maximum dose' }, valueQuantity: { value: Number((a.fraction * 100).toFixed(1)), unit: '%', system: UCUM, code: '%' } });
    if (a.maxMg !== null) components.push({ code: { text: `Maximum dose (${a.maxBasis === 'weight' ? 'mg/kg × weight' : 'ceiling'})` }, valueQuantity: { value: Number(a.maxMg.toFixed(1)), unit: 'mg', system: UCUM, code: 'mg' } });
    add(`observation|dose|${k}`, {
      resourceType: 'Observation',
      status: 'final',
      code: { text: `Local anaesthetic total dose: ${a.label}` },
      subject: { reference: patientRef },
      partOf: [{ reference: procedureRef }],
      valueQuantity: { value: Number(a.totalMg.toFixed(2)), unit: 'mg', system: UCUM, code: 'mg' },
      ...(components.length ? { component: components } : {}),
    });
  });

  add('documentreference', {
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus: 'final',
    type: { coding: [{ system: LOINC, code: '28570-0', display: 'Procedure note' }], text: 'Regional anaesthesia procedure note' },
    subject: { reference: patientRef },
    date: doc.generatedAt,
    ...(operatorRef ? { author: [{ reference: operatorRef }] } : {}),
    description: `${p.blockName ?? 'Procedure note'} (${sideText(side)}). ${DISCLAIMER}`,
    content: [{ attachment: { contentType: 'application/pdf', data: toBase64(opts.pdf), title: `${doc.caseId ?? 'procedure-note'}.pdf`, creation: doc.generatedAt, size: opts.pdf.length } }],
    context: { related: [{ reference: procedureRef }] },
  });

  const bundle = {
    resourceType: 'Bundle',
    id: uuid(`${seed}|bundle`),
    meta: { tag: [{ system: 'urn:blockplan:tag', code: 'planning-aid', display: 'BlockPlan is a planning and teaching aid, not a medical device' }] },
    type: 'collection',
    timestamp: doc.generatedAt,
    entry: entries,
  };
  return JSON.stringify(bundle, null, 2);
}
