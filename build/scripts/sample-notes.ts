/**
 * The worked note of each sample case: a complete model note (level, injectate, volume, monitoring,
 * outcome) a trainee can review, for a SYNTHETIC teaching case — every export of it says so on its
 * first line (the case is marked synthetic). Doses stay within the dose table's maxima for the stated
 * weight; volumes and needles follow the block templates (core/blocks) and the clip's own probe and
 * needle (core/samples geometry). Where a sample plan deliberately trips a warning, `teaching` says why
 * and the note's comments carry it.
 */
import type { NoteInput } from '../../core/notes/schema';
import type { SampleGeometry } from '../../core/samples/geometry';

/** Level of each sample block, as the plan records it. */
export const SAMPLE_LEVELS: Record<string, string> = {
  'thoracic-paravertebral': 'T5',
  'ganglion-impar': 'sacrococcygeal junction',
  'celiac-plexus': 'L1 (celiac trunk origin)',
  interscalene: 'C5–C6',
  femoral: 'femoral crease',
  'erector-spinae-plane': 'T5–T6',
  'transversus-abdominis-plane': 'T10–T12 (mid-axillary)',
};

/** Why a sample's plan raises the warnings it does (null: it raises none that need a word). */
export const SAMPLE_TEACHING: Record<string, string | null> = {
  'thoracic-paravertebral':
    'Teaching: two warnings are deliberate. The paravertebral space lies just above the parietal pleura, so the line of the path beyond the target reaches the pleura: overshoot is the pneumothorax risk, which is why the tip is advanced under continuous in-plane view and stops once the superior costotransverse ligament is crossed (endpoint: the pleura pushed forward by the injectate). The steep angle (about 58° to the probe face) follows from this short view at the TP tip; a more lateral entry flattens it and improves needle visibility.',
  'ganglion-impar':
    'Teaching: the rectum lies directly in front of the sacrococcygeal junction and is not visible on ultrasound (acoustic shadow of the bone): its outline and the clearance to it (within the 5 mm margin) are estimates, and the line beyond the target reaches it. This is why the depth is confirmed with fluoroscopy (lateral view) and contrast before any injection. The steep angle is that of the trans-sacrococcygeal route through the joint.',
  'celiac-plexus':
    'Teaching: the target is the pre-aortic space, so the path ends within the 5 mm margin of the aorta by design and the line beyond the target crosses it: overshoot is the risk of intra-aortic injection, hence aspiration and incremental injection. The path passes through the left lobe of the liver, accepted practice for a fine (22G) needle in the anterior approach.',
  interscalene:
    'Teaching: the line of the path beyond the target reaches the vertebral artery, deep and medial: overshoot past the roots is the risk of vertebral artery injection, so the tip stays lateral to the roots under continuous view and the injection is incremental with aspiration. The needle crosses the middle scalene, where the dorsal scapular and long thoracic nerves run. The steep angle (about 50° to the probe face) is that of an entry at the probe edge; entering further lateral flattens it and improves needle visibility.',
  femoral:
    'Teaching: the tip must be deep to the fascia iliaca, at the lateral edge of the nerve and away from the femoral artery (about 9.5 mm medial here). The steep angle (about 60° to the probe face) is that of an entry at the probe edge; entering 1–2 cm lateral to the probe flattens it and improves needle visibility.',
  'erector-spinae-plane':
    'Teaching: the needle ends on bone (the T6 transverse process), which is what keeps it out of the pleura seen between the transverse processes; a flat, square TP tells it from a rib. The steep angle (about 42° to the probe face) is that of an entry at the probe edge.',
  'transversus-abdominis-plane':
    'Teaching: the peritoneum and bowel lie about 6 mm beyond the plane, and the line of the path beyond the target crosses them: overshoot is the risk of peritoneal puncture and bowel injury, so the tip is kept in view and hydrodissection confirms the plane before the full volume. The steep angle (about 39° to the probe face) is that of an entry at the probe edge.',
};

