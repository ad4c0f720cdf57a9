import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { LAST_ESSENTIALS, LAST_SOURCE, LAST_UK_SOURCE, lipidEmulsionDoses } from '../../../../core/notes/last';
import { BLOCKS_MD, firstMatch } from './referenceTable';

function section3(): string {
  const md = readFileSync(BLOCKS_MD, 'utf8');
  const s = md.indexOf('## 3. LAST checklist');
  return md.slice(s, md.indexOf('## 4.', s));
}
const nums = (t: string) => [...t.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

describe('LAST essentials (blocks.md §3)', () => {
  const ref = section3();
  const data = LAST_ESSENTIALS.flatMap((s) => s.items.map((i) => i.text)).join('\n');

  it('carries every number of the reference section (heading excepted)', () => {
    const body = ref.split('\n').slice(1).join('\n');
    const refNums = new Set(nums(body));
    const dataNums = new Set(nums(data));
    expect(refNums.size).toBeGreaterThan(10);
    for (const n of refNums) expect(dataNums.has(n), `number ${n} from §3`).toBe(true);
  });

  it('keeps the key instructions and marks the [?] item uncertain', () => {
    for (const phrase of ['Stop injecting LA', 'Benzodiazepine first', 'Propofol does not replace lipid', 'avoid vasopressin', 'perioral numbness']) {
      expect(data.toLowerCase()).toContain(phrase.toLowerCase());
    }
    expect(ref).toMatch(/atypical or delayed \[\?\]/);
    const atypical = LAST_ESSENTIALS.flatMap((s) => s.items).find((i) => /atypical/.test(i.text));
    expect(atypical?.uncertain).toBe(true);
  });

  it('lipid volumes follow the reference figures for 60 kg and 80 kg (height and sex unknown: actual weight)', () => {
    const threshold = firstMatch(ref, />(\d+) kg:/);
    const perKgBolus = firstMatch(ref, /≤\d+ kg: (\d+(?:\.\d+)?) mL\/kg/);
    const perKgMin = firstMatch(ref, /then (\d+(?:\.\d+)?) mL\/kg\/min/);
    const heavyBolus = firstMatch(ref, />\d+ kg: (\d+) mL over/);
    const maxPerKg = firstMatch(ref, /Upper limit ~(\d+) mL\/kg/);
    const ukRate = firstMatch(ref, /then (\d+) mL\/kg\/h/);
    const ukDoubled = firstMatch(ref, /double to (\d+) mL\/kg\/h/);
    const light = lipidEmulsionDoses({ actualKg: threshold - 10 })!;
    expect(light.asra.bolusMl).toBeCloseTo(perKgBolus * (threshold - 10), 10);
    expect(light.asra.infusionMlPerMin).toBeCloseTo(perKgMin * (threshold - 10), 10);
    expect(light.asra.maxTotalMl).toBeCloseTo(maxPerKg * (threshold - 10), 10);
    expect(light.uk.infusionMlPerH).toBeCloseTo(ukRate * (threshold - 10), 10);
    expect(light.uk.doubledInfusionMlPerH).toBeCloseTo(ukDoubled * (threshold - 10), 10);
    const heavy = lipidEmulsionDoses({ actualKg: threshold + 10 })!;
    expect(heavy.asra.bolusMl).toBe(heavyBolus);
    expect(heavy.asra.infusionMl).toEqual([200, 250]);
    expect(lipidEmulsionDoses({ actualKg: threshold })!.asra.bolusMl).toBeCloseTo(perKgBolus * threshold, 10); // ≤ 70 kg uses mL/kg
    expect(lipidEmulsionDoses({ actualKg: 0 })).toBeNull();
  });

  it('mL/kg volumes and the upper limit use lean/ideal body weight, not actual weight (regression: an obese patient got 12 mL/kg of actual weight)', () => {
    const maxPerKg = firstMatch(ref, /Upper limit ~(\d+) mL\/kg/);
    const perKgBolus = firstMatch(ref, /≤\d+ kg: (\d+(?:\.\d+)?) mL\/kg/);
    expect(ref).toMatch(/\(ideal body weight\)/);
    // 5 ft 4 in woman, 120 kg: Devine ideal weight 45.5 + 2.3 × 4 = 54.7 kg (hand-computed).
    const ibw = 45.5 + 2.3 * 4;
    const d = lipidEmulsionDoses({ actualKg: 120, heightCm: 64 * 2.54, sex: 'female' })!;
    expect(d.dosingBasis).toBe('ideal');
    expect(d.dosingKg).toBeCloseTo(ibw, 10);
    expect(d.asra.maxTotalMl).toBeCloseTo(maxPerKg * ibw, 10);
    expect(d.uk.maxTotalMl).toBeCloseTo(maxPerKg * ibw, 10);
    expect(d.uk.bolusMl).toBeCloseTo(perKgBolus * ibw, 10);
    expect(d.asra.maxTotalMl).toBeLessThan(maxPerKg * 120);
    // A light patient below their ideal weight is dosed on actual weight (the lower).
    const thin = lipidEmulsionDoses({ actualKg: 45, heightCm: 180, sex: 'male' })!;
    expect(thin.dosingKg).toBe(45);
    expect(thin.asra.bolusMl).toBeCloseTo(perKgBolus * 45, 10);
  });

  it('cites the publications, never an internal file', () => {
    for (const s of [LAST_SOURCE, LAST_UK_SOURCE]) {
      expect(s.url).toMatch(/^https:\/\/(www\.asra\.com|anaesthetists\.org)\//);
      expect(s.citation).not.toMatch(/blocks\.md|§/);
    }
  });
});
