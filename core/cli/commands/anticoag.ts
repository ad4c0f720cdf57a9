/**
 * `blockplan anticoag`: the plan panel's antithrombotic-drug check (core/app/anticoag.ts) outside the
 * app — the block's bleeding-risk class per guideline, the interval from the last dose, the earliest
 * time, whether the planned time meets it, and when the drug may restart, each with its source.
 */
import { anticoagJson, checkAnticoagulation, restartSummary, type AnticoagRequest } from '../../app/anticoag';
import { DRUGS } from '../../anticoag/drugs';
import { parseFlags } from '../flags';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan anticoag --block ID --drug NAME [--regimen prophylactic|treatment|primary|secondary]
         [--last-dose ISO] [--crcl ML_MIN] [--planned ISO] [--json]

What the guidelines say about this drug before this block (ASRA 2018, ESAIC/ESRA 2022, ASRA/ESRA pain
2018), each figure with its source. Guidance, not a rule: the decision is the clinician's.
  --block ID        block template id, e.g. thoracic-paravertebral, celiac-plexus, femoral
  --drug NAME       generic name, e.g. apixaban, clopidogrel, enoxaparin, warfarin
  --regimen R       prophylactic (low dose) or treatment (high dose); aspirin: primary or secondary
  --last-dose ISO   last dose, e.g. 2026-12-01T08:00:00Z (without an offset: local time)
  --crcl ML_MIN     creatinine clearance, mL/min, where the guidelines have renal bands
  --planned ISO     planned block time: says whether it meets the earliest time
  --json            one JSON object: riskClass, earliestBlockAt, intervalHours, restartAfterHours, sources …
Drugs: ${DRUGS.map((d) => d.id).join(', ')}.
Exit status: 0 advice given (whatever it says), 1 bad input, 2 usage error.`;

function parse(args: string[]): AnticoagRequest & { json: boolean } {
  const a: Partial<AnticoagRequest> = {};
  const { json } = parseFlags(args, (flag, value) => {
    switch (flag) {
      case '--block':
        a.blockId = value();
        return true;
      case '--drug':
        a.drug = value();
        return true;
      case '--regimen':
        a.regimen = value();
        return true;
      case '--last-dose':
        a.lastDose = value();
        return true;
      case '--planned':
        a.plannedAt = value();
        return true;
      case '--crcl': {
        const v = value();
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--crcl needs a number (mL/min), got '${v}'`);
        a.crclMlMin = n;
        return true;
      }
      default:
        return false;
    }
  });
  if (!a.blockId) throw new UsageError('--block ID is required');
  if (!a.drug) throw new UsageError('--drug NAME is required');
  return { ...(a as AnticoagRequest), json };
}

export const anticoag: CliCommand = {
  summary: 'Antithrombotic drug before a block: bleeding-risk class, earliest time, restart (with sources)',
  usage,
  async run(args, io) {
    const a = parse(args);
    const r = checkAnticoagulation(a);
    if (!r.ok) {
      io.err(`error: ${r.error.title}${r.error.action ? ` ${r.error.action}` : ''}`);
      return 1;
    }
    const j = anticoagJson(r.value);
    if (a.json) {
      io.out(JSON.stringify(j, null, 2));
      return 0;
    }
    const lines = [
      `${j.block.name} — ${j.drug.name}${j.drug.regimen !== 'any' ? ` (${j.drug.regimen})` : ''}`,
      `Bleeding-risk class: ${r.value.advice.riskClassText}`,
      ...j.guidelines.map((g) => `- ${g.message}`),
      j.intervalHours === null ? 'Earliest time: no confirmed interval to compute it from.' : `Earliest time: ${j.earliestBlockAt ?? `${j.intervalHours} h after the last dose (give --last-dose)`} (${j.intervalSource})`,
      ...(j.plannedMeets === null ? [] : [`Planned time: ${j.plannedMeets ? 'meets the earliest time' : 'BEFORE the earliest time'}`]),
      `Restart: ${restartSummary(r.value.advice)}`,
      ...j.notes,
    ];
    io.out(lines.join('\n'));
    return 0;
  },
};