const common = (g: SampleGeometry): NoteInput => ({
  status: 'performed',
  performedAt: '2026-01-01T09:30',
  staff: { operator: 'Dr Synthetic Operator', operatorRole: 'consultant', assistant: 'Synthetic Assistant (ODP)' },
  consent: { type: 'written' },
  preChecks: {
    allergies: { status: 'none-known' },
    anticoagulants: { status: 'none' },
    preExistingDeficit: { status: 'no' },
    weightKg: 70,
    heightCm: 170,
    sex: 'female',
    asaClass: 'II',
    baselineVitals: { heartRateBpm: 72, systolicMmHg: 128, diastolicMmHg: 76, spo2Percent: 98, respiratoryRatePerMin: 14 },
    ivAccess: 'yes',
    resuscitationAndLipidAvailable: 'yes',
    siteMarkChecked: 'yes',
    stopMomentDone: 'yes',
    stopMomentBy: 'Dr Synthetic Operator and Synthetic Assistant (ODP)',
    stopMomentAt: '2026-01-01T09:28',
    whoChecklist: 'yes',
  },
  monitoring: { ecg: 'yes', spo2: 'yes', nibp: 'yes' },
  asepsis: { handHygiene: 'yes', prepAgent: 'chlorhexidine 2% in 70% alcohol', sterileGloves: 'yes', probeCover: 'yes', drape: 'yes', hatAndMask: 'yes' },
  guidance: { frequencyMinMHz: g.probe.frequencyMHz, frequencyMaxMHz: g.probe.frequencyMHz, probe: g.probe.kind, needleApproach: 'in-plane', needleDirection: g.needle.direction },
  needle: { type: g.needle.gauge.replace(/^\d+G\s*/, ''), gaugeG: Number(g.needle.gauge.match(/^(\d+)G/)?.[1]) || undefined, lengthMm: g.needle.lengthMm, passes: 1 },
  events: { aspirationNegative: 'yes', paraesthesia: 'no', painOnInjection: 'no', highInjectionPressure: 'no', bloodAspirated: 'no', vascularPuncture: 'no', pleuralPuncture: 'no' },
  complications: { occurred: 'no' },
  // The worked notes use the US labels' maxima (the committed samples record this choice).
  doseSettings: { region: 'US' },
});

