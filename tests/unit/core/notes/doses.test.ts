import { describe, it, expect } from 'vitest';
import { DOSE_REGIONS, DOSE_TABLE, doseLimitFor as limitIn, type DoseRegion } from '../../../../core/notes/doses';
import { calculateDose, idealBodyWeightKg, mgFromConcentration, noteDose, SKIN_INFILTRATION_SITE, type DoseInjection, type DoseInput } from '../../../../core/notes/doseCalc';
import { NoteSchema, type Injectate } from '../../../../core/notes/schema';
import { firstMatch, numbers, refRow, referenceDoseRows } from './referenceTable';

const inj = (agent: Injectate['agent'], concentrationPercent: number, volumeMl: number, adrenaline = false): Injectate => ({ agent, concentrationPercent, volumeMl, adrenaline });
const input = (injectate: DoseInjection[], extra: Partial<DoseInput> = {}): DoseInput => ({ injectate, weightKg: 70, weightBasis: 'actual', region: 'US', interscalene: false, ...extra });
/** The US row (the existing tests' default region). */
const doseLimitFor = (agent: Parameters<typeof limitIn>[0], adrenaline: boolean, region: DoseRegion = 'US') => limitIn(agent, adrenaline, region);
const regionalLimits = (row: ReturnType<typeof limitIn>, region: DoseRegion) => {
  const r = limitIn(row.agent, row.adrenaline === true, region);
  return { mgPerKg: r.mgPerKg, ceilingMg: r.ceilingMg };
};

/** Expected figures per dose-table row, read from blocks.md §2 (the first number in each cell unless stated). */
function expectedFromReference() {
  const lido = refRow('lidocaine, plain');
  const lidoA = refRow('lidocaine + adrenaline');
  const bupi = refRow('bupivacaine, plain');
  const bupiA = refRow('bupivacaine + adrenaline');
  const levo = refRow('levobupivacaine');
  const ropi = refRow('ropivacaine');
  const lipo = refRow('liposomal bupivacaine');
  const chloro = refRow('chloroprocaine');
  const mepi = refRow('mepivacaine');
  return {
    lidoPlain: { mgPerKg: numbers(lido.mgPerKgCell)[0]!, ukMgPerKg: firstMatch(lido.mgPerKgCell, /UK BNF (\d+(?:\.\d+)?)/), ceiling: numbers(lido.ceilingCell)[0]!, ukCeiling: firstMatch(lido.ceilingCell, /UK (\d+)/), uncertain: lido.uncertain },
    lidoAdr: { mgPerKg: numbers(lidoA.mgPerKgCell)[0]!, ceiling: numbers(lidoA.ceilingCell)[0]!, uncertain: lidoA.uncertain },
    bupiPlain: { mgPerKgRange: numbers(bupi.mgPerKgCell), ceiling: firstMatch(bupi.ceilingCell, /(\d+) mg \(US label\)/), ukCeiling: firstMatch(bupi.ceilingCell, /UK (\d+) mg/), per24h: firstMatch(bupi.ceilingCell, /(\d+) mg\/24 h/), uncertain: bupi.uncertain },
    bupiAdr: { mgPerKg: numbers(bupiA.mgPerKgCell)[0]!, ceiling: numbers(bupiA.ceilingCell)[0]!, uncertain: bupiA.uncertain },
    levo: { mgPerKg: numbers(levo.mgPerKgCell)[0]!, ceiling: firstMatch(levo.ceilingCell, /(\d+) mg single/), uncertain: levo.uncertain },
    ropi: { mgPerKg: numbers(ropi.mgPerKgCell)[0]!, ceilingRange: numbers(ropi.ceilingCell).slice(0, 2), uncertain: ropi.uncertain },
    lipo: { ceiling: firstMatch(lipo.ceilingCell, /^(\d+) mg/), interscalene: firstMatch(lipo.ceilingCell, /interscalene (\d+) mg/), ratio: firstMatch(lipo.ceilingCell, /≤1:(\d+)/), mgPerKgNa: /^n\/a in adults/.test(lipo.mgPerKgCell), uncertain: lipo.uncertain },
    chloroPlain: { mgPerKg: numbers(chloro.mgPerKgCell)[0]!, ceiling: numbers(chloro.ceilingCell)[0]! },
    chloroAdr: { mgPerKg: firstMatch(chloro.mgPerKgCell, /(\d+) with adrenaline/), ceiling: firstMatch(chloro.ceilingCell, /(\d+) mg with adrenaline/) },
    mepi: { mgPerKg: numbers(mepi.mgPerKgCell)[0]!, ceiling: numbers(mepi.ceilingCell)[0]!, uncertain: mepi.uncertain },
  };
}

