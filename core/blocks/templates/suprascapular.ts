import type { BlockTemplateInput } from '../schema';
import { range, sources, typical, unknown } from '../sources';

/**
 * blocks.md §1.13 Suprascapular nerve block [S2, S18].
 *
 * Two templates: ASRA-ESRA 2024 names the anterior and posterior approaches separately, and they
 * differ in position, target, depth and at-risk structures.
 */

const indications = [
  'Shoulder surgery (often with an axillary nerve block)',
  'Frozen shoulder',
  'Rotator cuff disease',
  'Glenohumeral arthritis',
  'Diagnosis of suprascapular neuropathy',
];

const volumeMl = range(5, 10, 'mL', ['S18'], { uncertain: true, note: '~5–10 mL [?]; the anterior approach describes ~5 mL.' });

/** Pneumothorax ~1% [?] [S18], with either approach: the pleura at risk and the complication. */
const pleura: BlockTemplateInput['structures'][number] = { id: 'pleura', name: 'Pleura', role: 'at-risk', why: 'Pneumothorax (~1% [?]) [S18].', uncertain: true };
const pneumothorax: BlockTemplateInput['complications'][number] = { name: 'Pneumothorax', ratePercent: 1, uncertain: true, note: '~1% [?].', sourceIds: ['S18'] };
const vesselPuncture: BlockTemplateInput['complications'][number] = { name: 'Suprascapular vessel puncture', ratePercent: null, sourceIds: ['S18'] };

/** Both approaches: neither source gives a needle type, gauge or length; in plane (blocks.md §1.13 states it for the posterior approach). */
const needle: BlockTemplateInput['needle'] = {
  type: null,
  gaugeG: unknown('G', 'Not given by the sources.'),
  lengthMm: unknown('mm', 'Not given by the sources.'),
  approach: 'in-plane',
  direction: null,
};

export const suprascapularAnterior: BlockTemplateInput = {
  id: 'suprascapular-anterior',
  name: 'Suprascapular nerve block, anterior approach',
  nomenclature: {
    standardName: 'Suprascapular nerve block (anterior approach)',
    consensus: 'asra-esra-2024-limb',
    wordingUncertain: false,
    note: 'ASRA-ESRA 2024: the nerve leaving the superior trunk, under the posterior belly of omohyoid [S2].',
  },
  aliases: ['SSNB', 'anterior suprascapular', 'suprascapular nerve block', 'suprascapular'],
  category: 'upper-limb',
  indications,
  positions: ['Supine'],
  sides: ['left', 'right'],
  levelHint: null,
  guidance: { primary: 'ultrasound', alternatives: [] },
  probe: {
    type: 'linear',
    alternatives: [],
    frequencyMHz: unknown('MHz', 'No frequency given for the anterior approach; a high-frequency linear probe is the general default (no sourced range).'),
    views: [{ name: 'Supraclavicular fossa view', description: 'Trace C5/C6 to the superior trunk, then the nerve as it branches off posterolaterally under omohyoid [S18].' }],
  },
  approaches: [{ id: 'anterior', name: 'Anterior (supraclavicular fossa)', summary: 'Nerve under the posterior belly of omohyoid as it leaves the superior trunk.', guidance: ['ultrasound'], primary: true }],
  structures: [
    { id: 'suprascapular-nerve', name: 'Suprascapular nerve under omohyoid', aliases: ['suprascapular nerve'], role: 'target', why: 'Target: the nerve branching off the superior trunk posterolaterally, under the posterior belly of omohyoid [S2].' },
    { id: 'superior-trunk', name: 'Superior trunk (C5/C6)', aliases: ['C5', 'C6'], role: 'landmark', why: 'Traced to find the nerve.' },
    { id: 'omohyoid', name: 'Omohyoid (posterior belly)', role: 'landmark', why: 'The nerve runs under it.' },
    { id: 'suprascapular-vessels', name: 'Suprascapular vessels', role: 'at-risk', why: 'Vascular puncture.' },
    { id: 'phrenic-nerve', name: 'Phrenic nerve', role: 'at-risk', why: 'Hemidiaphragmatic paresis with the anterior approach.' },
    { id: 'brachial-plexus', name: 'Brachial plexus', role: 'at-risk', why: 'Plexus spread with the anterior approach.' },
    pleura,
  ],
  targetDescription: 'The suprascapular nerve leaving the superior trunk, under the posterior belly of omohyoid [S2].',
  endpoint: null,
  needle: { ...needle, note: 'The reference states in-plane for the posterior approach only; in-plane here is a default to confirm.' },
  volumeMl,
  depthMm: typical(12, 'mm', ['S18'], { note: '~12 mm.' }),
  complications: [
    vesselPuncture,
    pneumothorax,
    { name: 'Hemidiaphragmatic paresis / plexus spread', ratePercent: null, note: 'Anterior approach.', sourceIds: ['S18'] },
  ],
  documentation: [],
  cautions: ['Phrenic nerve and plexus spread (HDP) with the anterior approach.'],
  sources: sources('S2', 'S18'),
};

