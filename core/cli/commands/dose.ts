/**
 * `blockplan dose`: the app's local-anaesthetic dose calculator (core/notes doseCalc, and the
 * planned-volume check plannedDose) outside the app, so a figure can be checked independently.
 */
import { calculateDose, formatNumber, type DoseInjection, type DoseSummary } from '../../notes/doseCalc';
import type { DoseRegion } from '../../notes/doses';
import { plannedDose, type PlannedInjectate } from '../../notes/plannedDose';
import { LOCAL_ANAESTHETIC_IDS, type LocalAnaestheticId } from '../../notes/schema';
import { parseFlags } from '../flags';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan dose --weight KG [--height CM --sex female|male] [--ideal] [--region us|uk]
         [--interscalene] [--caution-percent N] --agent NAME:MG[:adrenaline]... [--json]
       blockplan dose --weight KG ... --planned NAME:PERCENT:ML[:adrenaline] [--sites N] [--sides 1|2]

Local-anaesthetic dose against the maximum, with the calculator the app uses: each agent as a
fraction of its own maximum (the lower of mg/kg x weight and the label's ceiling), every agent summed.
  --weight KG          actual body weight
  --height CM, --sex   for ideal body weight (Devine 1974); --ideal applies the mg/kg maxima to it
  --region us|uk       whose labels apply; without it, the lower maximum of the two, per agent
  --interscalene       interscalene block (liposomal bupivacaine's interscalene ceiling)
  --caution-percent N  caution threshold, % of a maximum (default 80: a BlockPlan default)
  --agent NAME:MG[:adrenaline]   a dose given, in mg; repeat for each agent or injection
  --planned NAME:PERCENT:ML[:adrenaline]   a planned injectate: concentration (% w/v) and volume
                       per site, times --sites (default 1) and --sides (default 1, 2 = bilateral)
  --json               one JSON object: per agent mg, maxMg, fraction; totalFraction; level; sources
Agents: ${LOCAL_ANAESTHETIC_IDS.join(', ')}.
Exit status: 0 calculated (whatever the level), 2 usage error.`;

interface Args {
  weightKg?: number;
  heightCm?: number;
  sex?: 'female' | 'male';
  ideal: boolean;
  region?: DoseRegion;
  interscalene: boolean;
  cautionPercent?: number;
  agents: DoseInjection[];
  planned?: Omit<PlannedInjectate, 'sites' | 'sides'>;
  sites: number;
  sides: number;
  json: boolean;
}

function positive(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, got '${v ?? ''}'`);
  return n;
}

function agentId(name: string, spec: string): LocalAnaestheticId {
  const id = name.trim().toLowerCase();
  if (!(LOCAL_ANAESTHETIC_IDS as readonly string[]).includes(id)) throw new UsageError(`unknown agent '${name}' in '${spec}' (agents: ${LOCAL_ANAESTHETIC_IDS.join(', ')})`);
  return id as LocalAnaestheticId;
}

function adrenalineFlag(v: string | undefined, spec: string): boolean {
  if (v === undefined) return false;
  if (/^(adrenaline|epinephrine|adr|epi)$/i.test(v)) return true;
  throw new UsageError(`'${spec}': the last part must be 'adrenaline' (or nothing), got '${v}'`);
}

function parse(args: string[]): Args {
  const a: Omit<Args, 'json'> = { ideal: false, interscalene: false, agents: [], sites: 1, sides: 1 };
  const { json } = parseFlags(args, (flag, value) => {
    switch (flag) {
      case '--weight':
        a.weightKg = positive(flag, value());
        return true;
      case '--height':
        a.heightCm = positive(flag, value());
        return true;
      case '--sex': {
        const v = value().toLowerCase();
        if (v !== 'female' && v !== 'male') throw new UsageError(`--sex must be female or male, got '${v}'`);
        a.sex = v;
        return true;
      }
      case '--ideal':
        a.ideal = true;
        return true;
      case '--region': {
        const v = value().toUpperCase();
        if (v !== 'US' && v !== 'UK') throw new UsageError(`--region must be us or uk, got '${v.toLowerCase()}'`);
        a.region = v;
        return true;
      }
      case '--interscalene':
        a.interscalene = true;
        return true;
      case '--caution-percent': {
        const n = positive(flag, value());
        if (n > 100) throw new UsageError('--caution-percent must be at most 100');
        a.cautionPercent = n;
        return true;
      }
      case '--agent': {
        const spec = value();
        const [name, mg, adr, ...more] = spec.split(':');
        if (!name || mg === undefined || more.length) throw new UsageError(`--agent takes NAME:MG[:adrenaline], got '${spec}'`);
        a.agents.push({ agent: agentId(name, spec), mg: positive(`--agent ${spec}: MG`, mg), adrenaline: adrenalineFlag(adr, spec) });
        return true;
      }
      case '--planned': {
        const spec = value();
        const [name, pct, ml, adr, ...more] = spec.split(':');
        if (!name || pct === undefined || ml === undefined || more.length) throw new UsageError(`--planned takes NAME:PERCENT:ML[:adrenaline], got '${spec}'`);
        a.planned = { agent: agentId(name, spec), concentrationPercent: positive(`--planned ${spec}: PERCENT`, pct.replace(/%$/, '')), volumeMlPerSite: positive(`--planned ${spec}: ML`, ml), adrenaline: adrenalineFlag(adr, spec) };
        return true;
      }
      case '--sites':
      case '--sides': {
        const n = positive(flag, value());
        if (!Number.isInteger(n) || (flag === '--sides' && n > 2)) throw new UsageError(`${flag} must be a whole number${flag === '--sides' ? ' (1 or 2)' : ''}`);
        if (flag === '--sites') a.sites = n;
        else a.sides = n;
        return true;
      }
      default:
        return false;
    }
  });
  if (a.weightKg === undefined) throw new UsageError('--weight KG is required');
  if (a.ideal && (a.heightCm === undefined || a.sex === undefined)) throw new UsageError('--ideal needs --height and --sex');
  if (!a.agents.length && !a.planned) throw new UsageError('give at least one --agent NAME:MG (or a --planned injectate)');
  if (a.planned && a.agents.length) throw new UsageError('--planned checks one planned injectate; give --agent doses separately');
  return { ...a, json };
}

