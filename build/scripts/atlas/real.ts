/**
 * The real meshes of the atlas and their registration into the atlas frame.
 *
 * Atlas frame: LPS millimetres. BodyParts3D is already LPS mm, so its registration is a translation
 * fixed by landmarks: x = 0 at the mean left–right centre of the vertebral bodies T1–L5, y = 0 at
 * their mean antero-posterior centre, z = 0 at the apex of the sacrum (the sacrococcygeal junction).
 *
 * HuBMAP (Visible Human Female, converted to LPS mm on reading) is registered onto the BodyParts3D
 * bones by a rigid landmark registration (Horn 1987, core/anatomy/registration.ts) of its pelvis onto
 * the BodyParts3D pelvis: sacral centroid, apex and top, and per hip bone its centroid and iliac crest
 * top — 7 pairs measured by the same rules on both (./landmarks-real.ts; see `pelvisLandmarks`). Rigid
 * (no scale) so the organs keep their real size. The residual is written into the manifest
 * (registrations[]).
 */
import { registerLandmarks } from '../../../core/anatomy/registration';
import { transformMesh, type TriMesh } from '../../../core/anatomy/mesh';
import { applyMat4, type Mat4, type Vec3 } from '../../../core/anatomy/vec3';
import { type FixtureReader, bp3dFiles, fmaOf, mergeMeshes } from './sources';
import { extremeCentroid, surfaceCentroid, vertebraLandmarks, type VertebraLandmarks } from './landmarks-real';
import * as P from './proportions';

const ORD = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth', 'Eleventh', 'Twelfth'];
export const LEVELS: P.Level[] = [...P.THORACIC, ...P.LUMBAR];

/** BodyParts3D file stem of a vertebra, e.g. T5 → Fifth_thoracic_vertebra. */
const vertebraStem = (l: P.Level) => `${ORD[Number(l.slice(1)) - 1]}_${l.startsWith('T') ? 'thoracic' : 'lumbar'}_vertebra`;
const ribStem = (n: number, side: 'left' | 'right') => `${side === 'left' ? 'Left' : 'Right'}_${ORD[n - 1]!.toLowerCase()}_rib`;

export interface RealMesh {
  mesh: TriMesh;
  /** Fixture path (under fixtures/anatomy) and node names. */
  source: string;
  fmaId: string | null;
}

export interface RegistrationRecord {
  source: string;
  method: string;
  landmarks: string[];
  rmsMm: number;
  matrix: Mat4;
}

export interface RealAnatomy {
  vertebrae: Record<P.Level, RealMesh>;
  vertebraLm: Record<P.Level, VertebraLandmarks>;
  ribs: Record<'left' | 'right', RealMesh[]>;
  sacrum: RealMesh;
  hips: Record<'left' | 'right', RealMesh>;
  diaphragm: RealMesh;
  /** HuBMAP (registered). */
  coccyx: RealMesh;
  kidneys: Record<'left' | 'right', RealMesh>;
  pancreas: RealMesh;
  aorta: RealMesh;
  celiac: RealMesh;
  sma: RealMesh;
  ivc: RealMesh;
  registrations: RegistrationRecord[];
}

/** Vertebra landmarks with the body size of its level (proportions.ts). */
export const bodyLandmarks = (l: P.Level, m: TriMesh): VertebraLandmarks => vertebraLandmarks(m, P.bodyDepthMm.value[l], P.bodyWidthMm.value[l] / 2);

const translate = (t: Vec3): Mat4 => [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, t[0], t[1], t[2], 1];

/**
 * Pelvic landmarks measured by the same rules on both pelves. The lowest (ischial) and most anterior
 * (pubic) points were dropped: they depend on pelvic tilt and on the female/male shape of the
 * pubic arch (residuals 59–70 mm), and with them the rigid fit turned the organs; the seven kept give
 * RMS ≈ 24 mm on VH_F and ≈ 14 mm on the male VH_M pelvis, the latter bounding what two people differ.
 */
function pelvisLandmarks(sacrum: TriMesh, hipL: TriMesh, hipR: TriMesh): Vec3[] {
  const hip = (m: TriMesh) => [surfaceCentroid(m), extremeCentroid(m, (_x, _y, z) => z, 3)];
  return [surfaceCentroid(sacrum), extremeCentroid(sacrum, (_x, _y, z) => -z, 3), extremeCentroid(sacrum, (_x, _y, z) => z, 3), ...hip(hipL), ...hip(hipR)];
}
const PELVIS_LANDMARK_NAMES = ['sacrum centroid', 'sacral apex', 'sacrum top', 'left hip centroid', 'left iliac crest top', 'right hip centroid', 'right iliac crest top'];

const HUB = 'hubmap-hra-ccf-releases/';

