import { AGENT_NAMES } from './doses';
import { DEVINE_1974, formatNumber, type AgentDose, type DoseSummary } from './doseCalc';
import type { ConfirmedNoteDocument } from './document';
import type { KeyImage } from './keyimages';
import { anticoagSections } from './contentAnticoag';
import { LAST_SOURCE } from './last';
import type { Injectate, Note, PlannedMeasurement, YesNo } from './schema';

/**
 * The note laid out once as sections of fields, tables, lists and images. Markdown, HTML and PDF all
 * render this, so the three say the same thing in the same order. Empty fields read "not recorded".
 */

/** The line every export carries. */
export const DISCLAIMER = 'BlockPlan is a planning and teaching aid, not a medical device. Check every value against the patient and the record.';
export const NOT_RECORDED = 'not recorded';
export const NOTE_TITLE = 'Regional anaesthesia procedure note';

export type ContentBlock =
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'alert'; level: 'info' | 'caution' | 'over' | 'error'; text: string }
  | { kind: 'images'; images: KeyImage[] };

export interface ContentSection {
  id: string;
  title: string;
  blocks: ContentBlock[];
}

export interface NoteContent {
  title: string;
  subtitle: string;
  disclaimer: string;
  sections: ContentSection[];
}

const v = (x: string | number | undefined | null, unit = ''): string => {
  if (x === undefined || x === null || x === '') return NOT_RECORDED;
  if (typeof x === 'number') return `${formatNumber(x)}${unit ? ` ${unit}` : ''}`;
  return x;
};
const yn = (x: YesNo | undefined): string => (x === undefined ? NOT_RECORDED : x);
const list = (xs: readonly string[]): string => (xs.length ? xs.join('; ') : NOT_RECORDED);
const SIDE_TEXT: Record<string, string> = { left: 'Left', right: 'Right', bilateral: 'Bilateral', 'n/a': 'n/a (midline)' };
export const sideText = (s: string | undefined): string => (s ? (SIDE_TEXT[s] ?? s) : NOT_RECORDED);

/** Agent name as shown in the injectate table. */
export function injectateAgentName(i: Injectate): string {
  return i.agent === 'other' ? (i.agentName?.trim() || 'other agent') : AGENT_NAMES[i.agent];
}

/** A planned measurement's value with its unit (deg shown as °, px flagged uncalibrated). */
export function plannedValue(m: PlannedMeasurement): string {
  // Fixed decimals (7.0 mm, not 7 mm): a planned distance reads the same in every export.
  const n = m.value.toFixed(m.unit === 'deg' ? 0 : 1);
  if (m.unit === 'deg') return `${n}°`;
  if (m.unit === 'px') return `${n} px (uncalibrated${m.uncalibratedReason ? `: ${m.uncalibratedReason}` : ''})`;
  return `${n} mm`;
}

function agentRow(a: AgentDose): string[] {
  const pct = a.fraction === null ? NOT_RECORDED : `${Math.round(a.fraction * 100)}%`;
  const max = a.maxMg === null ? NOT_RECORDED : `${formatNumber(a.maxMg, 0)} mg (${a.maxBasis === 'weight' ? `${formatNumber(a.mgPerKgLimit ?? 0)} mg/kg` : 'ceiling'})`;
  return [
    `${a.label}${a.uncertain ? ' [?]' : ''}`,
    `${formatNumber(a.totalMg, 1)} mg${a.incomplete ? ' (incomplete)' : ''}`,
    a.mgPerKgGiven === null ? NOT_RECORDED : `${formatNumber(a.mgPerKgGiven, 2)} mg/kg`,
    max,
    `${pct}${a.level === 'over' ? ' OVER' : a.level === 'caution' ? ' caution' : ''}`,
  ];
}