const pct = (f: number | null) => (f === null ? 'n/a' : `${Math.round(f * 100)}%`);

/** The JSON the command prints: the calculator's figures, rounded to display precision (mg to 0.1, fractions to 0.001). */
export function doseJson(s: DoseSummary, planned?: { totalVolumeMl: number; blockMg: number }) {
  const r = (x: number | null, d: number) => (x === null ? null : Number(x.toFixed(d)));
  return {
    region: s.region ?? 'not chosen (the lower maximum of US and UK, per agent)',
    weight: { usedKg: r(s.weight.usedKg ?? null, 1), basis: s.weight.usedIs ?? null, idealKg: r(s.weight.idealKg ?? null, 1) },
    cautionPercent: Number((s.caution.fraction * 100).toFixed(1)),
    cautionThreshold: s.caution.isDefault ? s.caution.label : 'as set',
    ...(planned ? { planned: { totalVolumeMl: r(planned.totalVolumeMl, 1), mg: r(planned.blockMg, 1) } } : {}),
    agents: s.agents.map((a) => ({
      agent: a.agent,
      label: a.label,
      adrenaline: a.adrenaline,
      mg: r(a.totalMg, 1),
      maxMg: r(a.maxMg, 1),
      maxBasis: a.maxBasis,
      fraction: r(a.fraction, 3),
      level: a.level,
      region: a.region,
      uncertain: a.uncertain,
      source: { citation: a.limit.source.citation, url: a.limit.source.url },
    })),
    totalFraction: r(s.totalFraction, 3),
    level: s.level,
    messages: s.messages.map((m) => ({ level: m.level, code: m.code, text: m.text })),
    sources: s.sources.map((x) => ({ citation: x.citation, url: x.url })),
  };
}

export const dose: CliCommand = {
  summary: 'Local-anaesthetic dose against the maximum (the app’s calculator)',
  usage,
  async run(args, io) {
    const a = parse(args);
    const base = { weightKg: a.weightKg, heightCm: a.heightCm, sex: a.sex, weightBasis: a.ideal ? ('ideal' as const) : ('actual' as const), region: a.region, interscalene: a.interscalene, cautionPercent: a.cautionPercent };
    const p = a.planned ? plannedDose({ ...base, planned: { ...a.planned, sites: a.sites, sides: a.sides } }) : undefined;
    const s = p ? p.summary : calculateDose({ ...base, injectate: a.agents });
    if (a.json) {
      io.out(JSON.stringify(doseJson(s, p), null, 2));
      return 0;
    }
    const lines: string[] = [];
    if (p) lines.push(`Planned: ${formatNumber(p.totalVolumeMl, 1)} mL = ${formatNumber(p.blockMg, 1)} mg`);
    lines.push(`Region: ${s.region ?? 'not chosen — the lower maximum of US and UK, per agent'}; weight used ${s.weight.usedKg === undefined ? 'none' : `${formatNumber(s.weight.usedKg, 1)} kg (${s.weight.usedIs})`}`);
    for (const ag of s.agents) {
      lines.push(`${ag.label}: ${formatNumber(ag.totalMg, 1)} mg of ${ag.maxMg === null ? 'n/a' : `${formatNumber(ag.maxMg, 1)} mg`} = ${pct(ag.fraction)} [${ag.level}] (${ag.region}: ${ag.limit.source.citation})`);
    }
    lines.push(`Total (every agent as a fraction of its own maximum): ${pct(s.totalFraction)} — ${s.level.toUpperCase()} (caution at ${formatNumber(s.caution.fraction * 100)}%: ${s.caution.isDefault ? s.caution.label : 'as set'})`);
    for (const m of s.messages) if (m.code !== 'dose/uncertain-reference') lines.push(`${m.level}: ${m.text}`);
    io.out(lines.join('\n'));
    return 0;
  },
};