describe('dose table against blocks.md §2', () => {
  const ref = expectedFromReference();

  it('every reference row is transcribed; every row has one source, an official publication (never an internal file)', () => {
    expect(referenceDoseRows()).toHaveLength(9);
    for (const r of referenceDoseRows()) expect(DOSE_TABLE.some((d) => d.reference?.startsWith(`${r.agent} |`)), r.agent).toBe(true);
    for (const row of DOSE_TABLE) {
      if (row.reference !== null) expect(referenceDoseRows().some((r) => r.agent === row.reference!.split(' | ')[0])).toBe(true);
      expect(row.source.url).toMatch(/^https:\/\/(dailymed\.nlm\.nih\.gov|www\.medicines\.org\.uk\/emc|bnf\.nice\.org\.uk|www\.pfizermedicalinformation\.com)\//);
      expect(`${row.source.citation} ${row.notes.join(' ')} ${row.uncertainNotes.join(' ')}`).not.toMatch(/blocks\.md|§\d|\[S\d+\]/);
    }
    expect(new Set(DOSE_TABLE.map((r) => r.id)).size).toBe(DOSE_TABLE.length);
  });

  it('every agent, plain and with adrenaline, has exactly one row in each region', () => {
    for (const region of DOSE_REGIONS) {
      for (const agent of new Set(DOSE_TABLE.map((r) => r.agent))) {
        for (const adrenaline of [false, true]) {
          const rows = DOSE_TABLE.filter((r) => r.agent === agent && r.regions.includes(region) && (r.adrenaline === adrenaline || r.adrenaline === 'either'));
          expect(rows, `${agent} ${adrenaline} ${region}`).toHaveLength(1);
        }
      }
    }
  });

  it('lidocaine plain and with adrenaline, with the UK (BNF) figures', () => {
    const plain = doseLimitFor('lidocaine', false);
    expect(plain.mgPerKg).toBe(ref.lidoPlain.mgPerKg);
    expect(plain.ceilingMg).toBe(ref.lidoPlain.ceiling);
    expect(regionalLimits(plain, 'UK')).toEqual({ mgPerKg: ref.lidoPlain.ukMgPerKg, ceilingMg: ref.lidoPlain.ukCeiling });
    expect(plain.uncertain).toBe(ref.lidoPlain.uncertain);
    const adr = doseLimitFor('lidocaine', true);
    expect([adr.mgPerKg, adr.ceilingMg]).toEqual([ref.lidoAdr.mgPerKg, ref.lidoAdr.ceiling]);
    expect(regionalLimits(adr, 'UK')).toEqual({ mgPerKg: ref.lidoAdr.mgPerKg, ceilingMg: ref.lidoAdr.ceiling });
  });

  it('bupivacaine plain (range, US label vs UK per 4 h) and with adrenaline', () => {
    const plain = doseLimitFor('bupivacaine', false);
    expect(plain.mgPerKgRange).toEqual(ref.bupiPlain.mgPerKgRange);
    expect(plain.mgPerKg).toBe(Math.min(...ref.bupiPlain.mgPerKgRange)); // conservative lower bound
    expect(plain.ceilingMg).toBe(ref.bupiPlain.ceiling);
    expect(regionalLimits(plain, 'UK').ceilingMg).toBe(ref.bupiPlain.ukCeiling);
    expect(plain.per24hMg).toBe(ref.bupiPlain.per24h);
    const adr = doseLimitFor('bupivacaine', true);
    expect([adr.mgPerKg, adr.ceilingMg]).toEqual([ref.bupiAdr.mgPerKg, ref.bupiAdr.ceiling]);
  });

  it('[?] rows are flagged uncertain, others not', () => {
    for (const r of referenceDoseRows()) {
      const rows = DOSE_TABLE.filter((d) => d.reference?.split(' | ')[0] === r.agent);
      expect(rows.length).toBeGreaterThan(0);
      for (const d of rows) expect(d.uncertain, d.label).toBe(r.uncertain);
    }
    expect(ref.levo.uncertain && ref.ropi.uncertain && ref.lipo.uncertain && ref.mepi.uncertain).toBe(true);
  });

  it('levobupivacaine, ropivacaine (range, lower bound applied), chloroprocaine, mepivacaine, liposomal', () => {
    const levo = doseLimitFor('levobupivacaine', false);
    expect([levo.mgPerKg, levo.ceilingMg]).toEqual([ref.levo.mgPerKg, ref.levo.ceiling]);
    const ropi = doseLimitFor('ropivacaine', true);
    expect(ropi.mgPerKg).toBe(ref.ropi.mgPerKg);
    expect(ropi.ceilingRangeMg).toEqual(ref.ropi.ceilingRange);
    expect(ropi.ceilingMg).toBe(Math.min(...ref.ropi.ceilingRange));
    expect([doseLimitFor('chloroprocaine', false).mgPerKg, doseLimitFor('chloroprocaine', false).ceilingMg]).toEqual([ref.chloroPlain.mgPerKg, ref.chloroPlain.ceiling]);
    expect([doseLimitFor('chloroprocaine', true).mgPerKg, doseLimitFor('chloroprocaine', true).ceilingMg]).toEqual([ref.chloroAdr.mgPerKg, ref.chloroAdr.ceiling]);
    expect([doseLimitFor('mepivacaine', false).mgPerKg, doseLimitFor('mepivacaine', false).ceilingMg]).toEqual([ref.mepi.mgPerKg, ref.mepi.ceiling]);
    const lipo = doseLimitFor('liposomal-bupivacaine', false);
    expect(ref.lipo.mgPerKgNa).toBe(true);
    expect(lipo.mgPerKg).toBeNull();
    expect(lipo.ceilingMg).toBe(ref.lipo.ceiling);
    expect(lipo.siteCeilingsMg?.interscalene).toBe(ref.lipo.interscalene);
  });
});

describe('calculator: each agent, plain and with adrenaline (70 kg, US)', () => {
  const ref = expectedFromReference();
  const W = 70;
  const cases: { name: string; agent: Injectate['agent'] & string; adrenaline: boolean; mgPerKg: number | null; ceiling: number }[] = [
    { name: 'lidocaine plain', agent: 'lidocaine', adrenaline: false, mgPerKg: ref.lidoPlain.mgPerKg, ceiling: ref.lidoPlain.ceiling },
    { name: 'lidocaine + adrenaline', agent: 'lidocaine', adrenaline: true, mgPerKg: ref.lidoAdr.mgPerKg, ceiling: ref.lidoAdr.ceiling },
    { name: 'bupivacaine plain', agent: 'bupivacaine', adrenaline: false, mgPerKg: Math.min(...ref.bupiPlain.mgPerKgRange), ceiling: ref.bupiPlain.ceiling },
    { name: 'bupivacaine + adrenaline', agent: 'bupivacaine', adrenaline: true, mgPerKg: ref.bupiAdr.mgPerKg, ceiling: ref.bupiAdr.ceiling },
    { name: 'levobupivacaine', agent: 'levobupivacaine', adrenaline: false, mgPerKg: ref.levo.mgPerKg, ceiling: ref.levo.ceiling },
    { name: 'levobupivacaine + adrenaline (no separate row)', agent: 'levobupivacaine', adrenaline: true, mgPerKg: ref.levo.mgPerKg, ceiling: ref.levo.ceiling },
    { name: 'ropivacaine', agent: 'ropivacaine', adrenaline: false, mgPerKg: ref.ropi.mgPerKg, ceiling: Math.min(...ref.ropi.ceilingRange) },
    { name: 'ropivacaine + adrenaline (no separate row)', agent: 'ropivacaine', adrenaline: true, mgPerKg: ref.ropi.mgPerKg, ceiling: Math.min(...ref.ropi.ceilingRange) },
    { name: 'chloroprocaine plain', agent: 'chloroprocaine', adrenaline: false, mgPerKg: ref.chloroPlain.mgPerKg, ceiling: ref.chloroPlain.ceiling },
    { name: 'chloroprocaine + adrenaline', agent: 'chloroprocaine', adrenaline: true, mgPerKg: ref.chloroAdr.mgPerKg, ceiling: ref.chloroAdr.ceiling },
    { name: 'mepivacaine', agent: 'mepivacaine', adrenaline: false, mgPerKg: ref.mepi.mgPerKg, ceiling: ref.mepi.ceiling },
    { name: 'liposomal bupivacaine (no mg/kg in adults)', agent: 'liposomal-bupivacaine', adrenaline: false, mgPerKg: null, ceiling: ref.lipo.ceiling },
  ];
  for (const c of cases) {
    it(c.name, () => {
      // 0.5% × 20 mL = 100 mg (0.5% = 5 mg/mL).
      const s = calculateDose(input([inj(c.agent as Injectate['agent'], 0.5, 20, c.adrenaline)]));
      expect(s.injections[0]!.mg).toBeCloseTo(100, 10);
      const a = s.agents[0]!;
      const expectedMax = c.mgPerKg === null ? c.ceiling : Math.min(c.mgPerKg * W, c.ceiling);
      expect(a.maxMg).toBeCloseTo(expectedMax, 10);
      expect(a.fraction).toBeCloseTo(100 / expectedMax, 10);
      expect(a.mgPerKgGiven).toBeCloseTo(100 / W, 10);
      expect(a.maxBasis).toBe(c.mgPerKg !== null && c.mgPerKg * W < c.ceiling ? 'weight' : 'ceiling');
    });
  }
});

describe('calculator: arithmetic, thresholds, weight', () => {
  const ref = expectedFromReference();
  it('concentration × volume: 0.5% = 5 mg/mL; 1% × 10 mL = 100 mg; 0.25% × 30 mL = 75 mg', () => {
    expect(mgFromConcentration(0.5, 1)).toBe(5);
    expect(mgFromConcentration(1, 10)).toBe(100);
    expect(mgFromConcentration(0.25, 30)).toBe(75);
  });

  it('cautions at exactly 80%, not over at exactly 100%, over just above', () => {
    const max = Math.min(ref.ropi.mgPerKg * 70, Math.min(...ref.ropi.ceilingRange));
    const vol = (fraction: number) => (fraction * max) / 5; // mL of 0.5% (5 mg/mL)
    const at = (f: number) => calculateDose(input([inj('ropivacaine', 0.5, vol(f))]));
    expect(at(0.79).level).toBe('ok');
    expect(at(0.8).level).toBe('caution');
    expect(at(1).level).toBe('caution');
    expect(at(1.01).level).toBe('over');
    expect(at(1.01).messages.some((m) => m.code === 'dose/agent-over')).toBe(true);
  });

  it('UK vs US: lidocaine plain 60 kg and bupivacaine plain 100 kg', () => {
    const lidoUS = calculateDose(input([inj('lidocaine', 1, 10)], { weightKg: 60 })).agents[0]!;
    const lidoUK = calculateDose(input([inj('lidocaine', 1, 10)], { weightKg: 60, region: 'UK' })).agents[0]!;
    expect(lidoUS.maxMg).toBeCloseTo(Math.min(ref.lidoPlain.mgPerKg * 60, ref.lidoPlain.ceiling), 10);
    expect(lidoUK.maxMg).toBeCloseTo(Math.min(ref.lidoPlain.ukMgPerKg * 60, ref.lidoPlain.ukCeiling), 10);
    const bUS = calculateDose(input([inj('bupivacaine', 0.5, 10)], { weightKg: 100 })).agents[0]!;
    const bUK = calculateDose(input([inj('bupivacaine', 0.5, 10)], { weightKg: 100, region: 'UK' })).agents[0]!;
    expect(bUS.maxMg).toBe(ref.bupiPlain.ceiling);
    expect(bUK.maxMg).toBe(ref.bupiPlain.ukCeiling);
  });

  it('ideal body weight (Devine 1974), hand-computed: 6 ft man 77.6 kg, 5 ft 4 in woman 54.7 kg', () => {
    expect(idealBodyWeightKg(6 * 12 * 2.54, 'male')!.kg).toBeCloseTo(50 + 2.3 * 12, 10);
    expect(idealBodyWeightKg(64 * 2.54, 'female')!.kg).toBeCloseTo(45.5 + 2.3 * 4, 10);
    expect(idealBodyWeightKg(170, 'unknown')).toBeNull();
    expect(idealBodyWeightKg(undefined, 'male')).toBeNull();
    expect(idealBodyWeightKg(140, 'female')!.belowFiveFeet).toBe(true);
  });

  it('ideal-weight path: an obese 6 ft man (120 kg) is dosed on 77.6 kg', () => {
    const ibw = 50 + 2.3 * 12;
    const s = calculateDose(input([inj('bupivacaine', 0.5, 20, true)], { weightKg: 120, heightCm: 6 * 12 * 2.54, sex: 'male', weightBasis: 'ideal' }));
    expect(s.weight.usedKg).toBeCloseTo(ibw, 10);
    expect(s.weight.usedIs).toBe('ideal');
    const a = s.agents[0]!;
    expect(a.maxMg).toBeCloseTo(Math.min(ref.bupiAdr.mgPerKg * ibw, ref.bupiAdr.ceiling), 10);
    expect(a.mgPerKgGiven).toBeCloseTo(100 / ibw, 10);
    // On actual weight the same patient gets a BMI caution pointing to ideal weight.
    const actual = calculateDose(input([inj('bupivacaine', 0.5, 20, true)], { weightKg: 120, heightCm: 182.88, sex: 'male' }));
    expect(actual.messages.some((m) => m.code === 'dose/obesity-actual-weight')).toBe(true);
    expect(actual.agents[0]!.maxMg).toBe(ref.bupiAdr.ceiling);
  });

  it('ideal basis without height/sex is an error and applies only ceilings; light patients keep actual weight', () => {
    const s = calculateDose(input([inj('lidocaine', 1, 10)], { weightBasis: 'ideal' }));
    expect(s.messages.some((m) => m.level === 'error' && m.code === 'dose/no-ideal-weight')).toBe(true);
    expect(s.agents[0]!.maxMg).toBe(ref.lidoPlain.ceiling);
    const light = calculateDose(input([inj('lidocaine', 1, 10)], { weightKg: 50, heightCm: 182.88, sex: 'male', weightBasis: 'ideal' }));
    expect(light.weight.usedKg).toBe(50);
  });

  it('no weight: error message, ceiling only', () => {
    const s = calculateDose(input([inj('ropivacaine', 0.2, 20)], { weightKg: undefined }));
    expect(s.messages.some((m) => m.code === 'dose/no-weight')).toBe(true);
    expect(s.agents[0]!.maxMg).toBe(Math.min(...ref.ropi.ceilingRange));
  });

  it('summed agents: lidocaine 1% 10 mL + ropivacaine 0.5% 20 mL at 70 kg', () => {
    const lidoMax = Math.min(ref.lidoPlain.mgPerKg * 70, ref.lidoPlain.ceiling);
    const ropiMax = Math.min(ref.ropi.mgPerKg * 70, Math.min(...ref.ropi.ceilingRange));
    const s = calculateDose(input([inj('lidocaine', 1, 10), inj('ropivacaine', 0.5, 20)]));
    expect(s.totalFraction).toBeCloseTo(100 / lidoMax + 100 / ropiMax, 10);
    expect(s.level).toBe(100 / lidoMax + 100 / ropiMax >= 0.8 ? 'caution' : 'ok');
    expect(s.messages.some((m) => m.code === 'dose/sum-caution')).toBe(true);
    // Each alone is under 80%.
    expect(s.agents.every((a) => a.level === 'ok')).toBe(true);
  });

  it('same agent plain and with adrenaline are separate fractions; two sites of one agent add', () => {
    const s = calculateDose(input([inj('lidocaine', 1, 10), inj('lidocaine', 1, 10, true), inj('lidocaine', 1, 5)]));
    expect(s.agents).toHaveLength(2);
    const plain = s.agents.find((a) => !a.adrenaline)!;
    expect(plain.totalMg).toBe(150);
    const adr = s.agents.find((a) => a.adrenaline)!;
    expect(adr.maxMg).toBeCloseTo(Math.min(ref.lidoAdr.mgPerKg * 70, ref.lidoAdr.ceiling), 10);
  });

  it('missing concentration or volume is reported and not silently counted', () => {
    const s = calculateDose(input([{ agent: 'ropivacaine', volumeMl: 20, adrenaline: false }]));
    expect(s.injections[0]!.mg).toBeNull();
    expect(s.messages.some((m) => m.code === 'dose/incomplete-injection' && /concentration/.test(m.text))).toBe(true);
    expect(s.agents[0]!.incomplete).toBe(true);
    expect(s.level).toBe('unknown');
  });
});

describe('calculator: liposomal bupivacaine rules (Exparel label, reference §2)', () => {
  const ref = expectedFromReference();
  // Exparel: 266 mg in 20 mL = 13.3 mg/mL = 1.33%.
  const conc = ref.lipo.ceiling / 20 / 10;
  it('266 mg ceiling with no mg/kg: the full 20 mL is 100%', () => {
    const s = calculateDose(input([inj('liposomal-bupivacaine', conc, 20)], { weightKg: 40 }));
    expect(s.agents[0]!.maxMg).toBe(ref.lipo.ceiling);
    expect(s.agents[0]!.fraction).toBeCloseTo(1, 10);
    expect(s.level).toBe('caution');
  });
  it('interscalene ceiling 133 mg: 20 mL is over', () => {
    const s = calculateDose(input([inj('liposomal-bupivacaine', conc, 20)], { interscalene: true }));
    expect(s.agents[0]!.maxMg).toBe(ref.lipo.interscalene);
    expect(s.level).toBe('over');
  });
  it('plain:liposomal ratio ≤ 1:2 passes, above it is over; not convertible mg-for-mg', () => {
    const lipoMg = ref.lipo.ceiling; // 20 mL
    const okPlainMg = lipoMg / ref.lipo.ratio; // exactly 1:2
    const okS = calculateDose(input([inj('liposomal-bupivacaine', conc, 20), inj('bupivacaine', 0.5, okPlainMg / 5)], { weightKg: 100 }));
    expect(okS.messages.some((m) => m.code === 'dose/liposomal-ratio')).toBe(false);
    expect(okS.messages.some((m) => m.code === 'dose/liposomal-ratio-ok')).toBe(true);
    expect(okS.messages.some((m) => m.code === 'dose/liposomal-not-convertible')).toBe(true);
    expect(okS.agents).toHaveLength(2); // separate agents, separate maxima
    const bad = calculateDose(input([inj('liposomal-bupivacaine', conc, 10), inj('bupivacaine', 0.5, 20)], { weightKg: 100 }));
    expect(bad.messages.some((m) => m.code === 'dose/liposomal-ratio' && m.level === 'over')).toBe(true);
    expect(bad.level).toBe('over');
  });
  it('other LAs with liposomal bupivacaine: ≥ 20 min before, flagged [?]', () => {
    const s = calculateDose(input([inj('liposomal-bupivacaine', conc, 10), inj('lidocaine', 1, 5)]));
    const m = s.messages.find((x) => x.code === 'dose/liposomal-other-la');
    expect(m?.uncertain).toBe(true);
    expect(m?.text).toMatch(/20 min/);
  });
});

describe('issue 11 item 3: dose arithmetic regressions', () => {
  const ref = expectedFromReference();

  it('(a) every agent counts: lidocaine 250 mg + chloroprocaine 750 mg at 70 kg is ≥ 180% and over', () => {
    const s = calculateDose(input([inj('lidocaine', 1, 25), inj('chloroprocaine', 3, 25)]));
    const lidoMax = Math.min(ref.lidoPlain.mgPerKg * 70, ref.lidoPlain.ceiling);
    const chloroMax = Math.min(ref.chloroPlain.mgPerKg * 70, ref.chloroPlain.ceiling);
    expect(s.totalFraction).toBeCloseTo(250 / lidoMax + 750 / chloroMax, 10);
    expect(s.totalFraction).toBeGreaterThanOrEqual(1.8);
    expect(s.level).toBe('over');
    expect(s.messages.some((m) => m.code === 'dose/sum-over')).toBe(true);
  });

  it('(b) UK bupivacaine with adrenaline has its own row: the UK ceiling, not the US 3 mg/kg / 225 mg', () => {
    const uk = limitIn('bupivacaine', true, 'UK');
    const us = limitIn('bupivacaine', true, 'US');
    expect(uk).not.toBe(us);
    expect([us.mgPerKg, us.ceilingMg]).toEqual([ref.bupiAdr.mgPerKg, ref.bupiAdr.ceiling]);
    // The UK SmPC gives the same maximum with adrenaline as without (the reference's UK plain ceiling).
    expect(uk.ceilingMg).toBe(ref.bupiPlain.ukCeiling);
    expect(uk.mgPerKg).toBe(Math.min(...ref.bupiPlain.mgPerKgRange));
    expect(uk.source.url).toMatch(/medicines\.org\.uk\/emc/);
    // 75 kg, 0.5% × 40 mL = 200 mg with adrenaline: within the US maximum, over the UK one.
    const dose = (region: DoseRegion) => calculateDose(input([inj('bupivacaine', 0.5, 40, true)], { weightKg: 75, region }));
    expect(dose('US').level).toBe('caution');
    expect(dose('UK').level).toBe('over');
    expect(dose('UK').agents[0]!.maxMg).toBe(ref.bupiPlain.ukCeiling);
  });

  it('(c) until a region is picked the more conservative maximum applies and the summary says which', () => {
    const s = calculateDose(input([inj('lidocaine', 1, 10)], { region: undefined, weightKg: 60 }));
    expect(s.region).toBeNull();
    const a = s.agents[0]!;
    expect(a.maxMg).toBeCloseTo(Math.min(ref.lidoPlain.ukMgPerKg * 60, ref.lidoPlain.ukCeiling, ref.lidoPlain.mgPerKg * 60, ref.lidoPlain.ceiling), 10);
    expect(a.region).toBe('UK');
    expect(a.regionText).toBe('UK: the lower of US and UK (region not chosen)');
    expect(calculateDose(input([inj('chloroprocaine', 3, 10)], { region: undefined })).agents[0]!.regionText).toBe('US and UK labels agree');
    const msg = s.messages.find((m) => m.code === 'dose/region-not-chosen');
    expect(msg?.text).toMatch(/Lidocaine, plain: UK/);
    // Where the regions agree, the message names none.
    const ropi = calculateDose(input([inj('ropivacaine', 0.5, 20)], { region: undefined }));
    expect(ropi.agents[0]!.maxMg).toBe(calculateDose(input([inj('ropivacaine', 0.5, 20)])).agents[0]!.maxMg);
    // A note without a region chosen applies the rule too (the schema no longer defaults to US).
    const n = NoteSchema.parse({ preChecks: { weightKg: 60 }, injectate: [inj('lidocaine', 1, 10)] });
    expect(n.doseSettings.region).toBeUndefined();
    expect(noteDose(n).agents[0]!.maxMg).toBe(a.maxMg);
  });

  it('(d) skin infiltration counts toward the total and is named', () => {
    const skin = { ...inj('lidocaine', 1, 10), site: SKIN_INFILTRATION_SITE };
    const block = inj('ropivacaine', 0.5, 30);
    const s = calculateDose(input([skin, block]));
    const alone = calculateDose(input([block]));
    expect(s.injections[0]!.skinInfiltration).toBe(true);
    expect(s.totalFraction).toBeGreaterThan(alone.totalFraction);
    expect(s.totalFraction).toBeCloseTo(alone.totalFraction + 100 / Math.min(ref.lidoPlain.mgPerKg * 70, ref.lidoPlain.ceiling), 10);
    expect(s.messages.find((m) => m.code === 'dose/skin-infiltration-counted')?.text).toMatch(/Lidocaine 100 mg/);
  });

  it('(f) the caution threshold is a labelled BlockPlan default and a setting', () => {
    const s = calculateDose(input([inj('ropivacaine', 0.5, 30)])); // 150 of 200 mg = 75%
    expect(s.caution.isDefault).toBe(true);
    expect(s.caution.label).toMatch(/BlockPlan default/);
    expect(s.level).toBe('ok');
    const stricter = calculateDose(input([inj('ropivacaine', 0.5, 30)], { cautionPercent: 70 }));
    expect(stricter.level).toBe('caution');
    expect(stricter.messages.find((m) => m.code === 'dose/agent-caution')?.text).toMatch(/≥ 70%, as set/);
    const atDefault = calculateDose(input([inj('ropivacaine', 0.5, 32)]));
    expect(atDefault.messages.find((m) => m.code === 'dose/agent-caution')?.text).toMatch(/≥ 80%, a BlockPlan default/);
  });

  it('a dose in mg (the CLI form) is counted like concentration × volume', () => {
    const a = calculateDose(input([{ agent: 'ropivacaine', adrenaline: false, mg: 150 }]));
    const b = calculateDose(input([inj('ropivacaine', 0.5, 30)]));
    expect(a.totalFraction).toBeCloseTo(b.totalFraction, 12);
  });

  it('sources: the publications of the rows applied, and nothing internal', () => {
    const s = calculateDose(input([inj('lidocaine', 1, 10), inj('bupivacaine', 0.5, 10, true)], { region: 'UK' }));
    expect(s.sources.map((x) => x.id)).toEqual(expect.arrayContaining([limitIn('lidocaine', false, 'UK').source.id, limitIn('bupivacaine', true, 'UK').source.id]));
    expect(JSON.stringify(s)).not.toMatch(/blocks\.md|§\d/);
  });
});
