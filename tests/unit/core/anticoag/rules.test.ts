import { describe, expect, it } from 'vitest';
import { blockTemplates } from '../../../../core/blocks/index';
import { BLOCK_RISK, DRUGS, GUIDELINE_IDS, GUIDELINES, INTERVAL_RULES, LABEL_IDS, type DrugInfo, type GuidelineId, type GuidelineOnlyId, type TimeFigure } from '../../../../core/anticoag/index';
import { hoursIn, notConfirmedParagraph, refCells, referenceText } from './reference';

/** A figure of a rule against the cell it cites: its text is in the cell, its hours are the text's. */
function expectFigureFromCell(f: TimeFigure, cell: string, label: string) {
  if (f.status === 'not-confirmed') {
    expect(cell, label).toMatch(/^not confirmed/);
    expect(f.hours, label).toBeNull();
    return;
  }
  expect(cell, label).toContain(f.text);
  if (f.status === 'no-stop') {
    expect(f.text, label).toBe('No');
    expect(cell, label).toMatch(/^No\b(?!;)/);
    expect(f.hours, label).toBe(0);
  } else if (f.status === 'not-numeric') {
    expect(f.hours, label).toBeNull();
    expect(() => hoursIn(f.text), label).toThrow();
  } else {
    const read = hoursIn(f.text);
    expect(f.hours, label).toBe(read.hours);
    expect(f.maxHours, label).toBe(read.max);
  }
}

