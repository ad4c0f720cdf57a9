/**
 * Builds the final atlas from the schematic anatomy (./anatomy.ts) and the real meshes (./real.ts):
 *
 * 1. Real bones replace the schematic ones: BodyParts3D vertebrae T1–L5 (one mesh per vertebra),
 *    ribs 1–12, sacrum, hip bones and the diaphragm; HuBMAP kidneys, pancreas, aorta, celiac trunk,
 *    SMA and IVC.
 * 2. A thin-plate spline (./tps.ts) from schematic to real landmarks (vertebral body centres,
 *    transverse-process tips, rib lateral and anterior points, sacral apex) tells where the schematic
 *    kidneys, celiac and SMA origins fall on the real spine; the HuBMAP organs (already registered by
 *    their pelvis) are then rigidly registered onto those four points, which keeps their real shape
 *    and size and puts them where the (sourced) schematic layout has them relative to the spine.
 * 3. A second spline with the vessel and kidney landmarks added warps every generated structure
 *    (pleura, lungs, paravertebral spaces, nerves, intercostal vessels, sympathetic trunks, celiac
 *    plexus, liver lobe, stomach, SCJ, coccyx, ganglion impar, rectum, skin, erector spinae) onto
 *    the real bones and organs.
 * 4. Real meshes are decimated (meshoptimizer) to keep the atlas small.
 */
import { registerLandmarks } from '../../../core/anatomy/registration';
import { transformMesh, type TriMesh } from '../../../core/anatomy/mesh';
import { applyMat4, normalize, type Vec3 } from '../../../core/anatomy/vec3';
import { ANATOMY_INTERNALS as A, backSkinPoint, frontSkinPoint, type AtlasFile, type AtlasPart, type Landmark } from './anatomy';
import * as P from './proportions';
import { decimate } from './decimate';
import { extremeCentroid, ribLandmarks, sliceCentre, surfaceCentroid } from './landmarks-real';
import { bodyLandmarks, LEVELS, type RealAnatomy, type RealMesh, type RegistrationRecord } from './real';
import { BP3D_LICENCE, GENERATED_LICENCE, HUBMAP_LICENCE, mergeMeshes } from './sources';
import { fitTps, type Tps } from './tps';
import type { MeshData } from './shapes';

export interface FittedPart extends AtlasPart {
  source: string;
  licence: string;
}

const TPVB = 'thoracic-paravertebral';
const CELIAC = 'celiac-plexus';
const IMPAR = 'ganglion-impar';
const ESP = 'erector-spinae-plane';
const BONE = '#e3d9c6';

/** Offsets (mm, lateral from each TP tip) of the back-skin points that move with the TP tip. */
const BACK_FLAT_OFFSETS_MM = [0, 25, 50];
/** x (mm) of the abdominal skin points that move with the front of the vertebral body below them. */
const FRONT_FLAT_X_MM = [-60, -40, -20, 0, 20, 40, 60];

const toTri = (p: AtlasPart): TriMesh => ({ name: p.id, positions: new Float32Array(p.mesh.positions), indices: new Uint32Array(p.mesh.indices) });
const toData = (m: TriMesh): MeshData => ({ positions: Array.from(m.positions), indices: Array.from(m.indices) });

/** Schematic parts replaced by real meshes. */
function replaced(id: string): boolean {
  return /^[tl]\d+-(body|pedicle|lamina|transverse-process|spinous-process)/.test(id) || /^rib-\d+-/.test(id) ||
    ['sacrum', 'kidney-left', 'kidney-right', 'pancreas', 'aorta', 'celiac-trunk', 'superior-mesenteric-artery', 'inferior-vena-cava', 'diaphragm-right-crus', 'diaphragm-left-crus'].includes(id);
}

const LEVEL_PARTS = /^([tl]\d+)-(body|pedicle|lamina|transverse-process|spinous-process)/;

