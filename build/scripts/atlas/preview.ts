/**
 * Development aid: render plane sections of the generated atlas as PNG images, to check the anatomy
 * by eye. `npx tsx build/scripts/atlas/preview.ts <out-dir> [axial:z | sagittal:x | coronal:y ...]`
 * (mm, LPS). Without planes it renders a default set (T5, celiac level, midline, right paramedian).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'fast-png';
import { buildAtlas, ANATOMY_INTERNALS } from './anatomy';
import { prepareSectionMesh, sectionMesh } from '../../../core/anatomy/section';
import type { ProbePlane } from '../../../core/anatomy/plan3d';

const hex = (c: string): [number, number, number] => [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];

export function renderPlane(plane: ProbePlane, uRange: [number, number], vRange: [number, number], pxPerMm = 3, marks: { u: number; v: number }[] = []): Uint8Array & { width: number; height: number } {
  const { parts } = buildAtlas();
  const w = Math.round((uRange[1] - uRange[0]) * pxPerMm);
  const h = Math.round((vRange[1] - vRange[0]) * pxPerMm);
  const img = new Uint8Array(w * h * 4).fill(255);
  const put = (x: number, y: number, c: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const i = (y * w + x) * 4;
    img[i] = c[0];
    img[i + 1] = c[1];
    img[i + 2] = c[2];
    img[i + 3] = 255;
  };
  // 10 mm grid
  for (let u = Math.ceil(uRange[0] / 10) * 10; u <= uRange[1]; u += 10) for (let y = 0; y < h; y++) put(Math.round((u - uRange[0]) * pxPerMm), y, u === 0 ? [150, 150, 150] : [232, 232, 232]);
  for (let v = Math.ceil(vRange[0] / 10) * 10; v <= vRange[1]; v += 10) for (let x = 0; x < w; x++) put(x, Math.round((v - vRange[0]) * pxPerMm), v === 0 ? [150, 150, 150] : [232, 232, 232]);
  for (const p of parts) {
    const sm = prepareSectionMesh({ name: p.id, positions: new Float32Array(p.mesh.positions), indices: new Uint32Array(p.mesh.indices) });
    if (!sm) continue;
    const c = hex(p.color);
    for (const k of sectionMesh(sm, plane)) {
      const pts = k.points;
      const n = pts.length / 2;
      for (let i = 0; i < (k.closed ? n : n - 1); i++) {
        const j = (i + 1) % n;
        const x0 = (pts[i * 2]! - uRange[0]) * pxPerMm, y0 = (pts[i * 2 + 1]! - vRange[0]) * pxPerMm;
        const x1 = (pts[j * 2]! - uRange[0]) * pxPerMm, y1 = (pts[j * 2 + 1]! - vRange[0]) * pxPerMm;
        const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
        for (let s = 0; s <= steps; s++) put(Math.round(x0 + ((x1 - x0) * s) / steps), Math.round(y0 + ((y1 - y0) * s) / steps), c);
      }
    }
  }
  for (const m of marks) {
    const x = Math.round((m.u - uRange[0]) * pxPerMm), y = Math.round((m.v - vRange[0]) * pxPerMm);
    for (let d = -4; d <= 4; d++) {
      put(x + d, y, [0, 0, 0]);
      put(x, y + d, [0, 0, 0]);
    }
  }
  return Object.assign(img, { width: w, height: h });
}

function planeFor(spec: string): { plane: ProbePlane; u: [number, number]; v: [number, number]; name: string } {
  const [kind, val] = spec.split(':');
  const c = Number(val);
  if (kind === 'axial') {
    // looking from the feet: u = +X (patient left on the right of the image), v = −Y (anterior up)
    return { name: `axial_z${c}`, plane: { origin: [0, 0, c], lateral: [1, 0, 0], beam: [0, -1, 0], normal: [0, 0, -1] }, u: [-170, 170], v: [-110, 180] };
  }
  if (kind === 'sagittal') {
    // u = −Y (anterior to the left… posterior on the right), v = −Z (down)
    return { name: `sagittal_x${c}`, plane: { origin: [c, 0, 0], lateral: [0, 1, 0], beam: [0, 0, -1], normal: [-1, 0, 0] }, u: [-170, 120], v: [-640, 60] };
  }
  return { name: `coronal_y${c}`, plane: { origin: [0, c, 0], lateral: [1, 0, 0], beam: [0, 0, -1], normal: [0, 1, 0] }, u: [-170, 170], v: [-640, 60] };
}

async function main() {
  const out = process.argv[2] ?? '/tmp/atlas-preview';
  mkdirSync(out, { recursive: true });
  const Z = ANATOMY_INTERNALS.Z;
  const specs = process.argv.slice(3).length
    ? process.argv.slice(3)
    : [`axial:${Math.round(ANATOMY_INTERNALS.zTP('T5'))}`, `axial:${Math.round(Z.T5.bottom - 3)}`, `axial:${Math.round(ANATOMY_INTERNALS.Z_CELIAC + 7)}`, `axial:${Math.round(Z.L3.c)}`, 'sagittal:0', 'sagittal:-30', 'axial:0'];
  for (const s of specs) {
    const p = planeFor(s);
    const img = renderPlane(p.plane, p.u, p.v, 2.5);
    writeFileSync(path.join(out, `${p.name}.png`), encode({ width: img.width, height: img.height, data: img, channels: 4 }));
    console.log(path.join(out, `${p.name}.png`));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) void main();
