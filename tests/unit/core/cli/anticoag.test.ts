import { describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { repoRoot } from '../../../support/shared';
import { hoursIn, refCells } from '../anticoag/reference';

async function anticoag(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd: repoRoot };
  const code = await main(['anticoag', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('blockplan anticoag', () => {
  it('issue 17 done-when: paravertebral + apixaban treatment, last dose 2026-12-01T08:00:00Z → ≥ 72 h with its source (JSON)', async () => {
    const r = await anticoag(['--block', 'thoracic-paravertebral', '--drug', 'apixaban', '--regimen', 'treatment', '--last-dose', '2026-12-01T08:00:00Z', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const cited = hoursIn(refCells('esaic-dxa-high')[2]!).hours;
    expect(j.intervalHours).toBe(cited);
    expect(j.intervalHours).toBeGreaterThanOrEqual(72);
    expect(j.earliestBlockAt).toBe(new Date(Date.parse('2026-12-01T08:00:00Z') + cited * 3_600_000).toISOString());
    expect(j.intervalSource).toMatch(/ESAIC\/ESRA 2022/);
    expect(j.restartAfterHours).toBe(hoursIn(refCells('esaic-dxa-high')[4]!).hours);
    expect(j.restartSource).toMatch(/^ESAIC\/ESRA 2022, table of time intervals/);
    expect(j.riskClass.map((c: { guideline: string; class: string | null }) => `${c.guideline}:${c.class}`)).toEqual(['ASRA 2018:neuraxial', 'ESAIC/ESRA 2022:deep', 'ASRA/ESRA pain 2018:null']);
    expect(j.sources.map((s: { url: string }) => s.url)).toEqual(['https://doi.org/10.1097/AAP.0000000000000763', 'https://doi.org/10.1097/EJA.0000000000001600', 'https://doi.org/10.1097/AAP.0000000000000700']);
  });

  it('a superficial block (femoral) gives the peripheral-block advice instead of the neuraxial interval', async () => {
    const r = await anticoag(['--block', 'femoral', '--drug', 'apixaban', '--regimen', 'treatment', '--last-dose', '2026-12-01T08:00:00Z', '--json']);
    const j = JSON.parse(r.out);
    const esaic = j.guidelines.find((g: { guideline: string }) => g.guideline === 'ESAIC/ESRA 2022');
    expect(esaic.kind).toBe('superficial');
    expect(esaic.intervalHours).toBeNull();
    expect(j.intervalHours).toBeNull();
  });

  it('text output names the planned time against the earliest, and bad input exits 1 naming it; usage errors exit 2', async () => {
    const t = await anticoag(['--block', 'celiac-plexus', '--drug', 'warfarin', '--last-dose', '2026-12-01T08:00:00Z', '--planned', '2026-12-02T08:00:00Z']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/intermediate-risk procedure/);
    expect(t.out).toMatch(/Planned time: BEFORE the earliest time/);
    // Clopidogrel before the celiac plexus: the label's interval with its section, the restart in the label's words with its own.
    const clop = await anticoag(['--block', 'celiac-plexus', '--drug', 'clopidogrel', '--last-dose', '2026-12-01T08:00:00Z', '--json']);
    const j = JSON.parse(clop.out);
    expect(j.intervalHours).toBe(hoursIn(refCells('label-clopidogrel')[2]!).hours);
    expect(j.intervalSource).toBe('Clopidogrel US label, section 8.1 (neuraxial blockade)');
    expect(j.guidelines.find((g: { guideline: string }) => g.guideline === 'Clopidogrel US label').restartSource).toBe('Clopidogrel US label, section 5.3 (discontinuation)');
    const bad = await anticoag(['--block', 'celiac-plexus', '--drug', 'aspirn']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/aspirn/);
    expect((await anticoag(['--drug', 'apixaban'])).code).toBe(2);
    expect((await anticoag(['--block', 'femoral', '--drug', 'apixaban', '--crcl', 'lots'])).code).toBe(2);
  });
});
