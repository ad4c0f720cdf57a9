import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { validateBytes } from 'gltf-validator';
import { AtlasManifestSchema, type AtlasManifest } from '../../../core/anatomy/atlas-manifest';
import { edgeStats, meshBounds, weldVertices, type TriMesh } from '../../../core/anatomy/mesh';
import { prepareSectionMesh, sectionMesh, contourArea } from '../../../core/anatomy/section';
import { segmentFirstHitBrute } from '../../../core/anatomy/clearance';
import { loadModel, type LoadedModel } from '../../../renderer/scene3d/loaders';

const repoRoot = path.resolve(__dirname, '../../..');
const dir = path.join(repoRoot, 'assets/anatomy');
const manifest: AtlasManifest = AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
const glbs = readdirSync(dir).filter((f) => f.endsWith('.glb')).sort();

/** The glTF JSON chunk of a GLB, read directly from the container (independent of our loader). */
function glbJson(bytes: Uint8Array): { nodes: { name?: string; mesh?: number; children?: number[] }[]; meshes: { primitives: { attributes: { POSITION: number } }[] }[]; accessors: { min?: number[]; max?: number[]; count: number }[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = dv.getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + len)));
}

const loaded = new Map<string, LoadedModel>();
async function load(file: string): Promise<LoadedModel> {
  let m = loaded.get(file);
  if (!m) {
    const r = await loadModel(readFileSync(path.join(dir, file)), file);
    if (!r.ok) throw new Error(`${file}: ${r.error.title}`);
    m = r.value;
    loaded.set(file, m);
  }
  return m;
}
async function structure(id: string): Promise<TriMesh> {
  const s = manifest.structures.find((x) => x.id === id)!;
  return (await load(s.file)).meshes.find((m) => m.name === s.node)!;
}

describe('atlas GLB files', () => {
  it('there are regional GLBs and the manifest lists exactly them', () => {
    expect(glbs.length).toBeGreaterThanOrEqual(4);
    expect(manifest.files.map((f) => f.file).sort()).toEqual(glbs);
  });

  for (const f of ['atlas-abdomen.glb', 'atlas-body-wall.glb', 'atlas-pelvis.glb', 'atlas-thorax.glb']) {
    it(`${f} passes the Khronos glTF validator with no errors`, async () => {
      const report = await validateBytes(new Uint8Array(readFileSync(path.join(dir, f))), { uri: f, maxIssues: 50 });
      expect(report.issues.messages.filter((m) => m.severity === 0)).toEqual([]);
      expect(report.issues.numErrors).toBe(0);
    });
  }

  it('the manifest lists every node of every GLB, and every listed node exists (one node per structure)', () => {
    for (const f of glbs) {
      const json = glbJson(new Uint8Array(readFileSync(path.join(dir, f))));
      const meshNodes = json.nodes.filter((n) => n.mesh !== undefined).map((n) => n.name!).sort();
      const listed = manifest.structures.filter((s) => s.file === f).map((s) => s.node).sort();
      expect(meshNodes).toEqual(listed);
      expect(new Set(meshNodes).size).toBe(meshNodes.length);
      expect(manifest.files.find((x) => x.file === f)!.bytes).toBe(readFileSync(path.join(dir, f)).length);
    }
  });
});

