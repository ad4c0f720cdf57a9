/**
 * The schematic atlas's shared layout: structure records, sides and block ids, colours, FMA ids, the
 * vertical layout of the spine (vertebral levels, sacrococcygeal curve), per-level interpolation and
 * the part registry every region module adds to.
 *
 * Frame: LPS millimetres (+X left, +Y posterior, +Z superior); x = 0 midsagittal plane, y = 0 the
 * antero-posterior centre of the vertebral bodies, z = 0 the centre of the sacrococcygeal junction.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';
import type { AtlasCategory } from '../../../core/anatomy/atlas-manifest';
import * as P from './proportions';
import { type MeshData } from './shapes';

export type AtlasFile = 'atlas-thorax.glb' | 'atlas-abdomen.glb' | 'atlas-pelvis.glb' | 'atlas-body-wall.glb';

export interface AtlasPart {
  id: string;
  name: string;
  fmaId: string | null;
  category: AtlasCategory;
  group: string;
  file: AtlasFile;
  mesh: MeshData;
  blocks: string[];
  atRiskFor: string[];
  color: string;
  opacity: number;
}

export interface Landmark {
  position: Vec3;
  normal?: Vec3;
  direction?: Vec3;
  description: string;
}

export type Side = 'left' | 'right';
export const SIDES: Side[] = ['right', 'left'];
export const sgn = (s: Side) => (s === 'left' ? 1 : -1);
export const Side = (s: Side) => (s === 'left' ? 'Left' : 'Right');

export const TPVB = 'thoracic-paravertebral';
export const CELIAC = 'celiac-plexus';
export const IMPAR = 'ganglion-impar';
export const ESP = 'erector-spinae-plane';

export const COLORS = {
  bone: '#e3d9c6',
  joint: '#b9c8dc',
  artery: '#c0392b',
  vein: '#3b5fb0',
  nerve: '#f1c40f',
  ganglion: '#e67e22',
  liver: '#8b3a2b',
  stomach: '#d98c7a',
  pancreas: '#e8c07d',
  kidney: '#9b4a3c',
  rectum: '#c97b63',
  lung: '#f4b6c2',
  pleura: '#8fd0e8',
  muscle: '#b5533c',
  skin: '#e8b896',
  space: '#49c5b6',
};

// FMA ids: vertebrae, ribs, sacrum, diaphragm, psoas from the BodyParts3D file names in the shared
// fixtures; organs from public BodyParts3D/FMA listings (liver 7197, stomach 7148, pancreas 7198,
// kidneys R 7204 / L 7205, lungs R 7309 / L 7310, aorta 3734, IVC 10951, rectum 14544, skin 7163,
// coccyx 20229). Unknown ids are left null rather than guessed.
export const FMA_VERTEBRA: Record<P.Level, string> = {
  T1: 'FMA9165', T2: 'FMA9187', T3: 'FMA9209', T4: 'FMA9248', T5: 'FMA9922', T6: 'FMA9945', T7: 'FMA9968', T8: 'FMA9991', T9: 'FMA10014', T10: 'FMA10037', T11: 'FMA10059', T12: 'FMA10081',
  L1: 'FMA13072', L2: 'FMA13073', L3: 'FMA13074', L4: 'FMA13075', L5: 'FMA13076',
};
export const FMA_RIB: Record<Side, string[]> = {
  right: ['FMA7857', 'FMA7882', 'FMA7909', 'FMA7957', 'FMA8066', 'FMA8175', 'FMA8229', 'FMA8283', 'FMA8364', 'FMA8445', 'FMA8531', 'FMA8533'],
  left: ['FMA7987', 'FMA8012', 'FMA8039', 'FMA8148', 'FMA8093', 'FMA8202', 'FMA8256', 'FMA8310', 'FMA8391', 'FMA8472', 'FMA8532', 'FMA8534'],
};

// ---------------------------------------------------------------------------------------------
// Vertical layout
// ---------------------------------------------------------------------------------------------

export const LEVELS: P.Level[] = [...P.THORACIC, ...P.LUMBAR];
export const H = P.bodyHeightMm.value;
export const W = P.bodyWidthMm.value;
export const D = P.bodyDepthMm.value;
export const DISC = P.discBelowMm.value;
export const TPX = P.tpTipLateralMm.value;

export const rad = (d: number) => (d * Math.PI) / 180;

/** Sacrum as a circular arc from the S1 endplate centre C (s = 0) to the apex (s = L). */
export const SACRUM_L = P.sacrumLengthMm.value;
export const ALPHA0 = rad(P.sacralSlopeDeg.value);
export const KAPPA = rad(P.sacralCurvatureDeg.value) / SACRUM_L;
export const SCJ_T = P.scjThicknessMm.value;
export const COCCYX_L = P.coccyxLengthMm.value;
export const KAPPA_C = rad(P.coccyxCurvatureDeg.value) / COCCYX_L;

