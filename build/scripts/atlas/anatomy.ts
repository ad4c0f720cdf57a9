/**
 * The schematic anatomy of the BlockPlan atlas, built from ./proportions.ts with ./shapes.ts.
 *
 * Frame: LPS millimetres (+X left, +Y posterior, +Z superior); x = 0 midsagittal plane, y = 0 the
 * antero-posterior centre of the vertebral bodies, z = 0 the centre of the sacrococcygeal junction.
 * Right-sided structures have negative x.
 *
 * Deterministic: no randomness; the same code gives the same meshes.
 */
import { type AtlasPart, LEVELS, type Landmark, SCJ_S, TP_HALF, Z, curveAnterior, curvePoint, landmarks, parts, tpY, zTP } from './layout';
import { buildVertebra } from './vertebrae';
import { buildThorax, hemithorax } from './thorax';
import { Z_CELIAC, Z_SMA, aortaAt, buildAbdomen } from './abdomen';
import { buildPelvis } from './pelvis';
import { buildBodyWall, frontTable, lerpTable } from './body-wall';
import { merge } from './shapes';

export type { AtlasFile, AtlasPart, Landmark } from './layout';
export { LEVEL_Z, curvePoint } from './layout';
export { backSkinPoint, frontSkinPoint } from './body-wall';

// ---------------------------------------------------------------------------------------------

export interface AtlasBuild {
  parts: AtlasPart[];
  landmarks: Record<string, Landmark>;
}

let built: AtlasBuild | undefined;

/** Build every structure of the atlas (memoised). */
export function buildAtlas(): AtlasBuild {
  if (built) return built;
  for (const l of LEVELS) buildVertebra(l);
  buildThorax();
  buildAbdomen();
  buildPelvis();
  buildBodyWall();
  landmarks['xiphoid-level'] = { position: [0, lerpTable(frontTable(), Z.T9.c), Z.T9.c], description: 'Anterior skin at the T9 level (approximate xiphoid level).' };
  built = { parts, landmarks };
  return built;
}

export const ANATOMY_INTERNALS = { Z, Z_CELIAC, Z_SMA, aortaAt, tpY, zTP, TP_HALF, curvePoint, curveAnterior, SCJ_S, hemithorax, merge };
