import type { BlockTemplateInput } from '../schema';
import { range, sources, unknown } from '../sources';

/** blocks.md §1.12 Genicular nerve block [S17]. */
export const genicular: BlockTemplateInput = {
  id: 'genicular',
  name: 'Genicular nerve block',
  nomenclature: { standardName: 'Genicular nerve block', consensus: 'asra-esra-2024-limb', wordingUncertain: true, note: 'The ASRA-ESRA limb-nomenclature wording was not retrieved [?]. Often done before genicular RF ablation.' },
  aliases: ['GNB', 'genicular block', 'genicular nerves'],
  category: 'chronic-pain',
  indications: ['Chronic knee pain (OA, after TKA)', 'Diagnostic block before RF ablation', 'TKA analgesia'],
  positions: ['Supine, knee slightly bent'],
  sides: ['left', 'right', 'bilateral'],
  levelHint: 'Site: superomedial, superolateral, inferomedial',
  guidance: { primary: 'ultrasound', alternatives: ['fluoroscopy'] },
  probe: {
    type: 'linear',
    alternatives: [],
    frequencyMHz: range(8, 13, 'MHz', ['S17']),
    views: [{ name: 'Longitudinal view at each site', description: 'Longitudinal over the shaft–condyle (or tibial) junction; find the genicular artery with Doppler.' }],
  },
  approaches: [
    { id: 'superomedial', name: 'Superomedial', summary: 'Medial femur where shaft meets condyle (near the adductor tubercle).', guidance: ['ultrasound'], primary: true },
    { id: 'superolateral', name: 'Superolateral', summary: 'The same junction on the lateral femur.', guidance: ['ultrasound'], primary: false },
    { id: 'inferomedial', name: 'Inferomedial', summary: 'Medial tibia, ~3 cm medial to the tibial tuberosity [S17].', guidance: ['ultrasound'], primary: false },
  ],
  structures: [
    { id: 'bone-next-to-genicular-artery', name: 'Bone surface next to the genicular artery', aliases: ['genicular nerve'], role: 'target', why: 'Target at each site: the bone surface next to the genicular artery.' },
    { id: 'femoral-shaft-condyle-junction', name: 'Femoral shaft–condyle junction', aliases: ['adductor tubercle'], role: 'landmark', why: 'Superomedial and superolateral sites.' },
    { id: 'tibial-shaft-condyle-junction', name: 'Medial tibial shaft–condyle junction', role: 'landmark', why: 'Inferomedial site (~3 cm medial to the tibial tuberosity) [S17].' },
    { id: 'genicular-artery', name: 'Genicular artery', role: 'at-risk', why: 'Marks the nerve; arterial puncture / intravascular injection.' },
    { id: 'common-peroneal-nerve', name: 'Common peroneal nerve', aliases: ['common fibular nerve'], role: 'at-risk', why: 'Near the inferolateral genicular nerve: that site is usually avoided.' },
    { id: 'knee-joint', name: 'Knee joint', role: 'at-risk', why: 'Spread into the joint.' },
  ],
  targetDescription: 'The bone surface next to the genicular artery at each site.',
  endpoint: null,
  needle: {
    type: null,
    gaugeG: range(22, 25, 'G', ['S17'], { uncertain: true, note: '22–25G [?].' }),
    lengthMm: unknown('mm', 'Not given by the sources.'),
    approach: 'in-plane-or-out-of-plane',
    direction: null,
  },
  volumeMl: range(3, 5, 'mL', ['S17'], { note: 'Per site (NYSORA 4–5 mL).' }),
  injectionSites: 3,
  depthMm: unknown('mm', 'Superficial [?]; no figure in the sources.'),
  complications: [
    { name: 'Genicular artery puncture', ratePercent: null, sourceIds: ['S17'] },
    { name: 'Common peroneal nerve block or injury', ratePercent: null, sourceIds: ['S17'] },
    { name: 'Spread into the joint', ratePercent: null, sourceIds: ['S17'] },
  ],
  documentation: ['Sites injected and volume per site'],
  cautions: ['The inferolateral site is usually avoided (common peroneal nerve).'],
  sources: sources('S17'),
};
