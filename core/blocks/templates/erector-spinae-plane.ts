import type { BlockTemplateInput } from '../schema';
import { GENERAL_LINEAR_MHZ_NOTE, range, sources, unknown } from '../sources';

/** blocks.md §1.4 Erector spinae plane block [S1, S9]. */
export const erectorSpinaePlane: BlockTemplateInput = {
  id: 'erector-spinae-plane',
  name: 'Erector spinae plane block',
  nomenclature: {
    standardName: 'Erector spinae plane block',
    consensus: 'asra-esra-2021-trunk',
    wordingUncertain: false,
    note: 'ASRA-ESRA paraspinal group: the plane deep to erector spinae, at the transverse process.',
  },
  aliases: ['ESP', 'ESPB', 'ESP block', 'erector spinae block'],
  category: 'paraspinal',
  indications: ['Rib fractures', 'Breast, thoracic, spine and abdominal surgery', 'Chronic pain'],
  positions: ['Sitting', 'Prone', 'Lateral'],
  sides: ['left', 'right', 'bilateral'],
  levelHint: 'Thoracic or lumbar level of the transverse process',
  guidance: { primary: 'ultrasound', alternatives: [] },
  probe: {
    type: 'linear',
    alternatives: [{ type: 'curvilinear', when: 'lumbar or deep levels' }],
    frequencyMHz: unknown('MHz', GENERAL_LINEAR_MHZ_NOTE),
    views: [{ name: 'Parasagittal view', description: 'Parasagittal, ~2–3 cm from the midline, over the tips of the transverse processes [S9].' }],
  },
  approaches: [
    { id: 'parasagittal-in-plane', name: 'Parasagittal in plane', summary: 'Needle in plane cranial to caudal (either direction is used) onto the TP tip.', guidance: ['ultrasound'], primary: true },
  ],
  structures: [
    { id: 'erector-spinae-plane', name: 'Plane deep to erector spinae on the TP tip', aliases: ['ESP plane'], role: 'target', why: 'Target: the plane deep to erector spinae on the tip of the TP. Endpoint: LA spreads up and down, lifting the muscle off the TP.' },
    { id: 'trapezius', name: 'Trapezius', role: 'landmark', why: 'Most superficial muscle layer.' },
    { id: 'rhomboid-major', name: 'Rhomboid major', role: 'landmark', why: 'Present above ~T5–T7, between trapezius and erector spinae [S9].' },
    { id: 'erector-spinae', name: 'Erector spinae muscle', role: 'landmark', why: 'The target plane lies deep to it.' },
    { id: 'transverse-process', name: 'Transverse process', aliases: ['TP'], role: 'landmark', why: 'Flat and square (unlike a rib, which is round with pleura deep to it): the needle tip stops on it.' },
    { id: 'rib', name: 'Rib', role: 'landmark', why: 'Round, with pleura visible deep to it: scanning too lateral.' },
    { id: 'pleura', name: 'Pleura', aliases: ['lung', 'parietal pleura'], role: 'at-risk', why: 'Pneumothorax if the needle strays lateral to or between the TPs.' },
    { id: 'vessels', name: 'Vessels', role: 'at-risk', why: 'Haematoma, intravascular injection.' },
    { id: 'neuraxis', name: 'Neuraxis (epidural / intrathecal space)', role: 'at-risk', why: 'Neuraxial spread.' },
  ],
  targetDescription: 'The plane deep to erector spinae, on the tip of the transverse process.',
  endpoint: 'LA spreads up and down, lifting the muscle off the TP.',
  needle: {
    type: 'Short bevel',
    gaugeG: range(22, 22, 'G', ['S9']),
    lengthMm: range(50, 100, 'mm', ['S9'], { note: '5–10 cm.' }),
    approach: 'in-plane',
    direction: 'cranial to caudal (either direction is used)',
  },
  volumeMl: range(20, 30, 'mL', ['S9'], { note: 'Up to 40 mL reported.' }),
  depthMm: unknown('mm', 'No figure found [?].'),
  complications: [
    { name: 'Pneumothorax', ratePercent: null, note: 'Rare.', sourceIds: ['S9'] },
    { name: 'LAST', ratePercent: null, note: 'Bilateral volumes.', sourceIds: ['S9'] },
    { name: 'Hypotension', ratePercent: null, sourceIds: ['S9'] },
    { name: 'Haematoma', ratePercent: null, sourceIds: ['S9'] },
    { name: 'Motor weakness', ratePercent: null, note: 'Lumbar injections.', sourceIds: ['S9'] },
  ],
  documentation: ['Levels covered'],
  cautions: ['Bilateral blocks: check the total LA dose (LAST).'],
  sources: sources('S1', 'S9'),
};
