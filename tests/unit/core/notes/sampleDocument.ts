/**
 * A filled-in interscalene note used by the exporter tests (no case file needed). Values are
 * plausible for a teaching case; the block name, probe and needle are taken from the interscalene
 * template in core/blocks so the test follows the data, not a copy of it.
 */
import { getBlockTemplate } from '../../../../core/blocks';
import { buildNoteDocument, confirmForExport, type ConfirmedNoteDocument, type NoteDocument } from '../../../../core/notes/document';
import { renderKeyImage, type RgbaImage } from '../../../../core/notes/keyimages';
import type { NoteInput } from '../../../../core/notes/schema';

export function sampleFrame(width = 320, height = 240): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let j = 0; j < height; j++)
    for (let i = 0; i < width; i++) {
      const g = Math.max(0, Math.min(255, Math.round(70 + 50 * Math.sin(i / 17) * Math.cos(j / 23) + (j / height) * 60)));
      data.set([g, g, g, 255], (j * width + i) * 4);
    }
  return { width, height, data };
}

export function sampleNoteInput(): NoteInput {
  const t = getBlockTemplate('interscalene')!;
  return {
    status: 'performed',
    identity: { patientName: 'TEST^PATIENT', patientId: 'BP-0001', birthDate: '1961-07-24', identifiersChecked: 'yes' },
    performedAt: '2025-03-01T14:05',
    staff: { operator: 'Dr A. Operator', operatorRole: 'ST6', supervisor: 'Dr B. Supervisor', assistant: 'C. Assistant (ODP)' },
    procedure: {
      templateId: t.id,
      blockName: t.nomenclature.standardName,
      side: 'right',
      level: 'C5–C6',
      approach: 'In plane, lateral to medial',
      technique: 'single-shot',
      indication: 'Analgesia for arthroscopic rotator cuff repair',
      surgery: 'Arthroscopic rotator cuff repair',
      position: 'Semi-sitting, head turned away',
    },
    consent: { type: 'verbal', risksDiscussed: ['Hemidiaphragmatic paresis (phrenic nerve)', 'Hoarseness (recurrent laryngeal nerve)', 'Horner syndrome'] },
    preChecks: {
      allergies: { status: 'none-known' },
      anticoagulants: { status: 'none' },
      preExistingDeficit: { status: 'no' },
      weightKg: 82,
      heightCm: 178,
      sex: 'male',
      ivAccess: 'yes',
      resuscitationAndLipidAvailable: 'yes',
      siteMarkChecked: 'yes',
      stopMomentDone: 'yes',
      whoChecklist: 'yes',
    },
    monitoring: { ecg: 'yes', spo2: 'yes', nibp: 'yes' },
    sedation: { state: 'sedated', drugs: [{ drug: 'midazolam', dose: 1, unit: 'mg' }, { drug: 'fentanyl', dose: 50, unit: 'µg' }] },
    asepsis: { handHygiene: 'yes', prepAgent: 'chlorhexidine 2% in 70% alcohol', sterileGloves: 'yes', probeCover: 'yes', drape: 'yes' },
    guidance: {
      modality: 'ultrasound',
      probe: t.probe.type,
      frequencyMinMHz: t.probe.frequencyMHz.min ?? undefined,
      frequencyMaxMHz: t.probe.frequencyMHz.max ?? undefined,
      needleApproach: 'in-plane',
      needleDirection: t.needle.direction ?? undefined,
      structuresIdentified: ['C5 / C6 roots between the scalenes', 'Anterior scalene', 'Middle scalene', 'Phrenic nerve'],
      injectionPressureMonitoring: 'syringe feel',
    },
    needle: { type: t.needle.type ?? undefined, gaugeG: t.needle.gaugeG.min ?? undefined, lengthMm: t.needle.lengthMm.min ?? undefined, passes: 1 },
    injectate: [{ site: 'C5–C6', agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 15, adrenaline: false, incremental: 'yes' }],
    doseSettings: { weightBasis: 'actual', region: 'UK', interscalene: true },
    events: { aspirationNegative: 'yes', paraesthesia: 'no', painOnInjection: 'no', highInjectionPressure: 'no', bloodAspirated: 'no', vascularPuncture: 'no', pleuralPuncture: 'no' },
    complications: { occurred: 'no' },
    assessment: { checkedAfterMin: 20, sensory: 'C5–C6 dermatomes reduced to cold', motor: 'deltoid weakness', result: 'complete' },
    followUp: { plan: 'Arm sling until block wears off; review on the ward.', limbProtectionAdvice: 'yes' },
    planned: [
      { kind: 'target-depth', label: 'Skin-to-target depth', value: 18.24, unit: 'mm', clipId: 'clip-1', frameIndex: 11 },
      { kind: 'path-length', label: 'Needle path length', value: 41.7, unit: 'mm', clipId: 'clip-1', frameIndex: 11 },
      { kind: 'angle-to-skin', label: 'Needle angle to skin', value: 24.4, unit: 'deg', clipId: 'clip-1', frameIndex: 11 },
      { kind: 'clearance', label: 'Clearance to phrenic nerve', value: 6.3, unit: 'mm', structure: 'Phrenic nerve', clipId: 'clip-1', frameIndex: 11 },
    ],
    comments: 'Teaching case.',
  };
}

export function sampleDocument(opts: { images?: boolean; note?: (n: NoteInput) => NoteInput } = {}): NoteDocument {
  const t = getBlockTemplate('interscalene')!;
  const keyImages = opts.images === false ? [] : [renderKeyImage(sampleFrame(), [
    { kind: 'arrow', from: { x: 300, y: 40 }, to: { x: 150, y: 120 } },
    { kind: 'ellipse', center: { x: 140, y: 130 }, rx: 18, ry: 12, color: [64, 220, 96, 255] },
    { kind: 'label', at: { x: 160, y: 140 }, text: 'depth 18.2 mm' },
  ], 'Clip 1, frame 12: planned needle path to the C5/C6 roots', { clipId: 'clip-1', frameIndex: 11 })];
  const r = buildNoteDocument({
    note: (opts.note ?? ((n) => n))(sampleNoteInput()),
    plannedSide: 'right',
    keyImages,
    sources: [
      {
        clipId: 'clip-1',
        label: 'Clip 1',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.3.1',
        sopInstanceUid: '2.25.1234567890123456789012345678901',
        studyInstanceUid: '2.25.2234567890123456789012345678901',
        seriesInstanceUid: '2.25.3234567890123456789012345678901',
        studyDate: '20250301',
        patient: { name: 'TEST^PATIENT', id: 'BP-0001', birthDate: '19610724', sex: 'M' },
        frames: 24,
      },
    ],
    references: t.sources.map((s) => ({ id: s.id, citation: s.citation, urls: s.urls })),
    caseId: 'sample-interscalene',
    caseTitle: 'Interscalene teaching case',
    generatedAt: '2025-03-01T15:00:00Z',
    app: { name: 'BlockPlan', version: '0.1.0' },
  });
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

export function confirmedSample(opts: { images?: boolean; note?: (n: NoteInput) => NoteInput } = {}): ConfirmedNoteDocument {
  const r = confirmForExport(sampleDocument(opts), 'right', { blockSide: 'right', annotations: [], clips: [] }, { confirmedAt: '2025-03-01T14:00:00Z', confirmedBy: 'Dr A. Operator' });
  if (!r.ok) throw new Error(r.error.title);
  return r.value;
}
