import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AtlasManifestSchema } from '../../../../core/anatomy/atlas-manifest';
import { readGlbMeshes } from '../../../../core/anatomy/glb-read';
import type { TriMesh } from '../../../../core/anatomy/mesh';
import { parseCase } from '../../../../core/plan/index';
import { scanScene, type ScanResult } from '../../../../core/sim/scan';
import { THORACIC_PARAVERTEBRAL_GEOMETRY } from '../../../../core/samples/geometry-thoracic-paravertebral';
import { CELIAC_PLEXUS_GEOMETRY } from '../../../../core/samples/geometry-celiac-plexus';
import { clipDepthMm } from '../../../../build/scripts/atlas/samples';
import type { SampleGeometry } from '../../../../core/samples/types';

const root = path.resolve(__dirname, '../../../..');
const manifest = AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(root, 'assets/anatomy/manifest.json'), 'utf8')));
const atlas = new Map<string, TriMesh[]>();
beforeAll(() => {
  for (const f of manifest.files) {
    const r = readGlbMeshes(new Uint8Array(readFileSync(path.join(root, 'assets/anatomy', f.file))), f.file, { toLpsMm: true });
    if (!r.ok) throw new Error(r.error.title);
    atlas.set(f.file, r.value);
  }
});

function scanSample(block: string, image = false): ScanResult {
  const parsed = parseCase(readFileSync(path.join(root, 'assets/samples', `${block}.bpcase`), 'utf8'), `${block}.bpcase`);
  if (!parsed.ok) throw new Error(parsed.error.title);
  const r = scanScene(parsed.value.plan.scene3d!, manifest, atlas, image ? { columns: 400, rows: 300 } : undefined);
  if (!r.ok) throw new Error(r.error.title);
  return r.value;
}

/** Tolerance of the clip ↔ 3D depth comparison on the central beam (issue 18: within 5 mm). */
const TOLERANCE_MM = 5;

describe('sample scenes match their clips along the central beam', () => {
  it.each([
    ['thoracic-paravertebral', THORACIC_PARAVERTEBRAL_GEOMETRY, 'pleura', 'parietal-pleura-right'],
    ['celiac-plexus', CELIAC_PLEXUS_GEOMETRY as SampleGeometry, 'aorta', 'aorta'],
  ] as const)('%s: %s depth on the clip vs the 3D section', (block, g, clipId, atlasId) => {
    const clipMm = clipDepthMm(g, clipId);
    const hit = scanSample(block).structures.find((s) => s.id === atlasId);
    expect(hit, `${atlasId} on the central beam`).toBeDefined();
    expect(Math.abs(hit!.depthMm - clipMm)).toBeLessThan(TOLERANCE_MM);
  });
});

describe('simulated B-mode image', () => {
  it('is darker below the transverse process (acoustic shadow) than beside it, at the same depths', () => {
    const r = scanSample('thoracic-paravertebral', true);
    const img = r.image!;
    const tip = manifest.landmarks['t5-transverse-process-right-tip']!.position;
    // The TP tip lies 12 mm medial to the probe centre (image left); the shadow is below the TP's
    // posterior cortex (~37–45 mm); beside it, lateral, lie the intercostal muscles above the pleura.
    expect(tip).toBeDefined();
    const mean = (u0: number, u1: number, v0: number, v1: number) => {
      let s = 0, n = 0;
      for (let y = 0; y < img.rows; y++) for (let x = 0; x < img.columns; x++) {
        const u = (x + 0.5 - img.originPx.x) * img.mmPerPx, v = (y + 0.5 - img.originPx.y) * img.mmPerPx;
        if (u >= u0 && u <= u1 && v >= v0 && v <= v1) { s += img.pixels[y * img.columns + x]!; n++; }
      }
      return s / n;
    };
    const below = mean(-22, -16, 46, 52);
    const beside = mean(4, 14, 40, 48);
    expect(below).toBeLessThan(beside * 0.6);
  });

  it('draws the planned needle when it lies in the plane (bright shaft), not when it does not', () => {
    const parsed = parseCase(readFileSync(path.join(root, 'assets/samples/thoracic-paravertebral.bpcase'), 'utf8'), 'thoracic-paravertebral.bpcase');
    if (!parsed.ok) throw new Error(parsed.error.title);
    const scene = parsed.value.plan.scene3d!;
    const on = scanScene(scene, manifest, atlas, { columns: 400, rows: 300 });
    const off = scanScene({ ...scene, trajectory: { ...scene.trajectory!, target: [scene.trajectory!.target[0], scene.trajectory!.target[1], scene.trajectory!.target[2] + 10] } }, manifest, atlas, { columns: 400, rows: 300 });
    if (!on.ok || !off.ok) throw new Error('scan failed');
    expect(on.value.needleInPlane).toBe(true);
    expect(off.value.needleInPlane).toBe(false);
    let diff = 0;
    for (let i = 0; i < on.value.image!.pixels.length; i++) diff += on.value.image!.pixels[i]! > off.value.image!.pixels[i]! + 40 ? 1 : 0;
    expect(diff).toBeGreaterThan(200); // the shaft and its reverberations
  });
});