/** Read, register and frame every real mesh the atlas uses. */
export function loadRealAnatomy(reader: FixtureReader): RealAnatomy {
  const files = bp3dFiles(reader.dir);
  const bp = (stem: string): RealMesh => {
    const f = files.get(stem);
    if (!f) throw new Error(`make-atlas: no BodyParts3D file for ${stem}`);
    return { mesh: reader.obj(f, stem), source: f, fmaId: fmaOf(f) };
  };
  const vertebraeBp = Object.fromEntries(LEVELS.map((l) => [l, bp(vertebraStem(l))])) as Record<P.Level, RealMesh>;
  const lmBp = LEVELS.map((l) => bodyLandmarks(l, vertebraeBp[l].mesh));
  const sacrumBp = bp('Sacrum');
  const apex = extremeCentroid(sacrumBp.mesh, (_x, _y, z) => -z, 3);
  const origin: Vec3 = [lmBp.reduce((s, v) => s + v.body[0], 0) / lmBp.length, lmBp.reduce((s, v) => s + v.body[1], 0) / lmBp.length, apex[2]];
  const toAtlas = translate([-origin[0], -origin[1], -origin[2]]);
  const frame = (r: RealMesh): RealMesh => ({ ...r, mesh: transformMesh(r.mesh, toAtlas) });

  const vertebrae = Object.fromEntries(LEVELS.map((l) => [l, frame(vertebraeBp[l])])) as Record<P.Level, RealMesh>;
  const vertebraLm = Object.fromEntries(LEVELS.map((l) => [l, bodyLandmarks(l, vertebrae[l].mesh)])) as Record<P.Level, VertebraLandmarks>;
  const ribs = {
    left: Array.from({ length: 12 }, (_, i) => frame(bp(ribStem(i + 1, 'left')))),
    right: Array.from({ length: 12 }, (_, i) => frame(bp(ribStem(i + 1, 'right')))),
  };
  const sacrum = frame(sacrumBp);
  const hips = { left: frame(bp('Left_hip_bone')), right: frame(bp('Right_hip_bone')) };
  const diaphragm = frame(bp('Diaphragm'));
  const bpReg: RegistrationRecord = {
    source: 'BodyParts3D (all meshes)',
    method: 'translation (both frames are LPS mm): x = 0 and y = 0 at the mean centre of the T1–L5 vertebral bodies, z = 0 at the sacral apex',
    landmarks: ['T1–L5 vertebral body centres', 'sacral apex'],
    rmsMm: 0,
    matrix: toAtlas,
  };

  // HuBMAP VH_F: rigid registration of its pelvis onto the (framed) BodyParts3D pelvis.
  const pelvisFile = `${HUB}v1.3_VH_F_Pelvis.glb`;
  const hubHip = (s: 'L' | 'R') => reader.glb(pelvisFile, ['ilium', 'ischium', 'pubis'].map((b) => `VH_F_${b}_compact_bone_${s}`), `hip-${s}`);
  const src = pelvisLandmarks(reader.glb(pelvisFile, ['VH_F_sacrum'], 'sacrum'), hubHip('L'), hubHip('R'));
  const dst = pelvisLandmarks(sacrum.mesh, hips.left.mesh, hips.right.mesh);
  const reg = registerLandmarks(src, dst, 'rigid');
  if (!reg.ok) throw new Error(`make-atlas: HuBMAP registration failed: ${reg.error.title}`);
  const hubReg: RegistrationRecord = {
    source: 'HuBMAP HRA Visible Human Female (kidneys, pancreas, vasculature, coccyx)',
    method: 'rigid landmark registration (Horn 1987) of the VH_F pelvis onto the BodyParts3D pelvis, after converting glTF metres/+Y-up to LPS mm',
    landmarks: PELVIS_LANDMARK_NAMES,
    rmsMm: Math.round(reg.value.rmsMm * 100) / 100,
    matrix: reg.value.matrix,
  };
  const hub = (file: string, nodes: string[], name: string): RealMesh => ({ mesh: transformMesh(reader.glb(HUB + file, nodes, name), reg.value.matrix), source: `${HUB}${file}#${nodes.join('+')}`, fmaId: null });
  const vasc = 'v1.0_VH_F_Vasculature.glb';
  return {
    vertebrae,
    vertebraLm,
    ribs,
    sacrum,
    hips,
    diaphragm,
    coccyx: hub('v1.3_VH_F_Pelvis.glb', ['VH_F_coccyx'], 'coccyx'),
    kidneys: { left: hub('v1.3_VH_F_Kidney_L.glb', ['VH_F_kidney_capsule_L'], 'kidney-left'), right: hub('v1.3_VH_F_Kidney_R.glb', ['VH_F_kidney_capsule_R'], 'kidney-right') },
    pancreas: hub('v2.0_3d-vh-f-pancreas.glb', ['VH_F_head_of_pancreas', 'VH_F_neck_of_pancreas', 'VH_F_body_of_pancreas', 'VH_F_tail_of_pancreas', 'VH_F_ucinate_process1'], 'pancreas'),
    aorta: hub(vasc, ['VHF_descending_aorta_a', 'VHF_descending_aorta_b'], 'aorta'),
    celiac: hub(vasc, ['VHF_celiac_artery'], 'celiac-trunk'),
    sma: hub(vasc, ['VHF_superior_mesenteric_artery'], 'superior-mesenteric-artery'),
    ivc: hub(vasc, ['VHF_inferior_vena_cava_a', 'VHF_inferior_vena_cava_b'], 'inferior-vena-cava'),
    registrations: [bpReg, hubReg],
  };
}

export { applyMat4, mergeMeshes };