describe('atlas content', () => {
  const ids = new Set(manifest.structures.map((s) => s.id));
  it('has every structure the issue asks for', () => {
    const need: string[] = [];
    for (let n = 1; n <= 12; n++) {
      need.push(`t${n}-vertebra`);
      for (const side of ['left', 'right']) {
        need.push(`rib-${n}-${side}`, `intercostal-nerve-t${n}-${side}`, `intercostal-artery-t${n}-${side}`, `intercostal-vein-t${n}-${side}`);
      }
    }
    for (let n = 1; n <= 5; n++) need.push(`l${n}-vertebra`);
    for (const side of ['left', 'right']) need.push(`parietal-pleura-${side}`, `lung-${side}`, `paravertebral-space-${side}`, `sympathetic-trunk-thoracic-${side}`, `kidney-${side}`, `hip-bone-${side}`);
    need.push('aorta', 'celiac-trunk', 'superior-mesenteric-artery', 'inferior-vena-cava', 'diaphragm', 'pancreas', 'liver-left-lobe', 'stomach',
      'sacrum', 'coccyx', 'sacrococcygeal-junction', 'ganglion-impar', 'rectum', 'skin-back', 'skin-abdomen', 'celiac-plexus');
    expect(need.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('categories, block templates and at-risk flags are consistent', () => {
    for (const s of manifest.structures) {
      expect(s.atRisk).toBe(s.atRiskFor.length > 0);
      for (const b of s.atRiskFor) expect(s.blocks).toContain(b);
    }
    const by = (id: string) => manifest.structures.find((s) => s.id === id)!;
    expect(by('parietal-pleura-right').atRiskFor).toContain('thoracic-paravertebral');
    expect(by('rectum').atRiskFor).toContain('ganglion-impar');
    expect(by('aorta').atRiskFor).toContain('celiac-plexus');
    expect(by('ganglion-impar').category).toBe('ganglion');
    expect(by('paravertebral-space-right').category).toBe('space');
    expect(by('t5-vertebra').fmaId).toBe('FMA9922'); // BodyParts3D: FJ61_BP4198_FMA9922_Fifth_thoracic_vertebra
    expect(by('rib-6-right').fmaId).toBe('FMA8175'); // BodyParts3D: FJ248_BP4279_FMA8175_Right_sixth_rib
  });

  it('names the source and licence of every structure: BodyParts3D bones, HuBMAP kidneys, the rest generated', () => {
    const by = (id: string) => manifest.structures.find((s) => s.id === id)!;
    const bp3d = [...Array.from({ length: 12 }, (_, i) => `t${i + 1}-vertebra`), ...Array.from({ length: 5 }, (_, i) => `l${i + 1}-vertebra`), 'sacrum', 'hip-bone-left', 'hip-bone-right', 'diaphragm'];
    for (let n = 1; n <= 12; n++) bp3d.push(`rib-${n}-left`, `rib-${n}-right`);
    for (const id of bp3d) {
      expect(by(id).source, id).toMatch(/^bodyparts3d-matrix-engine-starter\/(skeletal|muscular-decimate)\/FJ\d+_BP\d+_FMA\d+_.+\.obj$/);
      expect(by(id).licence).toBe('CC BY-SA 2.1 JP');
    }
    for (const id of ['kidney-left', 'kidney-right', 'pancreas', 'aorta', 'celiac-trunk', 'superior-mesenteric-artery', 'inferior-vena-cava']) {
      expect(by(id).source, id).toMatch(/^hubmap-hra-ccf-releases\/.+\.glb#VH_?F_/);
      expect(by(id).licence).toBe('CC BY 4.0');
    }
    for (const s of manifest.structures) expect(s.source && s.licence, s.id).toBeTruthy();
    expect(by('parietal-pleura-right').source).toMatch(/^generated/);
    expect(manifest.attribution?.join(' ')).toMatch(/BodyParts3D, © The Database Center for Life Science licensed under CC Attribution-Share Alike 2\.1 Japan/);
    expect(manifest.licence).toMatch(/CC BY-SA 2\.1 JP/);
    // Each source's registration is recorded with its landmarks and residual.
    expect(manifest.registrations?.map((r) => r.source.split(' ')[0])).toEqual(['BodyParts3D', 'HuBMAP', 'HuBMAP']);
  });

  it('loads through the model loader as metres (root node) → mm LPS, matching the stored accessor bounds', async () => {
    for (const f of glbs) {
      const m = await load(f);
      expect(m.units.unit).toBe('m');
      expect(m.axes).toBe('y-up');
      const json = glbJson(new Uint8Array(readFileSync(path.join(dir, f))));
      // Accessor min/max are the raw LPS-mm vertex data; the loaded bounds must reproduce them.
      const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
      for (const mesh of json.meshes) {
        const a = json.accessors[mesh.primitives[0]!.attributes.POSITION]!;
        for (let k = 0; k < 3; k++) {
          min[k] = Math.min(min[k]!, a.min![k]!);
          max[k] = Math.max(max[k]!, a.max![k]!);
        }
      }
      for (let k = 0; k < 3; k++) {
        expect(Math.abs(m.bounds.min[k]! - min[k]!)).toBeLessThan(1e-3);
        expect(Math.abs(m.bounds.max[k]! - max[k]!)).toBeLessThan(1e-3);
      }
      expect(m.meshes.map((x) => x.name).sort()).toEqual(manifest.structures.filter((s) => s.file === f).map((s) => s.node).sort());
    }
  });

  it('every generated structure is a closed surface; real meshes are nearly closed (a few holes of the source files)', async () => {
    const generated = new Set(manifest.structures.filter((s) => s.source?.startsWith('generated')).map((s) => s.id));
    for (const f of glbs) {
      for (const mesh of (await load(f)).meshes) {
        const st = edgeStats(weldVertices(mesh));
        if (generated.has(mesh.name)) {
          if (!st.closed) throw new Error(`${mesh.name} is not closed: ${st.boundaryEdges} boundary, ${st.nonManifoldEdges} non-manifold edges`);
        } else {
          // Source meshes: vessel tubes are open at their cut ends, bones have small holes.
          expect(st.boundaryEdges / (mesh.indices.length / 2), mesh.name).toBeLessThan(mesh.name === 'celiac-trunk' ? 0.2 : 0.08); // the short trunk is a tube open at both ends
        }
      }
    }
  });
});

describe('atlas proportions against cited values (blocks.md and the sources in proportions.ts)', () => {
  const lm = (k: string) => manifest.landmarks[k]!.position;

  it('skin-to-paravertebral-space depth at mid-thoracic levels is about 55 mm (blocks.md §1.1)', async () => {
    const skin = await structure('skin-back');
    const pvs = await structure('paravertebral-space-right');
    for (const level of ['t4', 't5', 't6', 't7']) {
      const zc = lm(`${level}-body-centre`)[2];
      const start: [number, number, number] = [-35, 200, zc - 8]; // between TPs, over the space
      const end: [number, number, number] = [-35, -50, zc - 8];
      const s = segmentFirstHitBrute({ start, end }, skin)!;
      const p = segmentFirstHitBrute({ start, end }, pvs)!;
      const depth = p.distanceMm - s.distanceMm;
      expect(depth).toBeGreaterThan(45);
      expect(depth).toBeLessThan(65);
    }
  });

  it('the aorta is about 2 cm wide at the celiac level and the celiac trunk arises at T12–L1', async () => {
    const aorta = prepareSectionMesh(await structure('aorta'))!;
    const origin = lm('celiac-trunk-origin');
    const cs = sectionMesh(aorta, { origin: [0, 0, origin[2] + 15], lateral: [1, 0, 0], beam: [0, 1, 0], normal: [0, 0, 1] });
    expect(cs).toHaveLength(1);
    const diameter = 2 * Math.sqrt(Math.abs(contourArea(cs[0]!.points)) / Math.PI);
    expect(diameter).toBeGreaterThan(17); // cited 20.1 ± 2.9 mm at the renal arteries
    expect(diameter).toBeLessThan(25);
    expect(origin[2]).toBeLessThan(lm('t12-body-centre')[2]);
    expect(origin[2]).toBeGreaterThan(lm('l1-body-centre')[2]);
    const sma = lm('sma-origin');
    expect(origin[2] - sma[2]).toBeGreaterThan(10); // cited 1.82 ± 0.66 cm
    expect(origin[2] - sma[2]).toBeLessThan(25);
  });

  it('kidneys (HuBMAP, real size) are 9–13 cm long between T11 and L5, and the ganglion impar lies just in front of the SCJ', async () => {
    for (const side of ['left', 'right']) {
      const b = meshBounds(await structure(`kidney-${side}`))!;
      const len = b.max[2] - b.min[2];
      // Cited 9–12 cm; the Visible Human Female kidney is 12.5 cm (kept at its real size).
      expect(len).toBeGreaterThan(90);
      expect(len).toBeLessThan(130);
      expect(b.max[2]).toBeLessThan(lm('t11-body-centre')[2]);
      expect(b.min[2]).toBeGreaterThan(lm('l5-body-centre')[2]);
    }
    const scj = lm('sacrococcygeal-junction-centre');
    const g = lm('ganglion-impar');
    expect(scj[1] - g[1]).toBeGreaterThan(6); // in front (−Y) of the joint centre
    expect(scj[1] - g[1]).toBeLessThan(20);
  });
});

describe('the committed atlas is what the generator produces', () => {
  it('regenerating into a temporary folder gives byte-identical files', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'atlas-'));
    try {
      execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), path.join(repoRoot, 'build/scripts/make-atlas.ts'), '--out', tmp], { cwd: repoRoot, stdio: 'pipe' });
      for (const f of [...glbs, 'manifest.json']) {
        const a = readFileSync(path.join(dir, f));
        const b = readFileSync(path.join(tmp, f));
        expect(Buffer.compare(a, b), `${f} differs from the generator's output; run npm run atlas`).toBe(0);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});