function warpMesh(m: MeshData, tps: Tps): MeshData {
  const out = new Array<number>(m.positions.length);
  for (let i = 0; i < m.positions.length; i += 3) {
    const q = tps.map([m.positions[i]!, m.positions[i + 1]!, m.positions[i + 2]!]);
    out[i] = q[0];
    out[i + 1] = q[1];
    out[i + 2] = q[2];
  }
  return { positions: out, indices: m.indices.slice() };
}

/** A direction carried through the warp (finite difference of the map at a point). */
function warpDir(tps: Tps, at: Vec3, d: Vec3): Vec3 {
  const e = 1;
  const a = tps.map(at);
  const b = tps.map([at[0] + d[0] * e, at[1] + d[1] * e, at[2] + d[2] * e]);
  return normalize([b[0] - a[0], b[1] - a[1], b[2] - a[2]]) ?? d;
}

export interface FittedAtlas {
  parts: FittedPart[];
  landmarks: Record<string, Landmark>;
  registrations: RegistrationRecord[];
  /** Largest landmark misfit of the warp, mm. */
  warpResidualMm: number;
}

export function fitAtlas(schematic: { parts: AtlasPart[]; landmarks: Record<string, Landmark> }, real: RealAnatomy): FittedAtlas {
  const byId = new Map(schematic.parts.map((p) => [p.id, p]));
  const part = (id: string) => {
    const p = byId.get(id);
    if (!p) throw new Error(`make-atlas: no schematic part ${id}`);
    return p;
  };

  // ---- bone landmarks, schematic ↔ real ----
  const src: Vec3[] = [];
  const dst: Vec3[] = [];
  for (const l of LEVELS) {
    const parts = schematic.parts.filter((p) => LEVEL_PARTS.exec(p.id)?.[1] === l.toLowerCase()).map(toTri);
    const s = bodyLandmarks(l, mergeMeshes(parts, l));
    const r = real.vertebraLm[l];
    src.push(s.body, s.tpLeft, s.tpRight);
    dst.push(r.body, r.tpLeft, r.tpRight);
  }
  // The costal ends of ribs 7–10 (the costal margin) lie a few millimetres under the schematic
  // epigastric skin; they place the organs (first spline) but stay out of the soft-tissue warp, where
  // they would fold the abdominal wall around the real costal margin.
  const costalMargin = new Set<number>();
  for (const side of ['left', 'right'] as const) {
    for (let n = 1; n <= 12; n++) {
      const s = ribLandmarks(toTri(part(`rib-${n}-${side}`)), n, side);
      if (n >= 7 && n <= 10) costalMargin.add(src.length + 1);
      src.push(...s);
      dst.push(...ribLandmarks(real.ribs[side][n - 1]!.mesh, n, side));
    }
  }
  const lowest = (m: TriMesh) => extremeCentroid(m, (_x, _y, z) => -z, 3);
  src.push(lowest(toTri(part('sacrum'))));
  dst.push(lowest(real.sacrum.mesh));
  // The bone spline (organ placement) uses the bones only; the skin points join the soft-tissue warp.
  const bones = fitTps(src, dst, 0.5);
  // Skin: keep the sourced skin-to-bone depths (proportions.ts) by carrying the skin points over each
  // TP tip (back) and in front of the lumbar and lower thoracic bodies (abdomen) with the same offset.
  // The back keeps its schematic (broad, flat) shape across the paraspinal region: besides the point
  // over each TP tip, skin points up to BACK_FLAT_MM lateral to it and on the midline move with the
  // TP tips (a local translation), so the spline cannot round the back toward the narrower real ribs.
  for (const l of LEVELS) {
    const r = real.vertebraLm[l];
    const shiftOf = (side: 'left' | 'right'): { tipS: Vec3; d: Vec3 } => {
      const tipS = schematic.landmarks[`${l.toLowerCase()}-transverse-process-${side}-tip`]!.position;
      const tipR = side === 'left' ? r.tpLeft : r.tpRight;
      return { tipS, d: [tipR[0] - tipS[0], tipR[1] - tipS[1], tipR[2] - tipS[2]] };
    };
    for (const side of ['left', 'right'] as const) {
      const { tipS, d } = shiftOf(side);
      const out = Math.sign(tipS[0]);
      for (const dx of BACK_FLAT_OFFSETS_MM) {
        const skin = backSkinPoint(tipS[0] + out * dx, tipS[2]).position;
        src.push(skin);
        dst.push([skin[0] + d[0], skin[1] + d[1], skin[2] + d[2]]);
      }
    }
    {
      const a = shiftOf('left'), b = shiftOf('right');
      const skin = backSkinPoint(0, (a.tipS[2] + b.tipS[2]) / 2).position;
      src.push(skin);
      dst.push([skin[0] + (a.d[0] + b.d[0]) / 2, skin[1] + (a.d[1] + b.d[1]) / 2, skin[2] + (a.d[2] + b.d[2]) / 2]);
    }
    if (['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'].includes(l)) {
      const zs = A.Z[l].c;
      const bodyFrontS: Vec3 = [0, -P.bodyDepthMm.value[l] / 2, zs];
      const d: Vec3 = [r.bodyFront[0] - bodyFrontS[0], r.bodyFront[1] - bodyFrontS[1], r.bodyFront[2] - bodyFrontS[2]];
      // The epigastrium likewise keeps its schematic shape between the costal margins.
      for (const x of FRONT_FLAT_X_MM) {
        const skin = frontSkinPoint(x, zs).position;
        src.push(skin);
        dst.push([skin[0] + d[0], skin[1] + d[1], skin[2] + d[2]]);
      }
    }
  }

  // ---- HuBMAP organs: rigid onto where the schematic layout puts them on the real spine ----
  const kidneyS = (side: 'left' | 'right') => surfaceCentroid(toTri(part(`kidney-${side}`)));
  const celiacOriginR = (m: TriMesh) => extremeCentroid(m, (_x, y) => y, 2);
  const smaOriginR = (m: TriMesh) => extremeCentroid(m, (_x, y, z) => y + 0.3 * z, 2);
  const schemOrgan: Vec3[] = [kidneyS('left'), kidneyS('right'), schematic.landmarks['celiac-trunk-origin']!.position, schematic.landmarks['sma-origin']!.position];
  const hubOrgan = (r: RealAnatomy): Vec3[] => [surfaceCentroid(r.kidneys.left.mesh), surfaceCentroid(r.kidneys.right.mesh), celiacOriginR(r.celiac.mesh), smaOriginR(r.sma.mesh)];
  // Translation only: the pelvis stage fixes the orientation; four points would tilt the organs to
  // absorb their layout differences.
  const from = hubOrgan(real);
  const to = schemOrgan.map(bones.map);
  const shift: Vec3 = [0, 1, 2].map((k) => to.reduce((s, p, i) => s + p[k]! - from[i]![k]!, 0) / to.length) as Vec3;
  const shiftM = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, shift[0], shift[1], shift[2], 1];
  const rms = Math.sqrt(to.reduce((s, p, i) => s + (p[0] - from[i]![0] - shift[0]) ** 2 + (p[1] - from[i]![1] - shift[1]) ** 2 + (p[2] - from[i]![2] - shift[2]) ** 2, 0) / to.length);
  const reg = { value: { matrix: shiftM, rmsMm: rms } };
  void registerLandmarks;
  const move = (r: RealMesh): RealMesh => ({ ...r, mesh: transformMesh(r.mesh, reg.value.matrix) });
  const organs = { kidneys: { left: move(real.kidneys.left), right: move(real.kidneys.right) }, pancreas: move(real.pancreas), aorta: move(real.aorta), celiac: move(real.celiac), sma: move(real.sma), ivc: move(real.ivc) };
  const registrations: RegistrationRecord[] = [
    ...real.registrations,
    {
      source: 'HuBMAP HRA Visible Human Female (kidneys, pancreas, vasculature), second stage',
      method: 'translation that takes the mean of the HuBMAP kidney centroids and celiac/SMA origins onto the mean of the schematic atlas positions of the same points (sourced in proportions.ts) carried onto the real spine by the bone thin-plate spline (least squares; the pelvis stage fixes the orientation)',
      landmarks: ['left kidney centroid', 'right kidney centroid', 'celiac trunk origin', 'SMA origin'],
      rmsMm: Math.round(reg.value.rmsMm * 100) / 100,
      matrix: reg.value.matrix,
    },
  ];

  // ---- full warp: bones + organs + aortic centreline ----
  const keep = (_p: Vec3, i: number) => !costalMargin.has(i);
  const src2 = [...src.filter(keep), ...schemOrgan];
  const dst2 = [...dst.filter(keep), ...hubOrgan({ ...real, ...organs })];
  for (const l of ['T10', 'T12', 'L2', 'L4'] as const) {
    const a = A.aortaAt(A.Z[l].c);
    const r = sliceCentre(organs.aorta.mesh, real.vertebraLm[l].body[2]);
    if (!r) continue;
    src2.push([a.x, a.y, A.Z[l].c]);
    dst2.push(r);
  }
  const warp = fitTps(src2, dst2, 0.5);

  // ---- parts ----
  const parts: FittedPart[] = [];
  for (const p of schematic.parts) {
    if (replaced(p.id)) continue;
    parts.push({ ...p, mesh: warpMesh(p.mesh, warp), source: 'generated (build/scripts/atlas/anatomy.ts), fitted to the real bones by a thin-plate spline', licence: GENERATED_LICENCE });
  }
  const realPart = (id: string, name: string, r: RealMesh, o: { file: AtlasFile; group: string; category: AtlasPart['category']; color: string; blocks: string[]; atRiskFor?: string[]; opacity?: number; tris: number; licence: string; fmaId?: string | null }) => {
    const m = decimate(r.mesh, o.tris, 0.4);
    parts.push({ id, name, fmaId: o.fmaId !== undefined ? o.fmaId : r.fmaId, category: o.category, group: o.group, file: o.file, mesh: toData(m), blocks: o.blocks, atRiskFor: o.atRiskFor ?? [], color: o.color, opacity: o.opacity ?? 1, source: r.source, licence: o.licence });
  };
  for (const l of LEVELS) {
    const thor = l.startsWith('T');
    const blocks = thor ? [TPVB, ESP] : [ESP];
    if (l === 'T12' || l === 'L1') blocks.push(CELIAC);
    realPart(`${l.toLowerCase()}-vertebra`, `${l} vertebra`, real.vertebrae[l], { file: thor ? 'atlas-thorax.glb' : 'atlas-abdomen.glb', group: l, category: 'bone', color: BONE, blocks, tris: 1800, licence: BP3D_LICENCE });
  }
  const ord = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
  for (const side of ['right', 'left'] as const) {
    for (let n = 1; n <= 12; n++) {
      realPart(`rib-${n}-${side}`, `${side === 'left' ? 'Left' : 'Right'} ${ord[n - 1]} rib`, real.ribs[side][n - 1]!, { file: 'atlas-thorax.glb', group: `T${n}`, category: 'bone', color: BONE, blocks: n >= 3 && n <= 8 ? [TPVB, ESP] : [ESP], tris: 1600, licence: BP3D_LICENCE });
    }
    realPart(`hip-bone-${side}`, `${side === 'left' ? 'Left' : 'Right'} hip bone`, real.hips[side], { file: 'atlas-pelvis.glb', group: 'pelvis', category: 'bone', color: BONE, blocks: [], tris: 2000, licence: BP3D_LICENCE });
  }
  realPart('sacrum', 'Sacrum', real.sacrum, { file: 'atlas-pelvis.glb', group: 'pelvis', category: 'bone', color: BONE, blocks: [IMPAR], tris: 3500, licence: BP3D_LICENCE });
  realPart('diaphragm', 'Diaphragm (with its crura)', real.diaphragm, { file: 'atlas-abdomen.glb', group: 'abdomen', category: 'muscle', color: '#b5533c', blocks: [CELIAC], opacity: 0.55, tris: 5000, licence: BP3D_LICENCE });
  const hub = { licence: HUBMAP_LICENCE, file: 'atlas-abdomen.glb' as const, group: 'abdomen' };
  realPart('aorta', 'Aorta (descending thoracic and abdominal)', organs.aorta, { ...hub, category: 'vessel', color: '#c0392b', blocks: [CELIAC], atRiskFor: [CELIAC], tris: 3000, fmaId: 'FMA3734' });
  realPart('celiac-trunk', 'Celiac trunk', organs.celiac, { ...hub, category: 'vessel', color: '#c0392b', blocks: [CELIAC], atRiskFor: [CELIAC], tris: 400 });
  realPart('superior-mesenteric-artery', 'Superior mesenteric artery', organs.sma, { ...hub, category: 'vessel', color: '#c0392b', blocks: [CELIAC], atRiskFor: [CELIAC], tris: 1500 });
  realPart('inferior-vena-cava', 'Inferior vena cava', organs.ivc, { ...hub, category: 'vessel', color: '#3b5fb0', blocks: [CELIAC], atRiskFor: [CELIAC], tris: 3000, fmaId: 'FMA10951' });
  realPart('kidney-left', 'Left kidney', organs.kidneys.left, { ...hub, category: 'organ', color: '#9b4a3c', blocks: [CELIAC], atRiskFor: [CELIAC], tris: 3000, fmaId: 'FMA7205' });
  realPart('kidney-right', 'Right kidney', organs.kidneys.right, { ...hub, category: 'organ', color: '#9b4a3c', blocks: [CELIAC], atRiskFor: [CELIAC], tris: 3000, fmaId: 'FMA7204' });
  realPart('pancreas', 'Pancreas', organs.pancreas, { ...hub, category: 'organ', color: '#e8c07d', blocks: [CELIAC], atRiskFor: [CELIAC], tris: 3000, fmaId: 'FMA7198' });

  // ---- landmarks: measured on the real bones where they exist, otherwise carried by the warp ----
  const landmarks: Record<string, Landmark> = {};
  for (const [k, v] of Object.entries(schematic.landmarks)) {
    const position = warp.map(v.position);
    landmarks[k] = { ...v, position, ...(v.direction ? { direction: warpDir(warp, v.position, v.direction) } : {}) };
  }
  for (const l of LEVELS) {
    const r = real.vertebraLm[l];
    const k = l.toLowerCase();
    landmarks[`${k}-body-centre`] = { position: r.body, description: `Centre of the ${l} vertebral body (BodyParts3D), measured: centroid of the body surface.` };
    landmarks[`${k}-transverse-process-left-tip`] = { position: r.tpLeft, description: `Tip of the left transverse process of ${l} (most lateral 3 mm of the BodyParts3D vertebra).` };
    landmarks[`${k}-transverse-process-right-tip`] = { position: r.tpRight, description: `Tip of the right transverse process of ${l} (most lateral 3 mm of the BodyParts3D vertebra).` };
  }
  landmarks['celiac-trunk-origin'] = { position: celiacOriginR(organs.celiac.mesh), description: 'Origin of the celiac trunk on the anterior aortic wall (HuBMAP vasculature: the trunk’s most posterior point).' };
  landmarks['sma-origin'] = { position: smaOriginR(organs.sma.mesh), description: 'Origin of the superior mesenteric artery (HuBMAP vasculature).' };
  void applyMat4;
  return { parts, landmarks, registrations, warpResidualMm: Math.max(bones.residualMm, warp.residualMm) };
}
