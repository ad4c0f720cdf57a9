/** The schematic abdomen: aorta, celiac trunk, SMA, IVC, crura, kidneys, pancreas, liver (left lobe), stomach, celiac plexus, lumbar sympathetic trunks. */
import type { Vec3 } from '../../../core/anatomy/vec3';
import * as P from './proportions';
import { catmullRom, ellipsoid, rotationXYZ, sweep } from './shapes';
import { CELIAC, COLORS, D, DISC, SIDES, Side, W, Z, add, atZ, curvePoint, landmarks, rad, sgn } from './layout';

// ---------------------------------------------------------------------------------------------
// Abdomen: aorta, celiac trunk, SMA, IVC, crura, kidneys, pancreas, liver (left lobe), stomach
// ---------------------------------------------------------------------------------------------

export const Z_CELIAC = Z.T12.bottom - DISC.T12 / 2; // T12/L1 disc level
export const Z_SMA = Z_CELIAC - P.celiacToSmaMm.value;
export const AR = P.aortaRadiusMm.value;

/** Aortic centreline (x, y) and radius at height z, from T4 down to the bifurcation at L4. */
export function aortaAt(z: number): { x: number; y: number; r: number } {
  const keys: [number, number, number][] = [
    // z, x, r
    [Z.T4.top, 20, AR.thoracic],
    [Z.T8.c, 13, AR.thoracic - 0.5],
    [Z.T11.c, 5, AR.celiac + 0.8],
    [Z_CELIAC, 4, AR.celiac],
    [Z.L2.c, 7, AR.infrarenal + 0.3],
    [Z.L4.c, 6, AR.infrarenal],
  ];
  let x = keys[0]![1], r = keys[0]![2];
  for (let i = 0; i + 1 < keys.length; i++) {
    const [za, xa, ra] = keys[i]!, [zb, xb, rb] = keys[i + 1]!;
    if (z <= za && z >= zb) {
      const t = (za - z) / (za - zb);
      x = xa + (xb - xa) * t;
      r = ra + (rb - ra) * t;
    }
  }
  if (z < keys[keys.length - 1]![0]) {
    x = keys[keys.length - 1]![1];
    r = keys[keys.length - 1]![2];
  }
  const d2 = atZ((l) => D[l] / 2, z);
  return { x, y: -d2 - 2 - r, r };
}