export const suprascapularPosterior: BlockTemplateInput = {
  id: 'suprascapular-posterior',
  name: 'Suprascapular nerve block, posterior approach',
  nomenclature: {
    standardName: 'Suprascapular nerve block (posterior approach)',
    consensus: 'asra-esra-2024-limb',
    wordingUncertain: false,
    note: 'ASRA-ESRA 2024: the nerve in the suprascapular notch or supraspinous fossa [S2].',
  },
  aliases: ['SSNB', 'posterior suprascapular', 'suprascapular nerve block', 'suprascapular'],
  category: 'upper-limb',
  indications,
  positions: ['Sitting', 'Prone'],
  sides: ['left', 'right'],
  levelHint: null,
  guidance: { primary: 'ultrasound', alternatives: [] },
  probe: {
    type: 'linear',
    alternatives: [{ type: 'curvilinear', when: 'if deep' }],
    frequencyMHz: range(7, 14, 'MHz', ['S18']),
    views: [{ name: 'Supraspinous fossa view', description: 'Parallel to the scapular spine, moved up into the supraspinous fossa, then laterally to the notch.' }],
  },
  approaches: [{ id: 'posterior', name: 'Posterior (supraspinous fossa / notch)', summary: 'Nerve in the suprascapular notch or on the floor of the supraspinous fossa; needle in plane.', guidance: ['ultrasound'], primary: true }],
  structures: [
    { id: 'suprascapular-notch', name: 'Suprascapular nerve at the notch / floor of the supraspinous fossa', aliases: ['suprascapular nerve', 'suprascapular notch'], role: 'target', why: 'Target: the nerve in the suprascapular notch or on the floor of the supraspinous fossa.' },
    { id: 'trapezius', name: 'Trapezius', role: 'landmark', why: 'Superficial muscle layer.' },
    { id: 'supraspinatus', name: 'Supraspinatus', role: 'landmark', why: 'The nerve lies deep to it.' },
    { id: 'supraspinous-fossa-floor', name: 'Floor of the supraspinous fossa', role: 'landmark', why: 'Bony floor the needle tip approaches.' },
    { id: 'transverse-scapular-ligament', name: 'Transverse scapular ligament', role: 'landmark', why: 'Roofs the notch.' },
    { id: 'suprascapular-artery', name: 'Suprascapular artery', aliases: ['suprascapular vessels'], role: 'at-risk', why: 'Runs with the nerve: vascular puncture.' },
    pleura,
  ],
  targetDescription: 'The suprascapular nerve in the suprascapular notch or the supraspinous fossa.',
  endpoint: null,
  needle,
  volumeMl,
  depthMm: range(40, 60, 'mm', ['S18'], { uncertain: true, note: '4–6 cm at the notch in one description; another study reported a mean of 38 mm, below that range, so the sources disagree [?]. Measure on the image.' }),
  complications: [
    vesselPuncture,
    pneumothorax,
  ],
  documentation: [],
  cautions: [],
  sources: sources('S2', 'S18'),
};
