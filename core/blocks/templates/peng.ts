import type { BlockTemplateInput } from '../schema';
import { range, sources, unknown } from '../sources';

/** blocks.md §1.10 PENG (pericapsular nerve group) block [S15]. */
export const peng: BlockTemplateInput = {
  id: 'peng',
  name: 'PENG block (pericapsular nerve group)',
  nomenclature: { standardName: 'Pericapsular nerve group (PENG) block', consensus: 'asra-esra-2024-limb', wordingUncertain: true, note: 'The ASRA-ESRA limb-nomenclature wording was not retrieved [?]. NYSORA also calls it "hip block".' },
  aliases: ['PENG', 'pericapsular nerve group block', 'hip block'],
  category: 'lower-limb',
  indications: ['Hip fracture', 'Total hip arthroplasty', 'Acetabular fracture', 'Chronic hip pain'],
  positions: ['Supine'],
  sides: ['left', 'right', 'bilateral'],
  levelHint: null,
  guidance: { primary: 'ultrasound', alternatives: [] },
  probe: {
    type: 'curvilinear',
    alternatives: [{ type: 'linear', when: 'possible' }],
    frequencyMHz: unknown('MHz', 'The sources give no range (a low-frequency curvilinear probe is the general default).'),
    views: [{ name: 'Transverse-oblique pelvic rim view', description: 'Parallel to the inguinal ligament: start over the femoral head, then slide cranially onto the pelvic rim (AIIS and iliopubic eminence).' }],
  },
  approaches: [{ id: 'lateral-in-plane', name: 'In plane, lateral to medial', summary: 'Needle from lateral until it touches bone under the psoas tendon.', guidance: ['ultrasound'], primary: true }],
  structures: [
    { id: 'psoas-tendon-bone-plane', name: 'Plane between psoas tendon and pubic ramus', aliases: ['PENG target'], role: 'target', why: 'Target: between the psoas tendon and the bone, between AIIS and iliopubic eminence; reaches the articular branches of the femoral, obturator and accessory obturator nerves.' },
    { id: 'aiis', name: 'Anterior inferior iliac spine', aliases: ['AIIS'], role: 'landmark', why: 'Lateral bony landmark of the target window.' },
    { id: 'iliopubic-eminence', name: 'Iliopubic eminence', role: 'landmark', why: 'Medial bony landmark of the target window.' },
    { id: 'psoas-tendon', name: 'Psoas tendon', role: 'landmark', why: 'The injection lifts it off the bone.' },
    { id: 'iliopsoas', name: 'Iliopsoas', role: 'landmark', why: 'Muscle over the target.' },
    { id: 'femoral-head', name: 'Femoral head', role: 'landmark', why: 'Starting view before sliding cranially.' },
    { id: 'pectineus', name: 'Pectineus', role: 'landmark', why: 'Medial muscle landmark.' },
    { id: 'femoral-nerve', name: 'Femoral nerve', role: 'at-risk', why: 'Superficial to the target: use a steep path to avoid it.' },
    { id: 'femoral-artery', name: 'Femoral artery', role: 'at-risk', why: 'Superficial to the target: arterial puncture.' },
  ],
  targetDescription: 'The plane between the psoas tendon and the pubic ramus, between the AIIS and the iliopubic eminence.',
  endpoint: 'The needle touches bone; the injection lifts the psoas tendon.',
  needle: {
    type: null,
    gaugeG: range(20, 22, 'G', ['S15']),
    lengthMm: range(80, 100, 'mm', ['S15']),
    approach: 'in-plane',
    direction: 'lateral to medial, until the needle touches bone',
  },
  volumeMl: range(10, 15, 'mL', ['S15'], { note: 'NYSORA; ~20 mL in the original description [?].' }),
  depthMm: unknown('mm', 'No figure in the sources [?].'),
  complications: [
    { name: 'Femoral nerve or artery injury', ratePercent: null, sourceIds: ['S15'] },
    { name: 'Spread into muscle', ratePercent: null, sourceIds: ['S15'] },
  ],
  documentation: [],
  cautions: ['Intended to spare motor function.', 'The posterior capsule (sciatic supply) is not covered.'],
  sources: sources('S15'),
};