export function buildAbdomen() {
  const zTop = Z.T4.top, zBot = Z.L4.c;
  const aPath: Vec3[] = [];
  for (let i = 0; i <= 60; i++) {
    const z = zTop + ((zBot - zTop) * i) / 60;
    const a = aortaAt(z);
    aPath.push([a.x, a.y, z]);
  }
  add({ id: 'aorta', name: 'Aorta (descending thoracic and abdominal)', fmaId: 'FMA3734', category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(aPath, (s) => ({ rx: aortaAt(zTop + (zBot - zTop) * s).r, ry: aortaAt(zTop + (zBot - zTop) * s).r }), { segments: 24, up: [1, 0, 0] }), color: COLORS.artery, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Celiac trunk: from inside the aorta, anteriorly and slightly caudally, ~19 mm beyond the wall.
  const ac = aortaAt(Z_CELIAC);
  const ct = P.celiacTrunk.value;
  const ctStart: Vec3 = [ac.x, ac.y, Z_CELIAC];
  const ctEnd: Vec3 = [ac.x + 1, ac.y - ac.r - ct.lengthMm, Z_CELIAC - 4];
  add({ id: 'celiac-trunk', name: 'Celiac trunk', fmaId: null, category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(catmullRom([ctStart, [ac.x, ac.y - ac.r - 6, Z_CELIAC], ctEnd], 6), () => ({ rx: ct.radiusMm, ry: ct.radiusMm }), { segments: 14 }), color: COLORS.artery, blocks: [CELIAC], atRiskFor: [CELIAC] });
  landmarks['celiac-trunk-origin'] = { position: [ac.x, ac.y - ac.r, Z_CELIAC], description: 'Origin of the celiac trunk on the anterior aortic wall (T12/L1 disc level).' };

  // SMA: leaves at ~52° to the aorta, then runs down in front of it.
  const as = aortaAt(Z_SMA);
  const ang = rad(P.aortaSmaAngleDeg.value);
  const sm0: Vec3 = [as.x, as.y, Z_SMA];
  const sm1: Vec3 = [as.x, as.y - as.r - 14 * Math.sin(ang), Z_SMA - 14 * Math.cos(ang)];
  const smaPath = catmullRom([sm0, [as.x, as.y - as.r + 2, Z_SMA - 0.5], sm1, [as.x - 1, as.y - as.r - 16, Z_SMA - 30], [as.x - 3, as.y - as.r - 18, Z.L3.c]], 6);
  add({ id: 'superior-mesenteric-artery', name: 'Superior mesenteric artery', fmaId: null, category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(smaPath, () => ({ rx: P.smaRadiusMm.value, ry: P.smaRadiusMm.value }), { segments: 14 }), color: COLORS.artery, blocks: [CELIAC], atRiskFor: [CELIAC] });
  landmarks['sma-origin'] = { position: [as.x, as.y - as.r, Z_SMA], description: 'Origin of the superior mesenteric artery.' };

  // Celiac plexus: the pre-aortic and peri-aortic tissue around the trunk's origin (target region).
  add({ id: 'celiac-plexus', name: 'Celiac plexus (pre-aortic region at the celiac trunk)', fmaId: null, category: 'ganglion', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: ellipsoid([ac.x, ac.y - ac.r - 5.5, Z_CELIAC + 3], [17, 5.5, 11], { rings: 14, segments: 24 }), color: COLORS.ganglion, opacity: 0.6, blocks: [CELIAC] });

  // IVC: right of the midline, in front of the right side of the bodies; enters the liver region above T12.
  const [ivx, ivy] = P.ivcHalfAxesMm.value;
  const ivcPath = catmullRom([
    [-14, -D.L4 / 2 - 2 - ivy, Z.L4.c],
    [-22, -D.L2 / 2 - 2 - ivy, Z.L2.c],
    [-24, -D.T12 / 2 - 6 - ivy, Z.T12.c],
    [-24, -45, Z.T10.c],
    [-20, -55, Z.T9.top],
  ], 6);
  add({ id: 'inferior-vena-cava', name: 'Inferior vena cava', fmaId: 'FMA10951', category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(ivcPath, () => ({ rx: ivy, ry: ivx }), { segments: 18, up: [0, 1, 0] }), color: COLORS.vein, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Diaphragmatic crura: from the lumbar bodies up and around the aorta, meeting in front of it
  // (median arcuate ligament) above the celiac trunk.
  const zArc = Z_CELIAC + 22;
  const crusR = catmullRom([[-14, -D.L3 / 2 - 3, Z.L3.c], [-17, -28, Z.L2.top], [-16, -38, Z_CELIAC], [-9, -46, zArc - 4], [0, -49, zArc]], 6);
  const crusL = catmullRom([[22, -D.L2 / 2 - 3, Z.L2.c], [26, -27, Z.L1.c], [25, -36, Z_CELIAC + 2], [15, -45, zArc - 4], [0, -49, zArc + 0.5]], 6);
  add({ id: 'diaphragm-right-crus', name: 'Right crus of the diaphragm', fmaId: null, category: 'muscle', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(crusR, () => ({ rx: 5, ry: 3.2 }), { segments: 12 }), color: COLORS.muscle, blocks: [CELIAC] });
  add({ id: 'diaphragm-left-crus', name: 'Left crus of the diaphragm', fmaId: null, category: 'muscle', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(crusL, () => ({ rx: 4.5, ry: 3 }), { segments: 12 }), color: COLORS.muscle, blocks: [CELIAC] });

  // Kidneys: upper pole tilted medially ~15°, hilum facing antero-medially; the right one lower.
  const [kl, kw, kt] = P.kidneySizeMm.value;
  for (const side of SIDES) {
    const s = sgn(side);
    const zc = Z.L1.c - 20 - (side === 'right' ? P.rightKidneyLowerMm.value : 0);
    add({
      id: `kidney-${side}`,
      name: `${Side(side)} kidney`,
      fmaId: side === 'right' ? 'FMA7204' : 'FMA7205',
      category: 'organ',
      group: 'abdomen',
      file: 'atlas-abdomen.glb',
      mesh: ellipsoid([s * 66, 3, zc], [kw / 2, kt / 2, kl / 2], { rotation: rotationXYZ(0, s * 15, s * -30), rings: 20, segments: 28 }),
      color: COLORS.kidney,
      blocks: [CELIAC],
      atRiskFor: [CELIAC],
    });
  }

  // Pancreas: head in the duodenal curve right of the SMA, neck in front of the SMA, tail to the left.
  const sm = (z: number) => {
    // SMA position at height z below its first bend (approximate for clearances)
    return { x: as.x - 2, y: as.y - as.r - 17, z };
  };
  const neckZ = Z.L1.bottom - 2;
  const pPath = catmullRom([[-38, -45, Z.L2.c], [-22, -58, Z.L2.top], [sm(neckZ).x - 2, sm(neckZ).y - 12, neckZ], [30, -58, Z.L1.c + 2], [60, -38, Z_CELIAC + 2], [78, -22, Z_CELIAC + 10]], 6);
  add({ id: 'pancreas', name: 'Pancreas', fmaId: 'FMA7198', category: 'organ', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(pPath, (t) => ({ rx: 13 - 6 * t, ry: 9 - 3 * t }), { segments: 18, up: [0, 0, 1] }), color: COLORS.pancreas, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Liver, left lobe: a flattened wedge in the epigastrium, in front of the stomach and aorta.
  add({ id: 'liver-left-lobe', name: 'Left lobe of the liver', fmaId: null, category: 'organ', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: ellipsoid([5, -88, Z_CELIAC + 22], [58, 22, 40], { rotation: rotationXYZ(0, -8, 0), rings: 20, segments: 32 }), color: COLORS.liver, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Stomach: fundus under the left dome, body down the left side, antrum and pylorus across the midline.
  const stPath = catmullRom([[64, -30, Z.T11.c + 6], [92, -62, Z.T12.c - 6], [88, -92, Z.L1.c - 10], [50, -104, Z.L2.c], [8, -98, Z.L2.c + 2], [-22, -80, Z.L1.bottom]], 6);
  add({ id: 'stomach', name: 'Stomach', fmaId: 'FMA7148', category: 'organ', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(stPath, (t) => ({ rx: 27 - 15 * t, ry: 22 - 11 * t }), { segments: 24, up: [0, 0, 1] }), color: COLORS.stomach, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Lumbar sympathetic trunks on the antero-lateral bodies, continuing to the sacrum.
  for (const side of SIDES) {
    const s = sgn(side);
    const pts: Vec3[] = [[s * (W.L1 / 2 * 0.95), -0.45 * D.L1 / 2, Z.T12.bottom - 4]];
    for (const l of P.LUMBAR) pts.push([s * (W[l] / 2 * 0.9), -0.6 * D[l] / 2, Z[l].c]);
    const s1 = curvePoint(8);
    pts.push([s * 20, s1[1] - 24, s1[2]]);
    add({ id: `sympathetic-trunk-lumbar-${side}`, name: `${Side(side)} sympathetic trunk (lumbar part)`, fmaId: null, category: 'nerve', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(catmullRom(pts, 6), () => ({ rx: 1.5, ry: 1.5 }), { segments: 8 }), color: COLORS.nerve, blocks: [CELIAC] });
  }
}
