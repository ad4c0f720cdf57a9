import { anticoagSentences } from '../content/anticoag';
import { uuidBytesFromSeed } from '../../dicom/write/uid';
import { DISCLAIMER, injectateAgentName, noteTitle, plannedLabel, plannedValue, sideRecordSentences, sideText, statusText } from '../content';
import { formatNumber } from '../doseCalc';
import { atPrecision, DISPLAY_DECIMALS, plannedDisplayNumber } from '../precision';
import type { ConfirmedNoteDocument } from '../document';
import type { NoteSide } from '../schema';
import { toBase64 } from './base64';
import { fhirCoding, LATERALITY_VALUES, PLANNED_CONCEPTS, procedureCode, SYSTEM } from './codes';

/**
 * FHIR R4 (4.0.1) export: a `collection` Bundle holding
 * - Patient (only what the user typed: identifier, name, birth date, sex),
 * - Practitioner per named operator / supervisor / assistant,
 * - ServiceRequest, `intent` = `plan`: the planned block (always). A block that was not recorded as done
 *   is only this plan — no Procedure claims anything happened (https://hl7.org/fhir/R4/servicerequest.html),
 * - Procedure, only when the user recorded the block as done (`completed`), not done (`not-done`) or
 *   started and stopped (`stopped`), with `statusReason` for the last two and `basedOn` the plan;
 *   laterality through a BodyStructure (SNOMED CT 7771000 Left, 24028007 Right, 51440002 Right and
 *   left as `locationQualifier`) and the core extension `procedure-targetBodyStructure`,
 * - Observation per planned number, coded with the standard concept (DCM 121211 Path length, SCT
 *   131197000 Depth, DCM 121206 Distance, SCT 1483009 Angle; ./codes.ts) and marked planned, `basedOn`
 *   the plan; one per local-anaesthetic agent (total mg with mg/kg and % of maximum as components),
 * - DocumentReference carrying the PDF (LOINC 28570-0 Procedure note, or 18776-5 Plan of care note for
 *   a plan).
 *
 * The procedure code is SNOMED CT 265778005 "Local anesthetic nerve block" (56333001 "Nerve block" for
 * a neurolytic pain procedure) with the block named in text and BlockPlan's template code beside it.
 * Ids are UUIDs derived from the case id and export time (reproducible). Returns the JSON text.
 */

/** Code systems for BlockPlan's own codes (block templates, planned-measurement concepts). */
export const BLOCKPLAN_TEMPLATE_SYSTEM = 'urn:blockplan:block-template';
export const BLOCKPLAN_MEASUREMENT_SYSTEM = 'urn:blockplan:planned-measurement';

const LATERALITY = LATERALITY_VALUES;

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

