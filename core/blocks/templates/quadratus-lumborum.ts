import type { BlockTemplateInput, StructureInput as Structure } from '../schema';
import { range, sources, unknown } from '../sources';

/**
 * blocks.md §1.6 Quadratus lumborum blocks [S1, S11].
 *
 * Three templates, not one with approaches: ASRA-ESRA names anterior, lateral and posterior QL as
 * distinct blocks (replacing QL3/QL1/QL2) with different target planes, so each has its own target
 * structure and needle path. A case's `block.templateId` then names the block fully, and searching
 * "QL" or "quadratus lumborum" finds all three.
 */

const shared = {
  category: 'abdominal-wall' as const,
  indications: ['Nephrectomy', 'Colectomy', 'Caesarean', 'Hip surgery', 'Iliac crest graft'],
  positions: ['Lateral', 'Supine with a wedge', 'Sitting'],
  sides: ['left', 'right', 'bilateral'] as ('left' | 'right' | 'bilateral')[],
  levelHint: 'Flank above the iliac crest (anterior QL: L3–L4) [S11]',
  guidance: { primary: 'ultrasound' as const, alternatives: [] },
};

const landmarks: Structure[] = [
    { id: 'external-oblique', name: 'External oblique', aliases: ['EO'], role: 'landmark', why: 'Followed posteriorly to the transversus aponeurosis.' },
    { id: 'internal-oblique', name: 'Internal oblique', aliases: ['IO'], role: 'landmark', why: 'Followed posteriorly to the transversus aponeurosis.' },
    { id: 'transversus-abdominis', name: 'Transversus abdominis and its aponeurosis', aliases: ['TA'], role: 'landmark', why: 'Its aponeurosis leads to the lateral border of QL.' },
    { id: 'quadratus-lumborum', name: 'Quadratus lumborum', aliases: ['QL'], role: 'landmark', why: 'The muscle the three blocks are named around.' },
    { id: 'psoas-major', name: 'Psoas major', role: 'landmark', why: 'Anterior QL: the target plane lies between QL and psoas.' },
    { id: 'erector-spinae', name: 'Erector spinae', role: 'landmark', why: 'A leaf of the shamrock view.' },
    { id: 'latissimus-dorsi', name: 'Latissimus dorsi', role: 'landmark', why: 'Posterolateral muscle layer.' },
    { id: 'thoracolumbar-fascia', name: 'Thoracolumbar fascia', role: 'landmark', why: 'Posterior QL: injection against it, behind QL.' },
    { id: 'transverse-process', name: 'Transverse process', aliases: ['TP'], role: 'landmark', why: 'The stem of the shamrock view.' },
    { id: 'vertebral-body', name: 'Vertebral body', role: 'landmark', why: 'Medial bony landmark.' },
];

const atRisk: Structure[] = [
    { id: 'kidney', name: 'Kidney', role: 'at-risk', why: 'Organ puncture.' },
    { id: 'peritoneum', name: 'Peritoneum / bowel', aliases: ['bowel'], role: 'at-risk', why: 'Peritoneal puncture, bowel injury.' },
    { id: 'liver-spleen', name: 'Liver / spleen', aliases: ['liver', 'spleen'], role: 'at-risk', why: 'Organ puncture.' },
    { id: 'lumbar-vessels', name: 'Lumbar vessels', role: 'at-risk', why: 'Bleeding, haematoma.' },
    { id: 'lumbar-plexus', name: 'Lumbar plexus', role: 'at-risk', why: 'Hip-flexor or quadriceps weakness, falls.' },
    { id: 'epidural-paravertebral-space', name: 'Epidural / paravertebral space', role: 'at-risk', why: 'Spread causes hypotension.' },
];

const sharedData = {
  probe: {
    type: 'curvilinear' as const,
    alternatives: [],
    frequencyMHz: unknown('MHz', 'Low frequency; the sources give no range (a low-frequency curvilinear probe is the general default).'),
    views: [
      { name: 'Transverse flank view', description: 'Transverse on the flank above the iliac crest: follow EO, IO and TA to the transversus aponeurosis, then to QL.' },
      { name: 'Shamrock view (anterior QL)', description: 'At L3–L4: TP as the stem, erector spinae, QL and psoas as the leaves [S11].' },
    ],
  },
  volumeMl: range(20, 30, 'mL', ['S11'], { note: '~20–30 mL per side.' }),
  depthMm: unknown('mm', 'No figure in the sources [?].'),
  complications: [
    { name: 'Motor weakness', ratePercent: null, note: 'One case lasted 18 h after a lateral QL with 20 mL.', sourceIds: ['S11'] },
    { name: 'Hypotension', ratePercent: null, sourceIds: ['S11'] },
    { name: 'LAST', ratePercent: null, sourceIds: ['S11'] },
    { name: 'Bleeding', ratePercent: null, sourceIds: ['S11'] },
  ],
  cautions: ['Motor weakness can cause falls: assess before mobilising.'],
};

