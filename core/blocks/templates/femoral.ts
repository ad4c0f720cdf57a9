import type { BlockTemplateInput } from '../schema';
import { GENERAL_LINEAR_MHZ_NOTE, range, sources, unknown } from '../sources';

/** blocks.md §1.9 Femoral nerve block [S2, S14]. */
export const femoral: BlockTemplateInput = {
  id: 'femoral',
  name: 'Femoral nerve block',
  nomenclature: { standardName: 'Femoral nerve block', consensus: 'asra-esra-2024-limb', wordingUncertain: true, note: 'In the 2024 ASRA-ESRA limb list; exact wording not retrieved [?] [S2].' },
  aliases: ['FNB', 'femoral block', 'femoral nerve'],
  category: 'lower-limb',
  indications: ['Femur, patella, quadriceps tendon and knee surgery', 'Hip fracture analgesia'],
  positions: ['Supine'],
  sides: ['left', 'right', 'bilateral'],
  levelHint: 'Femoral crease, above the profunda take-off',
  guidance: { primary: 'ultrasound', alternatives: [] },
  probe: {
    type: 'linear',
    alternatives: [],
    frequencyMHz: unknown('MHz', GENERAL_LINEAR_MHZ_NOTE),
    views: [{ name: 'Transverse femoral crease view', description: 'Transverse at the femoral crease, above the take-off of the deep femoral (profunda) artery.' }],
  },
  approaches: [{ id: 'lateral-in-plane', name: 'In plane, lateral to medial', summary: 'Needle from lateral under the fascia iliaca to the nerve.', guidance: ['ultrasound'], primary: true }],
  structures: [
    { id: 'femoral-nerve', name: 'Femoral nerve (under the fascia iliaca)', aliases: ['femoral nerve'], role: 'target', why: 'Target: next to the nerve (lateral to the artery, a bright triangle/oval), under the fascia iliaca.' },
    { id: 'fascia-iliaca', name: 'Fascia iliaca', role: 'landmark', why: 'The needle tip must be deep to it.' },
    { id: 'fascia-lata', name: 'Fascia lata', role: 'landmark', why: 'Superficial fascial layer.' },
    { id: 'iliopsoas', name: 'Iliopsoas', role: 'landmark', why: 'Muscle bed under the nerve.' },
    { id: 'femoral-artery', name: 'Femoral artery', role: 'at-risk', why: 'Arterial puncture, intravascular injection.' },
    { id: 'femoral-vein', name: 'Femoral vein (medial)', aliases: ['femoral vein'], role: 'at-risk', why: 'Venous puncture, intravascular injection.' },
    { id: 'femoral-nerve-intraneural', name: 'Femoral nerve (intraneural)', role: 'at-risk', why: 'Injection into the nerve.' },
  ],
  targetDescription: 'Next to the femoral nerve, under the fascia iliaca.',
  endpoint: null,
  needle: {
    type: null,
    gaugeG: range(22, 22, 'G', ['S14']),
    lengthMm: range(50, 100, 'mm', ['S14']),
    approach: 'in-plane',
    direction: 'lateral to medial',
  },
  volumeMl: range(10, 15, 'mL', ['S14'], { note: 'Older text: 10–20 mL.' }),
  depthMm: range(20, 40, 'mm', ['S14'], { note: '2–4 cm.' }),
  complications: [
    { name: 'Femoral artery / vein puncture', ratePercent: null, sourceIds: ['S14'] },
    { name: 'Intraneural injection', ratePercent: null, sourceIds: ['S14'] },
    { name: 'Quadriceps weakness (falls)', ratePercent: null, sourceIds: ['S14'] },
  ],
  documentation: ['Falls-prevention advice given'],
  cautions: ['Quadriceps weakness: risk of falls.'],
  sources: sources('S2', 'S14'),
};