/** The worked note of a sample (risks: the template's first complications, as discussed). */
export function sampleNote(g: SampleGeometry, risks: readonly string[]): NoteInput {
  const c = common(g);
  const teaching = SAMPLE_TEACHING[g.blockId];
  const base: NoteInput = { ...c, consent: { ...c.consent, risksDiscussed: risks.slice(0, 3) }, ...(teaching ? { comments: teaching } : {}) };
  switch (g.blockId) {
    case 'thoracic-paravertebral':
      return {
        ...base,
        procedure: { technique: 'single-shot', indication: 'Analgesia after unilateral mastectomy', surgery: 'Mastectomy', position: 'sitting' },
        sedation: { level: 'minimal', drugs: [{ drug: 'midazolam', dose: 1, unit: 'mg' }] },
        guidance: { ...c.guidance, modality: 'ultrasound', injectionPressureMonitoring: 'syringe feel' },
        // 15–20 mL at one level (template); 0.5% × 20 mL = 100 mg, within the maximum at 70 kg.
        injectate: [{ site: 'T5 paravertebral space', agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 20, adrenaline: false, incremental: 'yes' }],
        assessment: { checkedAfterMin: 20, sensory: 'loss of cold sensation T3–T7', motor: 'none expected', result: 'complete', vitalSigns: 'HR 70 /min, BP 122/74 mmHg, SpO2 98 %' },
        followUp: { plan: 'Review on the ward at 6 h; multimodal analgesia.', fallsAdvice: 'yes' },
      };
    case 'ganglion-impar':
      return {
        ...base,
        procedure: { technique: 'single-shot', indication: 'Chronic coccydynia (diagnostic block)', position: 'prone' },
        sedation: { level: 'none' },
        guidance: { ...c.guidance, modality: 'ultrasound-and-fluoroscopy' },
        injectate: [{ site: 'anterior to the sacrococcygeal junction', agent: 'bupivacaine', concentrationPercent: 0.25, volumeMl: 4, adrenaline: false, adjuncts: 'dexamethasone 4 mg', incremental: 'yes' }],
        painProcedure: {
          fluoroscopyTimeS: 12,
          contrast: 'iohexol 300 mg I/mL',
          contrastVolumeMl: 1,
          spreadPattern: 'comma-shaped spread in front of the sacrococcygeal junction on the lateral view; no intravascular or rectal pattern',
          diagnostic: 'yes',
          painScoreBefore: 8,
          painScoreAfter: 2,
          reliefPercent: 75,
          reliefAssessedAfter: '30 min',
        },
        assessment: { checkedAfterMin: 30, result: 'complete', vitalSigns: 'stable' },
        followUp: { plan: 'Pain diary for 2 weeks; consider neurolysis or RF if relief repeats.' },
      };
    case 'celiac-plexus':
      return {
        ...base,
        procedure: { technique: 'single-shot', indication: 'Upper-abdominal visceral pain from pancreatic cancer (diagnostic block before neurolysis)', position: 'supine' },
        sedation: { level: 'moderate', drugs: [{ drug: 'midazolam', dose: 2, unit: 'mg' }, { drug: 'fentanyl', dose: 50, unit: 'µg' }] },
        guidance: { ...c.guidance, modality: 'ultrasound' },
        injectate: [{ site: 'pre-aortic space at the celiac trunk origin', agent: 'bupivacaine', concentrationPercent: 0.25, volumeMl: 20, adrenaline: false, incremental: 'yes' }],
        painProcedure: { spreadPattern: 'anechoic spread around the celiac trunk origin on both sides of the aorta', diagnostic: 'yes', painScoreBefore: 7, painScoreAfter: 3, reliefPercent: 60, reliefAssessedAfter: '1 h' },
        assessment: { checkedAfterMin: 60, result: 'complete', vitalSigns: 'BP 108/66 mmHg after 500 mL fluid (orthostatic drop expected)' },
        followUp: { plan: 'Lie flat 1 h, then sit up with BP checks; discuss neurolysis at the pain clinic.' },
      };
    case 'interscalene':
      return {
        ...base,
        procedure: { technique: 'single-shot', indication: 'Analgesia for arthroscopic shoulder surgery', surgery: 'Arthroscopic rotator cuff repair', position: 'semi-sitting' },
        sedation: { level: 'minimal', drugs: [{ drug: 'midazolam', dose: 1, unit: 'mg' }] },
        guidance: { ...c.guidance, modality: 'ultrasound', injectionPressureMonitoring: 'opening pressure < 15 psi (in-line monitor)' },
        // 7–15 mL (template); 0.5% × 10 mL = 50 mg.
        injectate: [{ site: 'between the scalenes at C5–C6', agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 10, adrenaline: false, incremental: 'yes' }],
        assessment: { checkedAfterMin: 20, sensory: 'reduced cold sensation C5–C6 dermatomes', motor: 'weak shoulder abduction', result: 'complete', vitalSigns: 'HR 74 /min, BP 124/76 mmHg, SpO2 97 %' },
        followUp: { plan: 'Expect hemidiaphragmatic weakness; review breathing in recovery. Arm in a sling until the block wears off.' },
      };
    case 'femoral':
      return {
        ...base,
        procedure: { technique: 'single-shot', indication: 'Analgesia for a fractured neck of femur', position: 'supine' },
        sedation: { level: 'none' },
        guidance: { ...c.guidance, modality: 'ultrasound', injectionPressureMonitoring: 'syringe feel' },
        // 10–15 mL (template); 0.5% × 15 mL = 75 mg.
        injectate: [{ site: 'under the fascia iliaca beside the femoral nerve', agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 15, adrenaline: false, incremental: 'yes' }],
        assessment: { checkedAfterMin: 20, sensory: 'reduced cold sensation anterior thigh', motor: 'quadriceps weakness', result: 'complete', vitalSigns: 'stable' },
        followUp: { plan: 'Falls precautions while the quadriceps is weak.', fallsAdvice: 'yes' },
      };
    case 'erector-spinae-plane':
      return {
        ...base,
        procedure: { technique: 'single-shot', indication: 'Analgesia for multiple rib fractures (right 4th–7th)', position: 'sitting' },
        sedation: { level: 'none' },
        guidance: { ...c.guidance, modality: 'ultrasound', injectionPressureMonitoring: 'syringe feel' },
        // 20–30 mL (template); 0.375% × 20 mL = 75 mg.
        injectate: [{ site: 'deep to erector spinae on the T6 transverse process', agent: 'ropivacaine', concentrationPercent: 0.375, volumeMl: 20, adrenaline: false, incremental: 'yes' }],
        assessment: { checkedAfterMin: 30, sensory: 'reduced cold sensation T4–T8 posterolaterally', result: 'complete', vitalSigns: 'RR 16 /min, SpO2 96 %; deep breath and cough less painful' },
        followUp: { plan: 'Review analgesia and incentive spirometry at 6 h.' },
      };
    case 'transversus-abdominis-plane':
      return {
        ...base,
        procedure: { technique: 'single-shot', indication: 'Analgesia after open appendicectomy', surgery: 'Open appendicectomy', position: 'supine' },
        sedation: { level: 'general-anaesthesia' },
        guidance: { ...c.guidance, modality: 'ultrasound', injectionPressureMonitoring: 'syringe feel' },
        // 15–30 mL per side (template; NYSORA: 20–30 mL 0.25% ropivacaine); 0.25% × 20 mL = 50 mg.
        injectate: [{ site: 'right transversus abdominis plane, mid-axillary line', agent: 'ropivacaine', concentrationPercent: 0.25, volumeMl: 20, adrenaline: false, incremental: 'yes' }],
        assessment: { result: 'not-assessed', vitalSigns: 'stable under general anaesthesia' },
        followUp: { plan: 'Somatic abdominal wall analgesia only: continue multimodal analgesia for visceral pain.' },
      };
    default:
      return base;
  }
}
