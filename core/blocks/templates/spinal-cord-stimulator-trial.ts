import type { BlockTemplateInput } from '../schema';
import { notApplicable, sources, unknown, range } from '../sources';

/**
 * blocks.md §1.14 Percutaneous spinal cord stimulator (SCS) trial lead (epidural) [S19].
 *
 * A planning template for a FLUOROSCOPIC procedure: the sources describe AP and lateral fluoroscopy,
 * and ultrasound is not the standard guide. The probe is `none`; a clip attached to such a case is an
 * auxiliary image, not the guidance modality.
 */
export const spinalCordStimulatorTrial: BlockTemplateInput = {
  id: 'spinal-cord-stimulator-trial',
  name: 'Spinal cord stimulator trial lead (fluoroscopic)',
  nomenclature: { standardName: 'Percutaneous spinal cord stimulator trial lead (epidural)', consensus: 'outside-consensus', wordingUncertain: false, note: 'Neuromodulation procedure, outside the ASRA-ESRA block nomenclature.' },
  aliases: ['SCS trial', 'SCS', 'spinal cord stimulation trial', 'dorsal column stimulator trial', 'neuromodulation trial'],
  category: 'neuromodulation',
  indications: ['Radicular pain / failed back surgery syndrome', 'CRPS', 'Peripheral neuropathy'],
  positions: ['Prone'],
  sides: ['left', 'right', 'midline'],
  levelHint: 'Entry level/side; lead tip usually ~T8–T10 for back/leg pain [S19]',
  guidance: {
    primary: 'fluoroscopy',
    alternatives: [],
    note: 'Fluoroscopic procedure (AP and lateral views). Ultrasound is not the standard guide; this template is for planning and documentation.',
  },
  probe: {
    type: 'none',
    alternatives: [],
    frequencyMHz: notApplicable('MHz', 'Fluoroscopic procedure: no ultrasound probe.'),
    views: [
      { name: 'AP fluoroscopic view', description: 'Entry level, paramedian needle path and lead position relative to the midline.' },
      { name: 'Lateral fluoroscopic view', description: 'Confirms the lead is in the dorsal epidural space.' },
    ],
  },
  approaches: [{ id: 'paramedian-interlaminar', name: 'Paramedian, shallow, interlaminar', summary: 'Paramedian shallow approach, loss of resistance into the dorsal epidural space, bevel cephalad.', guidance: ['fluoroscopy'], primary: true }],
  structures: [
    { id: 'dorsal-epidural-space', name: 'Dorsal epidural space', aliases: ['epidural space'], role: 'target', why: 'Target: loss of resistance into the dorsal epidural space; the lead tip usually sits at ~T8–T10 for back/leg pain [S19].' },
    { id: 'lamina', name: 'Lamina / interlaminar space', role: 'landmark', why: 'Entry through the interlaminar space.' },
    { id: 'spinous-process', name: 'Spinous process', role: 'landmark', why: 'Midline reference on the AP view.' },
    { id: 'pedicles', name: 'Pedicles', role: 'landmark', why: 'Level and midline reference on the AP view.' },
    { id: 'dura', name: 'Dura', role: 'at-risk', why: 'Dural puncture: headache, CSF leak.' },
    { id: 'spinal-cord', name: 'Spinal cord', role: 'at-risk', why: 'Neurological injury (rare).' },
    { id: 'epidural-veins', name: 'Epidural veins', role: 'at-risk', why: 'Epidural haematoma (rare).' },
  ],
  targetDescription: 'Dorsal epidural space; lead tip at the planned level (usually ~T8–T10 for back/leg pain) [S19].',
  endpoint: 'Loss of resistance into the dorsal epidural space; stimulation mapping covers the painful area.',
  needle: {
    type: '14G Tuohy (from the kit) [S19]',
    gaugeG: range(14, 14, 'G', ['S19']),
    lengthMm: unknown('mm', 'Not given by the sources (kit needle).'),
    approach: 'not-applicable',
    direction: 'paramedian, shallow, bevel cephalad',
    note: 'Fluoroscopic: in-plane/out-of-plane does not apply.',
  },
  volumeMl: notApplicable('mL', 'No injectate volume: a stimulator lead is placed.'),
  depthMm: unknown('mm', 'Not given by the sources.'),
  complications: [
    { name: 'Complications overall (mostly device-related)', ratePercent: null, note: '30–40% overall, mostly device-related.', sourceIds: ['S19'] },
    { name: 'Lead migration', ratePercent: 5.6, note: 'Most common (meta-analysis).', sourceIds: ['S19'] },
    { name: 'Infection', ratePercent: 3.8, note: 'Meta-analysis.', sourceIds: ['S19'] },
    { name: 'Lead fracture', ratePercent: null, sourceIds: ['S19'] },
    { name: 'Dural puncture (headache, CSF leak)', ratePercent: null, sourceIds: ['S19'] },
    { name: 'Epidural haematoma', ratePercent: null, note: 'Rare.', sourceIds: ['S19'] },
    { name: 'Neurological injury', ratePercent: null, note: 'Rare.', sourceIds: ['S19'] },
  ],
  documentation: [
    'Entry level and side',
    'Tip level(s)',
    'Lateral-view confirmation',
    'Lead model / contacts',
    'Impedances',
    'Coverage map',
    'Fluoroscopy time / dose',
    'Anticoagulant hold and restart',
  ],
  cautions: [
    'Bleeding-risk class: high (ASRA pain-procedure anticoagulation guideline); for trials the hold runs until the lead is removed.',
    'The trial lasts ~1 week [S19].',
  ],
  sources: sources('S19'),
};