/** Direction angle from straight down, toward posterior (+y), along the sacrococcygeal curve. */
export function alphaAt(s: number): number {
  if (s <= SACRUM_L + SCJ_T) return ALPHA0 - KAPPA * Math.min(s, SACRUM_L);
  return ALPHA0 - KAPPA * SACRUM_L - KAPPA_C * (s - SACRUM_L - SCJ_T);
}
/** Offset (y, z) from C along the curve, by numerical integration (fine steps, deterministic). */
export function curveOffset(s: number): [number, number] {
  let y = 0, z = 0;
  const n = Math.max(1, Math.ceil(s / 0.25));
  const ds = s / n;
  for (let i = 0; i < n; i++) {
    const a = alphaAt((i + 0.5) * ds);
    y += Math.sin(a) * ds;
    z -= Math.cos(a) * ds;
  }
  return [y, z];
}
export const SCJ_S = SACRUM_L + SCJ_T / 2;
export const scjDz = curveOffset(SCJ_S)[1];
/** S1 endplate centre, chosen so that the SCJ centre lands on z = 0. */
export const C_S1: Vec3 = [0, 0, -scjDz];
export const curvePoint = (s: number): Vec3 => {
  const [dy, dz] = curveOffset(s);
  return [0, C_S1[1] + dy, C_S1[2] + dz];
};
/** Unit anterior normal of the sacrococcygeal curve at arc length s. */
export const curveAnterior = (s: number): Vec3 => [0, -Math.cos(alphaAt(s)), -Math.sin(alphaAt(s))];

/** z of each vertebral body: bottom, top, centre. Lumbar and thoracic stacked straight up from L5. */
export const Z: Record<P.Level, { bottom: number; top: number; c: number }> = {} as never;
{
  let bottom = C_S1[2] + DISC.L5;
  for (let i = LEVELS.length - 1; i >= 0; i--) {
    const l = LEVELS[i]!;
    const top = bottom + H[l];
    Z[l] = { bottom, top, c: (bottom + top) / 2 };
    if (i > 0) bottom = top + DISC[LEVELS[i - 1]!];
  }
}
export const LEVEL_Z = Z;

export const isThoracic = (l: P.Level) => l.startsWith('T');
export const pedLen = (l: P.Level) => P.pedicleLengthMm.value + (isThoracic(l) ? 0 : 2);
export const canal = (l: P.Level) => P.canalDepthMm.value + (isThoracic(l) ? 0 : 2);
/** z of the pedicles and transverse processes (upper half of the body). */
export const zTP = (l: P.Level) => Z[l].c + 0.2 * H[l];
/** y of the TP tip centre. */
export const tpY = (l: P.Level) => D[l] / 2 + pedLen(l) + (isThoracic(l) ? 8 : 2);
export const TP_HALF = P.tpThicknessMm.value / 2;

/** Interpolate a per-level quantity at height z (thoracic and lumbar levels by their centres). */
export function atZ(f: (l: P.Level) => number, z: number, levels: readonly P.Level[] = LEVELS): number {
  const lv = levels.slice().sort((a, b) => Z[a].c - Z[b].c);
  if (z <= Z[lv[0]!].c) return f(lv[0]!);
  if (z >= Z[lv[lv.length - 1]!].c) return f(lv[lv.length - 1]!);
  for (let i = 0; i + 1 < lv.length; i++) {
    const a = lv[i]!, b = lv[i + 1]!;
    if (z >= Z[a].c && z <= Z[b].c) {
      const t = (z - Z[a].c) / (Z[b].c - Z[a].c);
      return f(a) * (1 - t) + f(b) * t;
    }
  }
  return f(lv[0]!);
}
export const thoracicAt = (f: (l: P.Level) => number, z: number) => atZ(f, z, P.THORACIC);

// ---------------------------------------------------------------------------------------------
// Part registry
// ---------------------------------------------------------------------------------------------

export const parts: AtlasPart[] = [];
export const landmarks: Record<string, Landmark> = {};

export function add(p: Omit<AtlasPart, 'opacity' | 'blocks' | 'atRiskFor'> & Partial<Pick<AtlasPart, 'opacity' | 'blocks' | 'atRiskFor'>>) {
  if (parts.some((q) => q.id === p.id)) throw new Error(`duplicate atlas id ${p.id}`);
  parts.push({ opacity: 1, blocks: [], atRiskFor: [], ...p });
}

