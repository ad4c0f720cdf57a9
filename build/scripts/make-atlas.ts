/**
 * Generate the BlockPlan schematic anatomy atlas: GLB files by region plus manifest.json in
 * assets/anatomy (or `--out <dir>`). Deterministic: the same code writes byte-identical files.
 *
 *   npm run atlas              # writes assets/anatomy/*
 *   npx tsx build/scripts/make-atlas.ts --out /tmp/atlas
 *
 * Proportions and their sources: build/scripts/atlas/proportions.ts. Frame: LPS millimetres
 * (see core/anatomy/atlas-manifest.ts and docs/ANATOMY.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAtlas, type AtlasFile } from './atlas/anatomy';
import { sampleLandmarks } from './atlas/samples';
import { writeGlb } from './atlas/glb';
import { fitAtlas } from './atlas/fit';
import { loadRealAnatomy } from './atlas/real';
import { anatomyDir, BP3D_ATTRIBUTION, FixtureReader, HUBMAP_ATTRIBUTION } from './atlas/sources';
import { simplifierReady } from './atlas/decimate';
import { AtlasManifestSchema, type AtlasManifest } from '../../core/anatomy/atlas-manifest';

export const GENERATOR = 'BlockPlan make-atlas 2.0 (build/scripts/make-atlas.ts)';

const FILES: { file: AtlasFile; region: string }[] = [
  { file: 'atlas-thorax.glb', region: 'thorax: T1–T12 and ribs (BodyParts3D), pleura, lungs, intercostal nerves and vessels, paravertebral spaces, thoracic sympathetic trunks' },
  { file: 'atlas-abdomen.glb', region: 'abdomen: L1–L5 and diaphragm (BodyParts3D), aorta, celiac trunk, SMA, IVC, kidneys, pancreas (HuBMAP), liver (left lobe), stomach, celiac plexus, lumbar sympathetic trunks' },
  { file: 'atlas-pelvis.glb', region: 'pelvis: sacrum and hip bones (BodyParts3D), sacrococcygeal junction, coccyx, ganglion impar, rectum, sacral sympathetic trunks' },
  { file: 'atlas-body-wall.glb', region: 'body wall: skin of the back and abdomen, erector spinae' },
];

/** sRGB hex → linear RGBA for glTF baseColorFactor. */
function linear(hex: string, alpha: number): [number, number, number, number] {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return [r(c[0]!), r(c[1]!), r(c[2]!), alpha];
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Build the atlas from the schematic generator and the real meshes in the shared fixtures (read at build time). */
export async function generateAtlas(repoRoot = path.resolve(import.meta.dirname, '../..')): Promise<{ files: Map<string, Uint8Array>; manifest: AtlasManifest; warpResidualMm: number }> {
  await simplifierReady;
  const real = loadRealAnatomy(new FixtureReader(anatomyDir(repoRoot)));
  const { parts, landmarks, registrations, warpResidualMm } = fitAtlas(buildAtlas(), real);
  const samples = sampleLandmarks(parts, landmarks);
  const files = new Map<string, Uint8Array>();
  const fileStats: AtlasManifest['files'] = [];
  for (const f of FILES) {
    const inFile = parts.filter((p) => p.file === f.file);
    const glb = writeGlb(
      inFile.map((p) => ({ name: p.id, mesh: p.mesh, color: linear(p.color, p.opacity), material: `${p.category}-${p.color.slice(1)}` })),
      { rootName: `blockplan-${f.file.replace(/\.glb$/, '')}-lps-mm`, generator: GENERATOR, extras: { frame: 'Vertex data in LPS millimetres; the root node maps to glTF metres, +Y up.' } },
    );
    files.set(f.file, glb);
    fileStats.push({ file: f.file, region: f.region, structures: inFile.length, triangles: inFile.reduce((s, p) => s + p.mesh.indices.length / 3, 0), bytes: glb.length });
  }
  const allLandmarks = { ...landmarks, ...samples };
  const manifest: AtlasManifest = AtlasManifestSchema.parse({
    format: 'blockplan-atlas/1',
    generator: GENERATOR,
    frame: { axes: 'LPS', units: 'mm', origin: 'x = 0 midsagittal plane; y = 0 antero-posterior centre of the vertebral bodies; z = 0 centre of the sacrococcygeal junction' },
    files: fileStats,
    structures: parts.map((p) => ({
      id: p.id,
      name: p.name,
      fmaId: p.fmaId,
      category: p.category,
      blocks: [...new Set(p.blocks)].sort(),
      atRisk: p.atRiskFor.length > 0,
      atRiskFor: [...new Set(p.atRiskFor)].sort(),
      file: p.file,
      node: p.id,
      color: p.color,
      opacity: p.opacity,
      group: p.group,
      triangles: p.mesh.indices.length / 3,
      source: p.source,
      licence: p.licence,
    })),
    landmarks: Object.fromEntries(
      Object.keys(allLandmarks)
        .sort()
        .map((k) => {
          const l = allLandmarks[k]!;
          return [k, { position: l.position.map(round3), ...(l.normal ? { normal: l.normal.map((v) => Math.round(v * 1e6) / 1e6) } : {}), ...(l.direction ? { direction: l.direction.map((v) => Math.round(v * 1e6) / 1e6) } : {}), description: l.description }];
        }),
    ),
    proportionsSource: 'build/scripts/atlas/proportions.ts',
    licence: 'CC BY-SA 2.1 JP (derived from BodyParts3D); HuBMAP-derived structures also CC BY 4.0',
    attribution: [BP3D_ATTRIBUTION, HUBMAP_ATTRIBUTION, 'Generated structures: BlockPlan (build/scripts/atlas), fitted to the BodyParts3D bones.'],
    registrations: registrations.map((r) => ({ ...r, matrix: r.matrix.map((v) => Math.round(v * 1e6) / 1e6) })),
  });
  return { files, manifest, warpResidualMm };
}

async function main() {
  const i = process.argv.indexOf('--out');
  const out = i >= 0 ? process.argv[i + 1]! : path.resolve(import.meta.dirname, '../../assets/anatomy');
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  const { files, manifest, warpResidualMm } = await generateAtlas();
  for (const [name, bytes] of files) writeFileSync(path.join(out, name), bytes);
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const tris = manifest.files.reduce((s, f) => s + f.triangles, 0);
  console.log(`atlas: ${manifest.structures.length} structures, ${tris} triangles, ${files.size} GLB files → ${out}; warp landmark misfit ${warpResidualMm.toFixed(2)} mm (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
