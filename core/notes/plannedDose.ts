import type { BlockTemplate } from '../blocks/schema';
import { calculateDose, mgFromConcentration, SKIN_INFILTRATION_SITE, type DoseInjection, type DoseInput, type DoseSummary } from './doseCalc';
import type { LocalAnaestheticId } from './schema';

/**
 * The planned-volume check (issue 11 item 4): before the block, the planned volume × concentration ×
 * injection sites × sides is checked against the maximum with the same calculator, levels and
 * messages as the injectate recorded in the note (doseCalc.ts). The plan panel and `blockplan dose
 * --planned` both call `plannedDose`; the defaults come from the block template (`plannedDefaults`).
 */

/** The planned local anaesthetic: one agent at one concentration, the same volume at every site. */
export interface PlannedInjectate {
  agent: LocalAnaestheticId;
  /** % w/v (0.5% = 5 mg/mL). */
  concentrationPercent: number;
  adrenaline: boolean;
  /** Volume at each site, mL. */
  volumeMlPerSite: number;
  /** Injection sites per side. */
  sites: number;
  /** 1, or 2 for a bilateral block. */
  sides: number;
}

export interface PlannedDoseInput extends Omit<DoseInput, 'injectate'> {
  planned: PlannedInjectate;
  /** Skin infiltration planned beside the block (it counts toward the total). */
  skinInfiltration?: Omit<DoseInjection, 'site'>;
}

export interface PlannedDose {
  /** Total planned volume of the block injectate, mL. */
  totalVolumeMl: number;
  /** mg of the block injectate (skin infiltration excluded). */
  blockMg: number;
  /** The calculator's summary over the block injectate and any skin infiltration. */
  summary: DoseSummary;
}

/** Checks a planned injectate against the maximum. */
export function plannedDose(input: PlannedDoseInput): PlannedDose {
  const p = input.planned;
  const count = p.sites * p.sides;
  const totalVolumeMl = p.volumeMlPerSite * count;
  const site = `planned: ${p.sites} site${p.sites === 1 ? '' : 's'} × ${p.sides} side${p.sides === 1 ? '' : 's'} × ${p.volumeMlPerSite} mL`;
  const injectate: DoseInjection[] = [{ agent: p.agent, adrenaline: p.adrenaline, concentrationPercent: p.concentrationPercent, volumeMl: totalVolumeMl, site }];
  if (input.skinInfiltration) injectate.push({ ...input.skinInfiltration, site: SKIN_INFILTRATION_SITE });
  const { planned: _planned, skinInfiltration: _skin, ...rest } = input;
  return { totalVolumeMl, blockMg: mgFromConcentration(p.concentrationPercent, totalVolumeMl), summary: calculateDose({ ...rest, injectate }) };
}

/** What a template and the plan's side suggest for the planned volume, sites and sides. */
export interface PlannedDefaults {
  /** The template's upper volume per site, mL (the worst case to check), or null when it gives none. */
  volumeMlPerSite: number | null;
  /** The template's volume range as text, with its note, for display beside the field. */
  volumeText: string;
  sites: number;
  sides: number;
}

/** Defaults for the planned-dose check from a block template and the side chosen in the plan. */
export function plannedDefaults(template: BlockTemplate | undefined, side: string | null): PlannedDefaults {
  const v = template?.volumeMl;
  const known = v?.status === 'known';
  const upper = known ? (v.max ?? v.typical ?? v.min) : null;
  const range = known ? (v.min !== null && v.max !== null && v.min !== v.max ? `${v.min}–${v.max} mL` : `${upper} mL`) : 'no volume in the template';
  return {
    volumeMlPerSite: upper,
    volumeText: `${range}${v?.note ? ` (${v.note})` : ''}${v?.uncertain ? ' [?]' : ''}`,
    sites: template?.injectionSites ?? 1,
    sides: side === 'bilateral' ? 2 : 1,
  };
}