const PROCEDURE_STATUS = { performed: 'completed', 'not-performed': 'not-done', stopped: 'stopped' } as const;

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
    { role: 'operator', name: n.staff.operator },
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

  const side: NoteSide = n.sideConfirmation.confirmedSide;
  const siteText = `${p.blockName ?? 'Block'}${p.level ? `, ${p.level}` : ''}`;
  const bodySite = [{ text: `${sideText(side)}: ${siteText}` }];
  const sct = procedureCode(n, doc.kind, doc.templateCategory);
  const code = {
    coding: [...(sct ? [fhirCoding(sct, BLOCKPLAN_TEMPLATE_SYSTEM)] : []), ...(p.templateId ? [{ system: BLOCKPLAN_TEMPLATE_SYSTEM, code: p.templateId, display: p.blockName }] : [])],
    text: `${noteTitle(doc)}${p.approach ? ` (${p.approach})` : ''}${p.technique === 'catheter' ? ', catheter' : p.technique === 'single-shot' ? ', single shot' : ''}`,
  };
  if (code.coding.length === 0) delete (code as { coding?: unknown }).coding;
  const category = { text: doc.kind === 'pain-procedure' ? 'Pain procedure' : 'Regional anaesthesia' };
  const when = fhirDateTime(n.performedAt, opts.localUtcOffset);

  const doseLines = doc.dose.agents.map((a) => `${a.label}: ${formatNumber(a.totalMg, 1)} mg${a.mgPerKgGiven !== null ? ` (${formatNumber(a.mgPerKgGiven, 2)} mg/kg)` : ''}, ${a.fraction === null ? 'maximum unknown' : `${Math.round(a.fraction * 100)}% of maximum ${formatNumber(a.maxMg!, 0)} mg`}`);
  const notes: string[] = [
    ...(doc.synthetic ? ['SYNTHETIC TEACHING CASE — not a patient record.'] : []),
    `${statusText(n)}.`,
    ...sideRecordSentences(doc),
    ...(doseLines.length ? [`Local anaesthetic dose: ${doseLines.join('; ')}.`] : []),
    ...(n.complications.occurred === 'no' ? ['Complications: none.'] : []),
    ...(n.planned.length ? [`Planned (from the plan, not measured): ${n.planned.map((m) => `${m.label} ${plannedValue(m)}`).join('; ')}.`] : []),
    ...anticoagSentences(n),
    ...(n.comments ? [n.comments] : []),
    DISCLAIMER,
  ];

  // The plan: always a ServiceRequest (intent plan). Its status follows what became of it.
  const requestRef = add('servicerequest', {
    resourceType: 'ServiceRequest',
    status: n.status === undefined ? 'active' : n.status === 'not-performed' ? 'revoked' : 'completed',
    intent: 'plan',
    category: [category],
    code,
    subject: { reference: patientRef },
    ...(n.status === undefined && when ? { occurrenceDateTime: when } : {}),
    ...(operatorRef ? { requester: { reference: operatorRef } } : {}),
    ...(p.indication ? { reasonCode: [{ text: p.indication }] } : {}),
    bodySite,
    note: notes.map((text) => ({ text })),
  });

  // The procedure: only what the user recorded as done, not done or stopped.
  let procedureRef: string | undefined;
  if (n.status !== undefined) {
    const extensions: Json[] = [];
    if (side !== 'n/a') {
      const lat = LATERALITY[side];
      const bodyRef = add('bodystructure', {
        resourceType: 'BodyStructure',
        description: `${sideText(side)}: ${siteText}`,
        location: { text: siteText },
        locationQualifier: [{ coding: [{ system: SYSTEM.SCT, code: lat.CodeValue, display: lat.CodeMeaning }], text: lat.CodeMeaning }],
        patient: { reference: patientRef },
      });
      extensions.push({ url: 'http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure', valueReference: { reference: bodyRef } });
    }
    const usedCode: Json[] = n.injectate.map((i, k) => {
      const mg = doc.dose.injections[k]?.mg;
      return {
        text: `${injectateAgentName(i)}${i.concentrationPercent !== undefined ? ` ${formatNumber(i.concentrationPercent, 3)}%` : ''}${i.volumeMl !== undefined ? ` ${formatNumber(i.volumeMl, 1)} mL` : ''}${i.adrenaline ? ' with adrenaline' : ''}${mg != null ? ` (${formatNumber(mg, 1)} mg)` : ''}${i.site ? `, ${i.site}` : ''}`,
      };
    });
    const needle = [n.needle.type, n.needle.gaugeG !== undefined ? `${n.needle.gaugeG} G` : '', n.needle.lengthMm !== undefined ? `${formatNumber(n.needle.lengthMm)} mm` : ''].filter(Boolean).join(', ');
    if (needle) usedCode.push({ text: `Needle: ${needle}` });
    if (n.guidance.probe) usedCode.push({ text: `Ultrasound probe: ${n.guidance.probe}` });
    procedureRef = add('procedure', {
      resourceType: 'Procedure',
      ...(extensions.length ? { extension: extensions } : {}),
      basedOn: [{ reference: requestRef }],
      status: PROCEDURE_STATUS[n.status],
      ...(n.status !== 'performed' && n.statusReason ? { statusReason: { text: n.statusReason } } : {}),
      category,
      code,
      subject: { reference: patientRef },
      ...(when ? { performedDateTime: when } : {}),
      ...(performers.length ? { performer: performers } : {}),
      ...(p.indication ? { reasonCode: [{ text: p.indication }] } : {}),
      bodySite,
      ...(n.assessment.result ? { outcome: { text: `Block ${n.assessment.result}${n.assessment.sensory ? `; sensory: ${n.assessment.sensory}` : ''}${n.assessment.motor ? `; motor: ${n.assessment.motor}` : ''}` } } : {}),
      ...(n.complications.occurred === 'yes' ? { complication: (n.complications.items.length ? n.complications.items : ['complication (see note)']).map((c) => ({ text: c })) } : {}),
      ...(n.followUp.plan ? { followUp: [{ text: n.followUp.plan }] } : {}),
      note: notes.map((text) => ({ text })),
      ...(usedCode.length ? { usedCode } : {}),
    });
  }
  const linked = { basedOn: [{ reference: requestRef }], ...(procedureRef ? { partOf: [{ reference: procedureRef }] } : {}) };

  n.planned.forEach((m, k) => {
    const concept = PLANNED_CONCEPTS[m.kind];
    const value = plannedDisplayNumber(m);
    const quantity = m.unit === 'px' ? { value, unit: 'px' } : { value, unit: m.unit === 'deg' ? '°' : 'mm', system: SYSTEM.UCUM, code: m.unit };
    const remarks = [
      m.structure ? `Structure: ${m.structure}` : '',
      m.notVisibleOnUltrasound ? 'Estimated — the structure is not visible on ultrasound' : '',
      m.clipId ? `Image: ${m.clipId}${m.frameIndex !== undefined ? `, frame ${m.frameIndex + 1}` : ''}` : '',
      m.uncalibratedReason ? `Uncalibrated: ${m.uncalibratedReason}` : '',
      ...m.warnings.map((w) => `Warning BlockPlan showed: ${w}`),
      m.caveat ?? '',
    ].filter(Boolean);
    add(`observation|planned|${k}`, {
      resourceType: 'Observation',
      ...linked,
      status: 'final',
      category: [{ text: 'planned (BlockPlan)' }],
      code: { coding: [fhirCoding(concept, BLOCKPLAN_MEASUREMENT_SYSTEM)], text: plannedLabel(m.label) },
      subject: { reference: patientRef },
      valueQuantity: quantity,
      method: { text: 'Planned on an ultrasound image in BlockPlan; a planning value, not measured during the procedure' },
      ...(remarks.length ? { note: [{ text: remarks.join('. ') }] } : {}),
    });
  });

  doc.dose.agents.forEach((a, k) => {
    const components: Json[] = [];
    if (a.mgPerKgGiven !== null) components.push({ code: { text: 'Dose per kg body weight' }, valueQuantity: { value: atPrecision(a.mgPerKgGiven, DISPLAY_DECIMALS.doseMgPerKg), unit: 'mg/kg', system: SYSTEM.UCUM, code: 'mg/kg' } });
    if (a.fraction !== null) components.push({ code: { text: 'Percent of maximum dose' }, valueQuantity: { value: atPrecision(a.fraction * 100, DISPLAY_DECIMALS.percentOfMax), unit: '%', system: SYSTEM.UCUM, code: '%' } });
    if (a.maxMg !== null) components.push({ code: { text: `Maximum dose (${a.maxBasis === 'weight' ? 'mg/kg × weight' : 'ceiling'})` }, valueQuantity: { value: atPrecision(a.maxMg, DISPLAY_DECIMALS.maxDoseMg), unit: 'mg', system: SYSTEM.UCUM, code: 'mg' } });
    add(`observation|dose|${k}`, {
      resourceType: 'Observation',
      ...linked,
      status: 'final',
      code: { text: `Local anaesthetic total dose: ${a.label}` },
      subject: { reference: patientRef },
      valueQuantity: { value: atPrecision(a.totalMg, DISPLAY_DECIMALS.doseMg), unit: 'mg', system: SYSTEM.UCUM, code: 'mg' },
      ...(components.length ? { component: components } : {}),
    });
  });

  const isPlan = n.status === undefined;
  add('documentreference', {
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus: 'final',
    type: isPlan
      ? { coding: [{ system: SYSTEM.LOINC, code: '18776-5', display: 'Plan of care note' }], text: `${doc.kind === 'pain-procedure' ? 'Pain procedure' : 'Regional anaesthesia'} plan` }
      : { coding: [{ system: SYSTEM.LOINC, code: '28570-0', display: 'Procedure note' }], text: doc.kind === 'pain-procedure' ? 'Pain procedure note' : 'Regional anaesthesia procedure note' },
    subject: { reference: patientRef },
    date: doc.generatedAt,
    ...(operatorRef ? { author: [{ reference: operatorRef }] } : {}),
    description: `${doc.synthetic ? 'SYNTHETIC TEACHING CASE — not a patient record. ' : ''}${noteTitle(doc)} (${statusText(n).toLowerCase()}). ${DISCLAIMER}`,
    content: [{ attachment: { contentType: 'application/pdf', data: toBase64(opts.pdf), title: `${doc.caseId ?? 'procedure-note'}.pdf`, creation: doc.generatedAt, size: opts.pdf.length } }],
    context: { related: [{ reference: procedureRef ?? requestRef }] },
  });

  const bundle = {
    resourceType: 'Bundle',
    id: uuid(`${seed}|bundle`),
    meta: {
      tag: [
        ...(doc.synthetic ? [{ system: 'urn:blockplan:tag', code: 'synthetic-teaching-case', display: 'Synthetic teaching case, not a patient record' }] : []),
        { system: 'urn:blockplan:tag', code: 'planning-aid', display: 'BlockPlan is a planning and teaching aid, not a medical device' },
      ],
    },
    type: 'collection',
    timestamp: doc.generatedAt,
    entry: entries,
  };
  return JSON.stringify(bundle, null, 2);
}
