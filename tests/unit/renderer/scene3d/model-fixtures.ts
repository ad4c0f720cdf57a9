/** Paths to the shared read-only fixtures and their MANIFEST.tsv (independent reference numbers). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { anatomyFixturesDir } from '../../../support/shared';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const anatomyFixtures = anatomyFixturesDir();

export interface ManifestRow {
  path: string;
  format: string;
  structures: string;
  verticesOrMeshes: number;
  facesOrTriangles: number;
  units: string;
  bboxMin: [number, number, number];
  bboxMax: [number, number, number];
}

export function anatomyManifest(): ManifestRow[] {
  const lines = readFileSync(path.join(anatomyFixtures, 'MANIFEST.tsv'), 'utf8').trim().split(/\r?\n/);
  const head = lines[0]!.split('\t');
  const col = (name: string) => head.indexOf(name);
  return lines.slice(1).map((l) => l.split('\t').map((c) => c.trim())).filter((c) => c[col('format')] === 'OBJ' || c[col('format')] === 'GLB').map((c) => {
    const bbox = c[col('bbox')]!.match(/-?\d+(?:\.\d+)?/g)!.map(Number);
    return {
      path: c[col('path')]!,
      format: c[col('format')]!,
      structures: c[col('structure(s)')]!,
      verticesOrMeshes: Number(c[col('vertices|meshes')]),
      facesOrTriangles: Number(c[col('faces|triangles')]),
      units: c[col('units/frame')]!,
      bboxMin: bbox.slice(0, 3) as [number, number, number],
      bboxMax: bbox.slice(3, 6) as [number, number, number],
    };
  });
}