describe('anticoagulation rules against the cited tables (docs/reference/anticoagulation.md)', () => {
  for (const r of INTERVAL_RULES) {
    it(`${r.id}: ${r.drug} (${r.regimens.join('/')}) before a ${r.classes.join('/')} block — ${GUIDELINES[r.guideline].short}`, () => {
      const cells = refCells(r.ref);
      expectFigureFromCell(r.before, cells[r.beforeCol]!, `${r.id} before`);
      expectFigureFromCell(r.after, cells[r.afterCol]!, `${r.id} after`);
      // A renal band cites its own figure ("30 h if CrCl <30"); the other band's text never mentions CrCl.
      if (r.crcl?.below !== undefined && r.before.status !== 'not-confirmed') expect(r.before.text).toContain(`CrCl <${r.crcl.below}`);
      if (r.crcl?.atLeast !== undefined) {
        expect(r.before.text).not.toMatch(/CrCl/);
        expect(cells[r.beforeCol]).toContain(`CrCl <${r.crcl.atLeast}`);
      }
      if (r.lab && r.guideline === 'esaic-esra-2022') expect(cells[3]).toContain(r.lab.split(' (')[0]!);
      // The drug is the row's drug.
      const name = DRUGS.find((d) => d.id === r.drug)!.name.split(/[ ,(]/)[0]!.toLowerCase();
      const rowDrug = cells[1]!.toLowerCase();
      const group = r.drug.startsWith('ufh') ? 'ufh' : r.drug === 'enoxaparin' || r.drug === 'dalteparin' ? (rowDrug.includes('lmwh') ? 'lmwh' : name) : ['rivaroxaban', 'apixaban', 'edoxaban'].includes(r.drug) && rowDrug.startsWith('dxa') ? 'dxa' : r.drug === 'warfarin' || r.drug === 'acenocoumarol' ? (rowDrug.includes('vka') ? 'vka' : name) : r.drug === 'ufh-iv' || r.drug === 'ufh-sc' ? 'heparin' : name;
      expect(rowDrug.includes(group) || rowDrug.includes(name) || (r.drug.startsWith('ufh') && rowDrug.includes('heparin')), `${r.id}: row '${cells[1]}'`).toBe(true);
    });
  }

  it('every rule id is unique and cites a row of its own guideline section', () => {
    expect(new Set(INTERVAL_RULES.map((r) => r.id)).size).toBe(INTERVAL_RULES.length);
    const prefix: Record<GuidelineId, string> = { 'esaic-esra-2022': 'esaic-', 'asra-pain-2018': 'pain-', 'asra-2018': 'asra-', 'clopidogrel-label-us': 'label-clopidogrel' };
    for (const r of INTERVAL_RULES) expect(r.ref.startsWith(prefix[r.guideline]), r.id).toBe(true);
  });

  it('a drug a guideline has no rule for is listed under that guideline’s "Not confirmed" (nothing is silently missing)', () => {
    const keyword = (d: DrugInfo): string =>
      d.group === 'NSAID' ? 'NSAIDs' : d.id === 'gp-iib-iiia' ? 'GP IIb/IIIa' : d.id === 'thrombolytic' ? 'thrombolytic' : d.id.startsWith('ufh') ? 'UFH' : d.group === 'LMWH' ? 'LMWH' : d.id === 'acenocoumarol' ? 'warfarin' : d.id;
    const shorts: Record<GuidelineOnlyId, string> = { 'esaic-esra-2022': 'ESAIC/ESRA 2022', 'asra-pain-2018': 'Narouze 2018', 'asra-2018': 'ASRA 2018' };
    for (const g of GUIDELINE_IDS) {
      const para = notConfirmedParagraph(shorts[g]).toLowerCase();
      for (const d of DRUGS) {
        if (INTERVAL_RULES.some((r) => r.guideline === g && r.drug === d.id)) continue;
        expect(para, `${g}: ${d.id}`).toContain(keyword(d).toLowerCase());
      }
    }
  });
});

describe('drug labels (where no guideline figure was confirmed)', () => {
  it('a label rule cites its row, applies only to neuraxial or deep blocks, and its drug is one the guidelines left unconfirmed', () => {
    for (const l of LABEL_IDS) {
      const rules = INTERVAL_RULES.filter((r) => r.guideline === l);
      expect(rules.length, l).toBeGreaterThan(0);
      for (const r of rules) {
        expect([...r.classes].sort(), r.id).toEqual(['deep', 'neuraxial']);
        for (const g of GUIDELINE_IDS) expect(INTERVAL_RULES.some((x) => x.guideline === g && x.drug === r.drug), `${r.id} vs ${g}`).toBe(false);
        expect(refCells(r.ref)[1]).toBe(r.drug);
      }
    }
    // The label's neuraxial sentence, as transcribed, is what the rule's text quotes.
    expect(referenceText).toContain('when possible, discontinue clopidogrel 5 to 7 days prior to labor, delivery, or neuraxial blockade');
    expect(referenceText).toContain('resume it as soon as hemostasis is achieved');
  });
});

describe('bleeding-risk class per block template', () => {
  it('every template has one classification per guideline', () => {
    for (const t of blockTemplates) {
      const cs = BLOCK_RISK[t.id];
      expect(cs, t.id).toBeDefined();
      expect(cs!.map((c) => c.guideline).sort(), t.id).toEqual(['asra-2018', 'asra-pain-2018', 'esaic-esra-2022']);
    }
  });

  it('a class from the pain guideline quotes the row it is listed in; a missing class says "no guideline classification"', () => {
    for (const [id, cs] of Object.entries(BLOCK_RISK)) {
      for (const c of cs) {
        if (c.ref) {
          const procedures = refCells(c.ref)[2]!;
          const listed = c.statement.match(/Listed as "([^"]+)"/)?.[1];
          if (listed) expect(procedures, `${id}: ${listed}`).toContain(listed);
          if (c.riskClass) expect(refCells(c.ref)[1], id).toBe(c.riskClass);
        }
        if (c.basis === 'none') {
          expect(c.riskClass, id).toBeNull();
          expect(c.statement, id).toMatch(/^No guideline classification/);
        }
        if (c.basis === 'criterion') expect(c.statement, id).toMatch(/BlockPlan's reading/);
      }
    }
  });

  it('ASRA: the paravertebral block is among the named deep blocks (neuraxial rules); no other template is classed by ASRA except the epidural SCS lead', () => {
    expect(referenceText).toMatch(/deep plexus or deep peripheral blocks, the neuraxial recommendations apply; named examples: paravertebral/);
    const asra = Object.entries(BLOCK_RISK).filter(([, cs]) => cs.find((c) => c.guideline === 'asra-2018')!.riskClass !== null).map(([id]) => id);
    expect(asra.sort()).toEqual(['spinal-cord-stimulator-trial', 'thoracic-paravertebral']);
  });
});
