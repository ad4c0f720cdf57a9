import type { BlockTemplateInput } from '../schema';
import { range, sources, typical } from '../sources';

/** blocks.md §1.1 Thoracic paravertebral block [S1, S3–S6]. */
export const thoracicParavertebral: BlockTemplateInput = {
  id: 'thoracic-paravertebral',
  name: 'Thoracic paravertebral block',
  nomenclature: {
    standardName: 'Paravertebral block',
    consensus: 'asra-esra-2021-trunk',
    wordingUncertain: false,
    note: 'ASRA-ESRA paraspinal group (with erector spinae plane, retrolaminar and intertransverse process blocks).',
  },
  aliases: ['TPVB', 'PVB', 'paravertebral block', 'thoracic paravertebral'],
  category: 'paraspinal',
  indications: [
    'Breast surgery',
    'Thoracotomy / VATS',
    'Rib fractures',
    'Herniorrhaphy',
    'Unilateral acute or chronic chest or abdominal pain',
  ],
  positions: ['Sitting', 'Lateral', 'Prone'],
  sides: ['left', 'right', 'bilateral'],
  levelHint: 'Thoracic level, T1–T12 [S3]',
  guidance: { primary: 'ultrasound', alternatives: ['landmark'] },
  probe: {
    type: 'linear',
    alternatives: [{ type: 'curvilinear', when: 'if deep (not confirmed by the sources [?])' }],
    frequencyMHz: range(6, 13, 'MHz', ['S3', 'S5'], { note: 'Approximate (~6–13 MHz), high-frequency linear.' }),
    views: [
      { name: 'Transverse intercostal view', description: 'Transverse view at the tip of the transverse process; needle in plane, lateral to medial.' },
      { name: 'Parasagittal paramedian view', description: 'Parasagittal view between two transverse processes; needle in plane, caudal to cranial.' },
    ],
  },
  approaches: [
    { id: 'transverse-intercostal', name: 'Transverse intercostal, in plane lateral to medial', summary: 'Probe transverse at the TP tip; needle in plane from lateral.', guidance: ['ultrasound'], primary: true },
    { id: 'parasagittal', name: 'Parasagittal paramedian, in plane caudal to cranial', summary: 'Probe parasagittal between TPs; needle in plane from caudal.', guidance: ['ultrasound'], primary: false },
  ],
  structures: [
    { id: 'paravertebral-space', name: 'Paravertebral space', aliases: ['PVS', 'wedge'], role: 'target', why: 'Target: the wedge deep to the SCTL / internal intercostal membrane and superficial to the pleura. Endpoint: the pleura is pushed anteriorly as LA is injected.' },
    { id: 'spinous-process', name: 'Spinous process', role: 'landmark', why: 'Midline reference for the level and the paramedian distance.' },
    { id: 'lamina', name: 'Lamina', role: 'landmark', why: 'Bony landmark medial to the transverse process.' },
    { id: 'transverse-process', name: 'Transverse process', aliases: ['TP'], role: 'landmark', why: 'The space lies ~1–2 cm beyond the TP [S6]; the transverse view is taken at its tip.' },
    { id: 'rib', name: 'Rib', role: 'landmark', why: 'Distinguishes the intercostal window from the TP.' },
    { id: 'superior-costotransverse-ligament', name: 'Superior costotransverse ligament / internal intercostal membrane', aliases: ['SCTL', 'internal intercostal membrane'], role: 'landmark', why: 'The needle tip goes just deep to it.' },
    { id: 'parietal-pleura', name: 'Parietal pleura / lung', aliases: ['pleura', 'lung'], role: 'at-risk', why: 'Pleural puncture and pneumothorax (PTX).' },
    { id: 'intercostal-vessels', name: 'Intercostal and segmental vessels', aliases: ['intercostal vessels', 'segmental vessels'], role: 'at-risk', why: 'Vascular puncture (the most frequent complication), haematoma, intravascular injection.' },
    { id: 'intervertebral-foramen', name: 'Intervertebral foramen', role: 'at-risk', why: 'Medial needle placement risks epidural or intrathecal spread.' },
    { id: 'sympathetic-chain', name: 'Sympathetic chain', role: 'at-risk', why: 'Hypotension; Horner syndrome at high levels.' },
  ],
  targetDescription: 'Paravertebral space, deep to the superior costotransverse ligament and superficial to the pleura.',
  endpoint: 'The pleura is pushed forward (anteriorly) when LA is injected.',
  needle: {
    type: '22G Tuohy or short-bevel (16–18G Tuohy for a catheter) [S3, S5]',
    gaugeG: range(22, 22, 'G', ['S3', 'S5'], { note: '16–18G Tuohy for a catheter.' }),
    lengthMm: range(50, 100, 'mm', ['S3', 'S5'], { typical: 79, note: 'e.g. 79 mm.' }),
    approach: 'in-plane',
    direction: 'lateral to medial (transverse view) or caudal to cranial (parasagittal view)',
  },
  volumeMl: range(15, 20, 'mL', ['S3', 'S5'], { note: 'At one level; or ~5 mL per level for multilevel injections.' }),
  depthMm: typical(55, 'mm', ['S6'], {
    note: 'Median skin-to-space depth in a landmark series (secondary source); deeper at T1–3 and T9–12; increases with BMI. The space is ~1–2 cm beyond the TP.',
  }),
  complications: [
    { name: 'Vascular puncture', ratePercent: 6.8, note: 'Landmark series, n=662. Roughly doubled with bilateral blocks.', sourceIds: ['S4'] },
    { name: 'Hypotension', ratePercent: 4.0, note: 'Landmark series, n=662.', sourceIds: ['S4'] },
    { name: 'Haematoma', ratePercent: 2.4, note: 'Landmark series, n=662.', sourceIds: ['S4'] },
    { name: 'Epidural or intrathecal spread (signs)', ratePercent: 1.0, note: 'Landmark series, n=662.', sourceIds: ['S4'] },
    { name: 'Pleural puncture', ratePercent: 0.8, note: 'Landmark series, n=662. About eightfold higher with bilateral blocks.', sourceIds: ['S4'] },
    { name: 'Pneumothorax', ratePercent: 0.5, note: 'Landmark series, n=662. About eightfold higher with bilateral blocks.', sourceIds: ['S4'] },
    { name: 'Any complication (US transverse in-plane series)', ratePercent: 0.7, note: 'Total reported in one ultrasound-guided transverse in-plane series.', sourceIds: ['S4'] },
  ],
  documentation: ['Level(s) and side', 'Number of levels injected and volume per level'],
  cautions: ['Bilateral blocks roughly double vascular puncture and raise pleural puncture / PTX about eightfold.'],
  sources: sources('S1', 'S3', 'S4', 'S5', 'S6'),
};
