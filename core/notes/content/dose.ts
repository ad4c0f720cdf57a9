/**
 * Section: injectate and local anaesthetic dose (the dose summary is computed by ../doseCalc from the
 * note, never stored). Sources are cited by publication, never by an internal file.
 */
import { formatNumber, type AgentDose, type DoseSummary } from '../doseCalc';
import type { NoteDocument } from '../document';
import { DISPLAY_DECIMALS } from '../precision';
import type { Note } from '../schema';
import { injectateAgentName, NOT_RECORDED, type ContentBlock, type ContentSection } from './format';

function agentRow(a: AgentDose): string[] {
  const pct = a.fraction === null ? NOT_RECORDED : `${formatNumber(a.fraction * 100, DISPLAY_DECIMALS.percentOfMax)}%`;
  const max = a.maxMg === null ? NOT_RECORDED : `${formatNumber(a.maxMg, DISPLAY_DECIMALS.maxDoseMg)} mg (${a.maxBasis === 'weight' ? `${formatNumber(a.mgPerKgLimit ?? 0)} mg/kg` : 'ceiling'})`;
  return [
    `${a.label}${a.uncertain ? ' [?]' : ''}`,
    `${formatNumber(a.totalMg, DISPLAY_DECIMALS.doseMg)} mg${a.incomplete ? ' (incomplete)' : ''}`,
    a.mgPerKgGiven === null ? NOT_RECORDED : `${formatNumber(a.mgPerKgGiven, DISPLAY_DECIMALS.doseMgPerKg)} mg/kg`,
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

export function doseSection(doc: NoteDocument): ContentSection {
  return { id: 'injectate', title: 'Injectate and local anaesthetic dose', blocks: doseBlocks(doc.note, doc.dose) };
}
