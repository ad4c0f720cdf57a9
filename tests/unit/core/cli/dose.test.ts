import { describe, it, expect } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { firstMatch, numbers, refRow, repoRoot } from '../notes/referenceTable';

async function dose(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd: repoRoot };
  const code = await main(['dose', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Maxima at 70 kg from the reference table (the lower of mg/kg × weight and the ceiling).
const lido = refRow('lidocaine, plain');
const chloro = refRow('chloroprocaine');
const ropi = refRow('ropivacaine');
const lidoUsMax = Math.min(numbers(lido.mgPerKgCell)[0]! * 70, numbers(lido.ceilingCell)[0]!);
const lidoUkMax = Math.min(firstMatch(lido.mgPerKgCell, /UK BNF (\d+)/) * 70, firstMatch(lido.ceilingCell, /UK (\d+)/));
const chloroMax = Math.min(numbers(chloro.mgPerKgCell)[0]! * 70, numbers(chloro.ceilingCell)[0]!);
const ropiMax = Math.min(numbers(ropi.mgPerKgCell)[0]! * 70, numbers(ropi.ceilingCell)[0]!);

describe('blockplan dose', () => {
  it('issue 11 done-when: lidocaine 250 mg + chloroprocaine 750 mg at 70 kg → totalFraction ≥ 1.8, over (US labels)', async () => {
    const r = await dose(['--weight', '70', '--region', 'us', '--agent', 'lidocaine:250', '--agent', 'chloroprocaine:750', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.totalFraction).toBeCloseTo(250 / lidoUsMax + 750 / chloroMax, 3);
    expect(j.totalFraction).toBeGreaterThanOrEqual(1.8);
    expect(j.level).toBe('over');
    const l = j.agents.find((a: { agent: string }) => a.agent === 'lidocaine');
    expect([l.mg, l.maxMg]).toEqual([250, lidoUsMax]);
    expect(l.fraction).toBeCloseTo(250 / lidoUsMax, 3);
    expect(j.sources.length).toBeGreaterThanOrEqual(2);
    expect(r.out).not.toMatch(/blocks\.md/);
  });

  it('the same command without --region applies the lower (UK) lidocaine maximum and says so', async () => {
    const j = JSON.parse((await dose(['--weight', '70', '--agent', 'lidocaine:250', '--agent', 'chloroprocaine:750', '--json'])).out);
    expect(j.region).toMatch(/not chosen/);
    const l = j.agents.find((a: { agent: string }) => a.agent === 'lidocaine');
    expect([l.maxMg, l.region]).toEqual([lidoUkMax, 'UK']);
    expect(j.totalFraction).toBeCloseTo(250 / lidoUkMax + 750 / chloroMax, 3);
  });

  it('planned: bilateral QL 2 × 30 mL ropivacaine 0.5% = 300 mg is over; the text output says so', async () => {
    const r = await dose(['--weight', '70', '--planned', 'ropivacaine:0.5:30', '--sides', '2', '--json']);
    const j = JSON.parse(r.out);
    expect(j.planned).toEqual({ totalVolumeMl: 60, mg: 300 });
    expect(j.agents[0].maxMg).toBe(ropiMax);
    expect(j.level).toBe('over');
    const t = await dose(['--weight', '70', '--planned', 'ropivacaine:0.5%:30', '--sides', '2']);
    expect(t.out).toMatch(/Planned: 60 mL = 300 mg/);
    expect(t.out).toMatch(/OVER/);
  });

  it('usage errors exit 2 with the reason', async () => {
    for (const [args, re] of [
      [['--agent', 'lidocaine:100'], /--weight/],
      [['--weight', '70', '--agent', 'cocaine:10'], /unknown agent 'cocaine'/],
      [['--weight', '70', '--agent', 'lidocaine:abc'], /positive number/],
      [['--weight', '70'], /at least one --agent/],
      [['--weight', '70', '--region', 'fr', '--agent', 'lidocaine:1'], /us or uk/],
      [['--weight', '70', '--ideal', '--agent', 'lidocaine:1'], /--height and --sex/],
    ] as const) {
      const r = await dose([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
    }
  });
});