const needleBase = {
  type: null,
  gaugeG: range(22, 22, 'G', ['S11']),
  lengthMm: range(80, 150, 'mm', ['S11']),
  approach: 'in-plane' as const,
};

function structures(target: Structure): Structure[] {
  return [target, ...landmarks, ...atRisk];
}

export const quadratusLumborumAnterior: BlockTemplateInput = {
  id: 'quadratus-lumborum-anterior',
  name: 'Anterior quadratus lumborum block',
  nomenclature: { standardName: 'Anterior quadratus lumborum block', consensus: 'asra-esra-2021-trunk', wordingUncertain: false, note: 'Replaces "transmuscular" / QL3 [S1].' },
  aliases: ['QL', 'QL3', 'transmuscular QL', 'transmuscular quadratus lumborum block', 'anterior QL', 'quadratus lumborum'],
  ...shared,
  ...sharedData,
  approaches: [{ id: 'shamrock-transmuscular', name: 'Shamrock view, in plane posterior to anterior', summary: 'Needle through QL to the QL–psoas plane.', guidance: ['ultrasound'], primary: true }],
  structures: structures({ id: 'ql-psoas-plane', name: 'Plane between QL and psoas major', role: 'target', why: 'Target of the anterior QL block (QL–psoas plane).' }),
  targetDescription: 'Between quadratus lumborum and psoas major.',
  endpoint: null,
  needle: { ...needleBase, direction: 'posterior to anterior' },
  sources: sources('S1', 'S11'),
};

export const quadratusLumborumLateral: BlockTemplateInput = {
  id: 'quadratus-lumborum-lateral',
  name: 'Lateral quadratus lumborum block',
  nomenclature: { standardName: 'Lateral quadratus lumborum block', consensus: 'asra-esra-2021-trunk', wordingUncertain: true, note: 'Replaces QL1. Exact consensus wording only partly retrieved [?] [S1].' },
  aliases: ['QL', 'QL1', 'lateral QL', 'quadratus lumborum'],
  ...shared,
  ...sharedData,
  approaches: [{ id: 'transverse-flank', name: 'Transverse flank view, in plane', summary: 'Needle tip at the lateral border of QL, deep to the transversus aponeurosis.', guidance: ['ultrasound'], primary: true }],
  structures: structures({ id: 'ql-lateral-border', name: 'Lateral border of QL, deep to the transversus aponeurosis', role: 'target', why: 'Target of the lateral QL block.' }),
  targetDescription: 'At the lateral border of quadratus lumborum, deep to the transversus aponeurosis.',
  endpoint: null,
  needle: { ...needleBase, direction: null },
  sources: sources('S1', 'S11'),
};

export const quadratusLumborumPosterior: BlockTemplateInput = {
  id: 'quadratus-lumborum-posterior',
  name: 'Posterior quadratus lumborum block',
  nomenclature: { standardName: 'Posterior quadratus lumborum block', consensus: 'asra-esra-2021-trunk', wordingUncertain: true, note: 'Replaces QL2. Exact consensus wording only partly retrieved [?] [S1].' },
  aliases: ['QL', 'QL2', 'posterior QL', 'quadratus lumborum'],
  ...shared,
  ...sharedData,
  approaches: [{ id: 'transverse-flank', name: 'Transverse flank view, in plane', summary: 'Needle tip behind QL, against the thoracolumbar fascia.', guidance: ['ultrasound'], primary: true }],
  structures: structures({ id: 'ql-posterior-plane', name: 'Behind QL, against the thoracolumbar fascia', role: 'target', why: 'Target of the posterior QL block.' }),
  targetDescription: 'Behind quadratus lumborum, against the thoracolumbar fascia.',
  endpoint: null,
  needle: { ...needleBase, direction: null },
  sources: sources('S1', 'S11'),
};
