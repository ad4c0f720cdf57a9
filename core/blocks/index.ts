/**
 * Block templates: the data behind the block picker and the block card, and the structure vocabulary
 * annotations are labelled with. See ./schema.ts for the shape and ./README.md for the conventions.
 */
import { BlockTemplateSchema, type BlockTemplate, type BlockTemplateInput } from './schema';
import { searchTemplates, type BlockSearchHit } from './search';
import { celiacPlexus } from './templates/celiac-plexus';
import { erectorSpinaePlane } from './templates/erector-spinae-plane';
import { femoral } from './templates/femoral';
import { ganglionImpar } from './templates/ganglion-impar';
import { genicular } from './templates/genicular';
import { interscalene } from './templates/interscalene';
import { peng } from './templates/peng';
import { quadratusLumborumAnterior, quadratusLumborumLateral, quadratusLumborumPosterior } from './templates/quadratus-lumborum';
import { spinalCordStimulatorTrial } from './templates/spinal-cord-stimulator-trial';
import { stellateGanglion } from './templates/stellate-ganglion';
import { supraclavicular } from './templates/supraclavicular';
import { suprascapularAnterior, suprascapularPosterior } from './templates/suprascapular';
import { thoracicParavertebral } from './templates/thoracic-paravertebral';
import { transversusAbdominisPlane } from './templates/transversus-abdominis-plane';

export * from './schema';
export { SOURCES, type SourceId } from './sources';
export { foldText, type BlockSearchHit } from './search';

/** Raw template data in display order (the order of ../shared/reference/blocks.md). */
export const rawBlockTemplates: readonly BlockTemplateInput[] = [
  thoracicParavertebral,
  celiacPlexus,
  ganglionImpar,
  erectorSpinaePlane,
  transversusAbdominisPlane,
  quadratusLumborumAnterior,
  quadratusLumborumLateral,
  quadratusLumborumPosterior,
  interscalene,
  supraclavicular,
  femoral,
  peng,
  stellateGanglion,
  genicular,
  suprascapularAnterior,
  suprascapularPosterior,
  spinalCordStimulatorTrial,
];

/**
 * Every block template, validated against the schema at load (a data error fails loudly at start-up
 * and in the tests rather than showing a wrong card). Frozen: treat as read-only.
 */
export const blockTemplates: readonly BlockTemplate[] = Object.freeze(rawBlockTemplates.map((t) => BlockTemplateSchema.parse(t)));

const byId = new Map(blockTemplates.map((t) => [t.id, t]));

/** The template with this id, or undefined (e.g. a case made by a newer version with more templates). */
export function getBlockTemplate(id: string): BlockTemplate | undefined {
  return byId.get(id);
}

/**
 * Search by name, ASRA-ESRA name, alias or id (case- and diacritic-insensitive), ranked best first;
 * indications match at a low score when nothing else does. An empty query lists every template.
 */
export function searchBlocks(query: string): BlockSearchHit[] {
  return searchTemplates(blockTemplates, query);
}

/** The template's structure with this id, e.g. to colour an annotation by role. */
export function getStructure(templateId: string, structureId: string) {
  return getBlockTemplate(templateId)?.structures.find((s) => s.id === structureId);
}
