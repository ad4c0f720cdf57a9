import { describe, expect, it } from 'vitest';
import { anticoagJson, checkAnticoagulation, decisionRecord, followUpChecksForNote, restartSummary } from '../../../../core/app/anticoag';
import { followUpSuggestions } from '../../../../core/anticoag/index';
import { anticoagSections } from '../../../../core/notes/content/anticoag';
import { hoursIn, refCells } from './reference';

const HOUR = 3_600_000;
const check = (req: Parameters<typeof checkAnticoagulation>[0]) => {
  const r = checkAnticoagulation(req);
  if (!r.ok) throw new Error(r.error.title);
  return r.value;
};
const LAST = '2026-12-01T08:00:00Z';

describe('anticoagulation advice (core/app/anticoag, the workflow the plan panel and the CLI share)', () => {
  it('issue 17 done-when: thoracic paravertebral + apixaban treatment → at least 72 h, from the ESAIC/ESRA row for high-dose DXA', () => {
    const c = check({ blockId: 'thoracic-paravertebral', drug: 'apixaban', regimen: 'treatment', lastDose: LAST });
    const cited = hoursIn(refCells('esaic-dxa-high')[2]!).hours;
    expect(c.advice.intervalHours).toBe(cited);
    expect(c.advice.intervalHours).toBeGreaterThanOrEqual(72);
    expect(c.earliestBlockAt).toBe(new Date(Date.parse(LAST) + cited * HOUR).toISOString());
    expect(c.advice.governing!.source).toMatch(/^ESAIC\/ESRA 2022, table of time intervals for high-bleeding-risk blocks/);
    expect(c.advice.governing!.lab).toBe(refCells('esaic-dxa-high')[3]!.replace(' international units', ' IU'));
    // CrCl not given: the other renal band is named, not hidden.
    expect(c.advice.governing!.message).toMatch(/CrCl not given: shown for CrCl ≥30 mL\/min; with CrCl <30 mL\/min: until target laboratory value/);
    expect(c.advice.classifications.find((k) => k.guideline === 'asra-2018')!.riskClass).toBe('neuraxial');
  });

  it('a superficial block (femoral) gets the peripheral-block advice, not the neuraxial interval', () => {
    const deep = check({ blockId: 'thoracic-paravertebral', drug: 'apixaban', regimen: 'treatment', lastDose: LAST });
    const c = check({ blockId: 'femoral', drug: 'apixaban', regimen: 'treatment', lastDose: LAST });
    const esaic = c.advice.rows.find((r) => r.guideline === 'esaic-esra-2022')!;
    expect(esaic.kind).toBe('superficial');
    expect(esaic.intervalHours).toBeNull();
    expect(esaic.message).toMatch(/superficial, compressible/);
    expect(c.advice.intervalHours).not.toBe(deep.advice.intervalHours);
    expect(c.earliestBlockAt).toBeNull();
  });

  it('renal bands: rivaroxaban prophylactic before a deep block — the CrCl <30 figure and the other band, each from the row', () => {
    const cell = refCells('esaic-dxa-low-riva-edox')[2]!;
    const low = check({ blockId: 'thoracic-paravertebral', drug: 'rivaroxaban', regimen: 'prophylactic', crclMlMin: 20 });
    const normal = check({ blockId: 'thoracic-paravertebral', drug: 'rivaroxaban', regimen: 'prophylactic', crclMlMin: 60 });
    expect(low.advice.intervalHours).toBe(hoursIn(cell.match(/\(([^)]*CrCl <30)\)/)![1]!).hours);
    expect(normal.advice.intervalHours).toBe(hoursIn(cell).hours);
    expect(low.advice.intervalHours).toBeGreaterThan(normal.advice.intervalHours!);
  });

  it('celiac plexus + clopidogrel: the guidelines’ figures are left empty and marked not confirmed; the label’s neuraxial figure applies as BlockPlan’s reading of the deep class', () => {
    const c = check({ blockId: 'celiac-plexus', drug: 'clopidogrel', lastDose: LAST });
    const pain = c.advice.rows.find((r) => r.guideline === 'asra-pain-2018')!;
    expect(pain.classification.riskClass).toBe(refCells('pain-class-intermediate')[1]);
    expect(pain.kind).toBe('not-confirmed');
    expect(pain.intervalHours).toBeNull();
    expect(c.advice.notes.join(' ')).toMatch(/could not be confirmed/);
    const label = c.advice.rows.find((r) => r.guideline === 'clopidogrel-label-us')!;
    const cited = hoursIn(refCells('label-clopidogrel')[2]!);
    expect(label.kind).toBe('interval');
    expect(label.intervalHours).toBe(cited.hours);
    expect(label.rule!.before.maxHours).toBe(cited.max);
    expect(label.classification.statement).toMatch(/BlockPlan's reading.*ESAIC\/ESRA 2022 classes this block deep/);
    expect(c.advice.intervalHours).toBe(cited.hours);
    expect(c.earliestBlockAt).toBe(new Date(Date.parse(LAST) + cited.hours * HOUR).toISOString());
    expect(c.advice.governing!.source).toBe('Clopidogrel US label, section 8.1 (neuraxial blockade)');
    // No number for the restart: the label's words, with the label beside them.
    expect(c.advice.restartAfterHours).toBeNull();
    expect(restartSummary(c.advice)).toBe(`“${refCells('label-clopidogrel')[4]}” (Clopidogrel US label, section 5.3 (discontinuation))`);
    expect(anticoagJson(c).sources.map((s) => s.id)).toContain('clopidogrel-label-us');
  });

  it('a superficial block (femoral) + clopidogrel: no label figure (the label speaks of neuraxial blockade), no earliest time', () => {
    const c = check({ blockId: 'femoral', drug: 'clopidogrel', lastDose: LAST });
    const label = c.advice.rows.find((r) => r.guideline === 'clopidogrel-label-us')!;
    expect(label.kind).toBe('no-classification');
    expect(label.message).toMatch(/not applied/);
    expect(c.advice.intervalHours).toBeNull();
    expect(c.earliestBlockAt).toBeNull();
  });

  it('celiac plexus + warfarin: the intermediate-risk column of the pain table, INR named; the planned time is compared', () => {
    const cited = hoursIn(refCells('pain-warfarin')[3]!).hours;
    const early = check({ blockId: 'celiac-plexus', drug: 'warfarin', lastDose: LAST, plannedAt: new Date(Date.parse(LAST) + (cited - 1) * HOUR).toISOString() });
    const later = check({ blockId: 'celiac-plexus', drug: 'warfarin', lastDose: LAST, plannedAt: new Date(Date.parse(LAST) + cited * HOUR).toISOString() });
    const pain = early.advice.rows.find((r) => r.guideline === 'asra-pain-2018')!;
    expect(pain.intervalHours).toBe(cited);
    expect(pain.lab).toBe('INR normal');
    expect(early.advice.plannedMeets).toBe(false);
    expect(later.advice.plannedMeets).toBe(true);
    expect(pain.restartAfterHours).toBe(hoursIn(refCells('pain-warfarin')[5]!).hours);
  });

  it('where the sources differ both are shown and the longer governs (SCS trial + SC heparin, low dose)', () => {
    const c = check({ blockId: 'spinal-cord-stimulator-trial', drug: 'ufh-sc', regimen: 'prophylactic', lastDose: LAST });
    const esaic = hoursIn(refCells('esaic-ufh-low')[2]!).hours;
    const pain = hoursIn(refCells('pain-ufh-sc')[2]!).hours;
    expect(esaic).not.toBe(pain);
    expect(c.advice.sourcesDiffer).toBe(true);
    expect(c.advice.intervalHours).toBe(Math.max(esaic, pain));
    expect(c.advice.notes[0]).toMatch(/The guidelines differ/);
  });

  it('a drug with two regimens and none chosen asks for the regimen instead of guessing', () => {
    const c = check({ blockId: 'thoracic-paravertebral', drug: 'enoxaparin' });
    expect(c.advice.rows.find((r) => r.guideline === 'esaic-esra-2022')!.kind).toBe('regimen-needed');
    expect(c.advice.intervalHours).toBeNull();
  });

  it('bad input is an error naming it: unknown block, unknown drug, wrong regimen, malformed time, implausible CrCl', () => {
    const bad = (req: Parameters<typeof checkAnticoagulation>[0]) => {
      const r = checkAnticoagulation(req);
      return r.ok ? '' : r.error.title;
    };
    expect(bad({ blockId: 'nope', drug: 'apixaban' })).toMatch(/nope/);
    expect(bad({ blockId: 'femoral', drug: 'unobtainium' })).toMatch(/unobtainium/);
    expect(bad({ blockId: 'femoral', drug: 'clopidogrel', regimen: 'treatment' })).toMatch(/not a regimen of Clopidogrel/);
    expect(bad({ blockId: 'femoral', drug: 'apixaban', lastDose: 'yesterday' })).toMatch(/yesterday/);
    expect(bad({ blockId: 'femoral', drug: 'apixaban', crclMlMin: -3 })).toMatch(/-3 mL\/min/);
  });

  it('the note record copies what was shown and the decision; follow-up checks get a due time only where the source gives one', () => {
    const req = { blockId: 'spinal-cord-stimulator-trial', drug: 'warfarin', lastDose: LAST };
    const c = check(req);
    const rec = decisionRecord(c, req, { decision: 'delay', reason: 'INR 2.1', decidedAt: '2026-12-02T09:00:00Z' });
    expect(rec.shown.earliestBlockAt).toBe(c.earliestBlockAt);
    expect(rec.shown.lines).toEqual(expect.arrayContaining(c.advice.rows.map((r) => r.message)));
    expect(rec.decision).toBe('delay');
    // A time typed without a zone (the panel's datetime fields) is read as local time and stored in UTC with its zone.
    const localReq = { ...req, lastDose: '2026-12-01T08:00', plannedAt: '2026-12-07T09:30' };
    const localRec = decisionRecord(check(localReq), localReq, { decision: 'proceed', decidedAt: '2026-12-07T09:31:12.345Z' });
    expect(localRec.lastDose).toBe(new Date(Date.parse('2026-12-01T08:00')).toISOString());
    expect(localRec.plannedAt).toBe(new Date(Date.parse('2026-12-07T09:30')).toISOString());
    const rows = (anticoagSections({ anticoagulation: localRec })[0]!.blocks[0] as { rows: [string, string][] }).rows;
    const field = (k: string) => rows.find(([name]) => name === k)![1];
    expect(field('Last dose')).toBe(`${localRec.lastDose!.slice(0, 16).replace('T', ' ')} UTC`);
    expect(field('Decided')).toBe('2026-12-07 09:31 UTC');
    // Every figure's source is listed, the restart's own section included.
    expect(localRec.shown.sources).toEqual(expect.arrayContaining([c.advice.governing!.source, c.advice.governing!.restartSource]));
    const sugg = followUpSuggestions('spinal-cord-stimulator-trial', { advice: c.advice });
    const checks = followUpChecksForNote(sugg, '2026-12-06T09:00:00Z');
    const review = checks.find((x) => x.id === 'scs-review')!;
    expect(review.dueAt).toBe(new Date(Date.parse('2026-12-06T09:00:00Z') + sugg.find((s) => s.id === 'scs-review')!.dueAfterHours! * HOUR).toISOString());
    expect(checks.find((x) => x.id === 'sensory-motor')!.dueAt).toBeUndefined();
    expect(checks.find((x) => x.id === 'restart')!.source).toMatch(/ASRA\/ESRA pain 2018|ESAIC/);
    expect(JSON.stringify(anticoagJson(c))).not.toMatch(/blocks\.md|docs\/reference/);
  });
});