function doseBlocks(note: Note, dose: DoseSummary): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  if (note.injectate.length === 0) {
    blocks.push({ kind: 'paragraph', text: `Injectate: ${NOT_RECORDED}.` });
    return blocks;
  }
  blocks.push({
    kind: 'table',
    caption: 'Injectate per site',
    head: ['Site', 'Agent', 'Concentration', 'Volume', 'Adrenaline', 'Dose', 'Other'],
    rows: note.injectate.map((i, k) => [
      i.site ?? `site ${k + 1}`,
      injectateAgentName(i),
      i.concentrationPercent === undefined ? NOT_RECORDED : `${formatNumber(i.concentrationPercent, 3)}%`,
      i.volumeMl === undefined ? NOT_RECORDED : `${formatNumber(i.volumeMl, 1)} mL`,
      i.adrenaline ? `yes${i.adrenalineConcentration ? ` (${i.adrenalineConcentration})` : ''}` : 'no',
      dose.injections[k]!.mg === null ? (i.agent === 'other' ? '—' : NOT_RECORDED) : `${formatNumber(dose.injections[k]!.mg!, 1)} mg`,
      [i.adjuncts, i.incremental ? `incremental: ${i.incremental}` : '', i.testDose ? `test dose: ${i.testDose}` : ''].filter(Boolean).join('; ') || '—',
    ]),
  });
  const w = dose.weight;
  const weightText =
    w.usedKg === undefined
      ? `no usable weight (${w.basis} basis): mg/kg maxima not applied`
      : `${formatNumber(w.usedKg, 1)} kg (${w.usedIs} body weight${w.usedIs === 'ideal' ? ', Devine 1974' : ''})`;
  if (dose.agents.length > 0) {
    blocks.push({
      kind: 'fields',
      rows: [
        ['Weight used for mg/kg', weightText],
        ['Limits', dose.region ? `${dose.region} labels` : 'region not chosen: the lower of the US and UK maxima, per agent'],
        ['Caution threshold', `${formatNumber(dose.caution.fraction * 100)}% of a maximum (${dose.caution.isDefault ? dose.caution.label : 'set for this note'})`],
      ],
    });
    blocks.push({ kind: 'table', caption: 'Local anaesthetic dose against maximum (lower of mg/kg × weight and the ceiling)', head: ['Agent', 'Total', 'mg/kg', 'Maximum', '% of max'], rows: dose.agents.map(agentRow) });
    if (dose.agents.length > 1) {
      blocks.push({ kind: 'fields', rows: [['All agents summed (fractions of own maxima)', `${Math.round(dose.totalFraction * 100)}%`]] });
    }
  }
  for (const m of dose.messages) {
    if (m.code === 'dose/uncertain-reference') continue; // shown once below as [?] notes
    blocks.push({ kind: 'alert', level: m.level, text: m.text });
  }
  const uncertain = dose.messages.filter((m) => m.code === 'dose/uncertain-reference').map((m) => m.text);
  if (uncertain.length) blocks.push({ kind: 'list', items: uncertain.map((t) => `[?] ${t}`) });
  const bySource = dose.agents.map((a) => `${a.label} (${a.region}): ${a.limit.source.citation}`);
  blocks.push({ kind: 'paragraph', text: `${bySource.length ? `Maximum doses from: ${bySource.join('; ')}. ` : ''}${dose.caveats.join(' ')}` });
  return blocks;
}

