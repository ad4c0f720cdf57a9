import type { BlockTemplateInput } from '../schema';
import { GENERAL_LINEAR_MHZ_NOTE, range, sources, unknown } from '../sources';

/** blocks.md §1.5 Transversus abdominis plane (TAP) block [S1, S10]. */
export const transversusAbdominisPlane: BlockTemplateInput = {
  id: 'transversus-abdominis-plane',
  name: 'Transversus abdominis plane (TAP) block',
  nomenclature: {
    standardName: 'Transversus abdominis plane block',
    consensus: 'asra-esra-2021-trunk',
    wordingUncertain: false,
    note: 'ASRA-ESRA also names subcostal and mid-axillary (lateral) approaches; related blocks: rectus sheath, ilioinguinal-iliohypogastric.',
  },
  aliases: ['TAP', 'TAP block', 'TAPB'],
  category: 'abdominal-wall',
  indications: ['Somatic analgesia of the abdominal wall: laparotomy, laparoscopy, appendicectomy, caesarean, hernia (not reliable for visceral pain)'],
  positions: ['Supine'],
  sides: ['left', 'right', 'bilateral'],
  levelHint: 'Mid-axillary approach: T10–T12; subcostal: T6–T9 [S10]',
  guidance: { primary: 'ultrasound', alternatives: [] },
  probe: {
    type: 'linear',
    alternatives: [{ type: 'curvilinear', when: 'obese patients' }],
    frequencyMHz: unknown('MHz', GENERAL_LINEAR_MHZ_NOTE),
    views: [
      { name: 'Mid-axillary transverse view', description: 'Transverse at the anterior/mid-axillary line between costal margin and iliac crest; covers T10–T12 (infra-umbilical) [S10].' },
      { name: 'Subcostal view', description: 'Along the costal margin (subcostal approach); covers T6–T9 (upper abdominal wall) [S10].' },
    ],
  },
  approaches: [
    { id: 'mid-axillary', name: 'Mid-axillary (lateral)', summary: 'Transverse probe between costal margin and iliac crest; needle in plane anteromedial to posterolateral. Covers T10–T12 (infra-umbilical wall) [S10].', guidance: ['ultrasound'], primary: true },
    { id: 'subcostal', name: 'Subcostal', summary: 'Probe along the costal margin, near the rectus and linea semilunaris. Covers T6–T9 (upper abdominal wall) [S10].', guidance: ['ultrasound'], primary: false },
  ],
  structures: [
    { id: 'tap-plane', name: 'Plane between internal oblique and transversus abdominis', aliases: ['TAP plane'], role: 'target', why: 'Target: the plane carrying the thoracolumbar nerves (T6–L1 overall); one injection covers only part of them: T10–T12 mid-axillary, T6–T9 subcostal [S10].' },
    { id: 'external-oblique', name: 'External oblique', aliases: ['EO'], role: 'landmark', why: 'Most superficial of the three muscle layers.' },
    { id: 'internal-oblique', name: 'Internal oblique', aliases: ['IO'], role: 'landmark', why: 'The target plane lies deep to it.' },
    { id: 'transversus-abdominis', name: 'Transversus abdominis', aliases: ['TA'], role: 'landmark', why: 'The target plane lies superficial to it.' },
    { id: 'transversalis-fascia', name: 'Transversalis fascia', role: 'landmark', why: 'Deep boundary of transversus abdominis, above the peritoneum.' },
    { id: 'rectus-abdominis', name: 'Rectus abdominis / linea semilunaris', role: 'landmark', why: 'Subcostal approach landmark.' },
    { id: 'peritoneum', name: 'Peritoneum / bowel', aliases: ['bowel', 'peristalsis'], role: 'at-risk', why: 'Peritoneal puncture and bowel injury.' },
    { id: 'liver', name: 'Liver (right side)', role: 'at-risk', why: 'Organ puncture.' },
    { id: 'spleen', name: 'Spleen (left side)', role: 'at-risk', why: 'Organ puncture.' },
    { id: 'femoral-nerve', name: 'Femoral nerve', role: 'at-risk', why: 'LA tracking down causes quadriceps weakness.' },
  ],
  targetDescription: 'The plane between internal oblique and transversus abdominis. The mid-axillary approach covers T10–T12, the subcostal T6–T9 [S10].',
  endpoint: null,
  needle: {
    type: null,
    gaugeG: range(22, 22, 'G', ['S10']),
    lengthMm: range(50, 100, 'mm', ['S10']),
    approach: 'in-plane',
    direction: 'anteromedial to posterolateral',
  },
  volumeMl: range(15, 30, 'mL', ['S10'], { note: 'Per side (NYSORA: 20–30 mL 0.25% ropivacaine). Ilioinguinal-iliohypogastric ~10 mL; rectus sheath ~10 mL per side.' }),
  depthMm: unknown('mm', 'No figure in the sources [?].'),
  complications: [
    { name: 'Peritoneal puncture / bowel injury', ratePercent: null, sourceIds: ['S10'] },
    { name: 'Liver or spleen injury', ratePercent: null, sourceIds: ['S10'] },
    { name: 'Quadriceps weakness (femoral nerve spread)', ratePercent: null, sourceIds: ['S10'] },
    { name: 'LAST', ratePercent: null, note: 'Bilateral large volumes.', sourceIds: ['S10'] },
  ],
  documentation: [],
  cautions: ['Does not reliably cover visceral pain.', 'Bilateral large volumes: check the total LA dose (LAST).'],
  sources: sources('S1', 'S10'),
};
