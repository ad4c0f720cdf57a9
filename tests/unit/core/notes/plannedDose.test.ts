import { describe, it, expect } from 'vitest';
import { getBlockTemplate } from '../../../../core/blocks/index';
import { calculateDose } from '../../../../core/notes/doseCalc';
import { plannedDefaults, plannedDose } from '../../../../core/notes/plannedDose';
import { numbers, refRow } from './referenceTable';

const ropi = refRow('ropivacaine');
const ropiMax = (kg: number) => Math.min(numbers(ropi.mgPerKgCell)[0]! * kg, numbers(ropi.ceilingCell)[0]!);
const base = { weightKg: 70, weightBasis: 'actual' as const, region: 'US' as const, interscalene: false };

describe('planned volume against the maximum (issue 11 item 4)', () => {
  it('bilateral quadratus lumborum: the template volume × 2 sides of ropivacaine 0.5% = 300 mg, over', () => {
    const t = getBlockTemplate('quadratus-lumborum-anterior')!;
    const d = plannedDefaults(t, 'bilateral');
    expect(d.volumeMlPerSite).toBe(t.volumeMl.max);
    expect([d.sites, d.sides]).toEqual([1, 2]);
    const p = plannedDose({ ...base, planned: { agent: 'ropivacaine', concentrationPercent: 0.5, adrenaline: false, volumeMlPerSite: d.volumeMlPerSite!, sites: d.sites, sides: d.sides } });
    expect(p.totalVolumeMl).toBe(2 * t.volumeMl.max!);
    expect(p.blockMg).toBe(0.5 * 10 * 2 * t.volumeMl.max!);
    expect(p.blockMg).toBe(300);
    expect(p.summary.agents[0]!.fraction).toBeCloseTo(300 / ropiMax(70), 10);
    expect(p.summary.level).toBe('over');
    // Unilateral, same template: 150 mg = 75% → ok; same levels as the recorded injectate.
    const one = plannedDose({ ...base, planned: { agent: 'ropivacaine', concentrationPercent: 0.5, adrenaline: false, volumeMlPerSite: 30, sites: 1, sides: 1 } });
    const recorded = calculateDose({ ...base, injectate: [{ agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 30, adrenaline: false }] });
    expect(one.summary.level).toBe(recorded.level);
    expect(one.summary.totalFraction).toBeCloseTo(recorded.totalFraction, 12);
  });

  it('genicular: three sites per side multiply the per-site volume', () => {
    const t = getBlockTemplate('genicular')!;
    const d = plannedDefaults(t, 'left');
    expect([d.volumeMlPerSite, d.sites, d.sides]).toEqual([t.volumeMl.max, 3, 1]);
    const p = plannedDose({ ...base, planned: { agent: 'bupivacaine', concentrationPercent: 0.5, adrenaline: false, volumeMlPerSite: 5, sites: d.sites, sides: 1 } });
    expect(p.totalVolumeMl).toBe(15);
  });

  it('skin infiltration planned beside the block counts toward the total', () => {
    const planned = { agent: 'ropivacaine' as const, concentrationPercent: 0.5, adrenaline: false, volumeMlPerSite: 30, sites: 1, sides: 1 };
    const without = plannedDose({ ...base, planned });
    const withSkin = plannedDose({ ...base, planned, skinInfiltration: { agent: 'lidocaine', concentrationPercent: 1, volumeMl: 5, adrenaline: false } });
    expect(withSkin.summary.totalFraction).toBeGreaterThan(without.summary.totalFraction);
    expect(withSkin.summary.injections[1]!.skinInfiltration).toBe(true);
  });

  it('a template without a volume gives no default and says so', () => {
    const d = plannedDefaults(getBlockTemplate('spinal-cord-stimulator-trial'), null);
    expect(d.volumeMlPerSite).toBeNull();
  });
});