/** Lays the confirmed document out as sections. */
export function noteContent(doc: ConfirmedNoteDocument): NoteContent {
  const n = doc.note;
  const p = n.procedure;
  const pc = n.preChecks;
  const g = n.guidance;
  const sections: ContentSection[] = [];

  sections.push({
    id: 'identity',
    title: 'Patient and staff',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Patient name', v(n.identity.patientName)],
          ['Patient ID', v(n.identity.patientId)],
          ['Date of birth', v(n.identity.birthDate)],
          ['Two identifiers checked', yn(n.identity.identifiersChecked)],
          ['Date and time', v(n.performedAt?.replace('T', ' '))],
          ['Operator', n.staff.operator ? `${n.staff.operator}${n.staff.operatorRole ? ` (${n.staff.operatorRole})` : ''}` : NOT_RECORDED],
          ['Supervisor', v(n.staff.supervisor)],
          ['Assistant', v(n.staff.assistant)],
        ],
      },
    ],
  });

  const procRows: [string, string][] = [
    ['Block', v(p.blockName)],
    ['Side', sideText(p.side)],
    ['Level', v(p.level)],
    ['Approach', v(p.approach)],
    ['Technique', p.technique === 'catheter' ? 'catheter' : p.technique === 'single-shot' ? 'single shot' : NOT_RECORDED],
    ['Indication', v(p.indication)],
    ['Surgery / procedure', v(p.surgery)],
    ['Position', v(p.position)],
  ];
  if (p.catheter) {
    procRows.push(
      ['Catheter depth at skin', v(p.catheter.depthAtSkinCm, 'cm')],
      ['Catheter secured', v(p.catheter.secured)],
      ['Catheter test dose', v(p.catheter.testDose)],
      ['Infusion plan', v(p.catheter.infusionPlan)],
    );
  }
  sections.push({ id: 'procedure', title: 'Procedure', blocks: [{ kind: 'fields', rows: procRows }] });

  const sc = n.sideConfirmation;
  sections.push({
    id: 'sbyb',
    title: 'Stop Before You Block',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Side confirmed', `${sideText(sc.confirmedSide)} (${sc.result === 'match' ? 'matches the plan' : 'MISMATCH'})`],
          ['Checked against', list(sc.checkedAgainst)],
          ['Confirmed at', sc.confirmedAt],
          ['Confirmed by', v(sc.confirmedBy)],
          ['Site mark checked', yn(pc.siteMarkChecked)],
          ['Stop moment (two-person check of mark and consent)', yn(pc.stopMomentDone)],
          ['WHO sign-in / time-out', yn(pc.whoChecklist)],
        ],
      },
    ],
  });

  sections.push({
    id: 'consent',
    title: 'Consent',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Consent', v(n.consent.type === 'not-possible-best-interests' ? 'not possible (best interests)' : n.consent.type)],
          ['Risks discussed', list(n.consent.risksDiscussed)],
          ['Notes', v(n.consent.notes)],
        ],
      },
    ],
  });

  const ac = pc.anticoagulants;
  sections.push({
    id: 'prechecks',
    title: 'Pre-procedure checks',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Allergies', pc.allergies.status === 'none-known' ? 'none known' : pc.allergies.status === 'present' ? `present: ${v(pc.allergies.details)}` : NOT_RECORDED],
          ['Anticoagulant / antiplatelet', ac.status === 'none' ? 'none' : ac.status === 'taking' ? `${v(ac.drug)}; last dose ${v(ac.lastDose?.replace('T', ' '))}` : NOT_RECORDED],
          ['Labs', v(ac.labs)],
          ['Pre-existing deficit', pc.preExistingDeficit.status === 'yes' ? `yes: ${v(pc.preExistingDeficit.details)}` : yn(pc.preExistingDeficit.status)],
          ['Weight', v(pc.weightKg, 'kg')],
          ['Height', v(pc.heightCm, 'cm')],
          ['Sex', v(pc.sex)],
          ['Ideal body weight', doc.dose.weight.idealKg === undefined ? 'not computed (needs height and sex)' : `${formatNumber(doc.dose.weight.idealKg, 1)} kg (Devine 1974)`],
          ['IV access', yn(pc.ivAccess)],
          ['Resuscitation equipment and lipid available', yn(pc.resuscitationAndLipidAvailable)],
        ],
      },
    ],
  });

  sections.push({
    id: 'monitoring',
    title: 'Monitoring and sedation',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['ECG', yn(n.monitoring.ecg)],
          ['SpO2', yn(n.monitoring.spo2)],
          ['NIBP', yn(n.monitoring.nibp)],
          ['Other monitoring', v(n.monitoring.other)],
          ['Patient state', v(n.sedation.state === 'general-anaesthesia' ? 'under general anaesthesia' : n.sedation.state)],
          ['Sedation', n.sedation.drugs.length ? n.sedation.drugs.map((d) => `${d.drug}${d.dose !== undefined ? ` ${formatNumber(d.dose)} ${d.unit ?? ''}`.trimEnd() : ''}`).join('; ') : NOT_RECORDED],
        ],
      },
    ],
  });

  const a = n.asepsis;
  sections.push({
    id: 'asepsis',
    title: 'Asepsis',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Hand hygiene', yn(a.handHygiene)],
          ['Skin preparation', v(a.prepAgent)],
          ['Sterile gloves', yn(a.sterileGloves)],
          ['Probe cover', yn(a.probeCover)],
          ['Drape', yn(a.drape)],
          ['Hat and mask', yn(a.hatAndMask)],
        ],
      },
    ],
  });

  const freq =
    g.frequencyMinMHz === undefined && g.frequencyMaxMHz === undefined
      ? NOT_RECORDED
      : g.frequencyMinMHz !== undefined && g.frequencyMaxMHz !== undefined && g.frequencyMinMHz !== g.frequencyMaxMHz
        ? `${formatNumber(g.frequencyMinMHz)}–${formatNumber(g.frequencyMaxMHz)} MHz`
        : `${formatNumber((g.frequencyMinMHz ?? g.frequencyMaxMHz)!)} MHz`;
  sections.push({
    id: 'guidance',
    title: 'Guidance and needle',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Guidance', v(g.modality?.replace(/-/g, ' '))],
          ['Probe', v(g.probe)],
          ['Frequency', freq],
          ['Needle approach', v(g.needleApproach)],
          ['Needle direction', v(g.needleDirection)],
          ['Structures identified', list(g.structuresIdentified)],
          ['Saved images / clips', list(g.savedImages)],
          ['Nerve stimulator', g.nerveStimulator.used === 'yes' ? `yes${g.nerveStimulator.currentMa !== undefined ? `, ${formatNumber(g.nerveStimulator.currentMa)} mA` : ''}${g.nerveStimulator.response ? `, ${g.nerveStimulator.response}` : ''}` : yn(g.nerveStimulator.used)],
          ['Injection pressure monitoring', v(g.injectionPressureMonitoring)],
          ['Needle', [n.needle.type, n.needle.gaugeG !== undefined ? `${n.needle.gaugeG} G` : '', n.needle.lengthMm !== undefined ? `${formatNumber(n.needle.lengthMm)} mm` : ''].filter(Boolean).join(', ') || NOT_RECORDED],
          ['Needle passes', v(n.needle.passes)],
        ],
      },
    ],
  });

  sections.push({ id: 'injectate', title: 'Injectate and local anaesthetic dose', blocks: doseBlocks(n, doc.dose) });

  const e = n.events;
  sections.push({
    id: 'events',
    title: 'Injection events',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Negative aspiration', yn(e.aspirationNegative)],
          ['Paraesthesia', yn(e.paraesthesia)],
          ['Pain on injection', yn(e.painOnInjection)],
          ['High injection pressure', yn(e.highInjectionPressure)],
          ['Blood aspirated', yn(e.bloodAspirated)],
          ['Vascular puncture', yn(e.vascularPuncture)],
          ['Pleural puncture', yn(e.pleuralPuncture)],
          ['Twitch disappeared on injection', yn(e.twitchDisappeared)],
          ['Notes', v(e.notes)],
        ],
      },
    ],
  });

  sections.push({
    id: 'outcome',
    title: 'Complications, assessment and follow-up',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Complications', n.complications.occurred === 'no' ? 'none' : n.complications.occurred === 'yes' ? list(n.complications.items) : NOT_RECORDED],
          ['Complication details', v(n.complications.details)],
          ['Block checked after', v(n.assessment.checkedAfterMin, 'min')],
          ['Sensory', v(n.assessment.sensory)],
          ['Motor', v(n.assessment.motor)],
          ['Block result', v(n.assessment.result)],
          ['Vital signs', v(n.assessment.vitalSigns)],
          ['Limb-protection advice', yn(n.followUp.limbProtectionAdvice)],
          ['Falls advice', yn(n.followUp.fallsAdvice)],
          ['Follow-up plan', v(n.followUp.plan)],
        ],
      },
    ],
  });

  sections.push(...anticoagSections(n));

  if (n.painProcedure) {
    const pp = n.painProcedure;
    sections.push({
      id: 'pain',
      title: 'Pain procedure',
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Fluoroscopy time', v(pp.fluoroscopyTimeS, 's')],
            ['Fluoroscopy dose', v(pp.fluoroscopyDose)],
            ['Contrast', pp.contrast ? `${pp.contrast}${pp.contrastVolumeMl !== undefined ? `, ${formatNumber(pp.contrastVolumeMl)} mL` : ''}` : NOT_RECORDED],
            ['Spread pattern', v(pp.spreadPattern)],
            ['Neurolytic agent', v(pp.neurolyticAgent)],
            ['Pain score before (0–10)', v(pp.painScoreBefore)],
            ['Pain score after (0–10)', v(pp.painScoreAfter)],
          ],
        },
      ],
    });
  }

  sections.push({
    id: 'planned',
    title: 'Planned measurements (from the plan)',
    blocks: n.planned.length
      ? [
          { kind: 'paragraph', text: 'These numbers come from the plan made in BlockPlan; they are planned values, not measurements made during the procedure.' },
          {
            kind: 'table',
            head: ['Planned measurement', 'Value', 'Structure', 'Where'],
            rows: n.planned.map((m) => [
              `Planned ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}`,
              plannedValue(m),
              m.structure ?? '—',
              m.clipId ? `${doc.sources.find((s) => s.clipId === m.clipId)?.label ?? m.clipId}${m.frameIndex !== undefined ? `, frame ${m.frameIndex + 1}` : ''}` : '—',
            ]),
          },
        ]
      : [{ kind: 'paragraph', text: 'No planned measurements.' }],
  });

  if (doc.keyImages.length) sections.push({ id: 'images', title: 'Key images', blocks: [{ kind: 'images', images: doc.keyImages }] });
  if (n.comments) sections.push({ id: 'comments', title: 'Comments', blocks: [{ kind: 'paragraph', text: n.comments }] });

  const refs = [
    ...doc.references.map((r) => `${r.id}: ${r.citation}${r.urls[0] ? ` — ${r.urls[0]}` : ''}`),
    `Ideal body weight: ${DEVINE_1974}.`,
    ...doc.dose.sources.map((s) => `${s.citation} — ${s.url}`),
    `LAST: ${LAST_SOURCE.citation} — ${LAST_SOURCE.url}`,
  ];
  sections.push({ id: 'references', title: 'References', blocks: [{ kind: 'list', items: refs }] });

  const subtitle = [p.blockName ?? 'Block not recorded', sideText(p.side), n.performedAt?.replace('T', ' ')].filter(Boolean).join(' · ');
  return { title: NOTE_TITLE, subtitle, disclaimer: DISCLAIMER, sections };
}
