import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../../renderer/scene3d/loaders';
import { anatomyFixturesDir } from '../../../support/shared';

/** MANIFEST.tsv rows of the shared anatomy fixtures (the independent reference: counts and boxes written by the fixture collector). */
function manifestRows(): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path.join(anatomyFixturesDir(), 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const cols = head!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i]!.trim(), v.trim()])));
}

describe('importing BodyParts3D muscle OBJs (faces plus line elements)', () => {
  const rows = manifestRows().filter((r) => r.format === 'OBJ' && r.path!.includes('/muscular-decimate/'));

  it.each(rows.map((r) => [r.path!, r] as const))('%s keeps its surface: triangles and bounds as in MANIFEST.tsv, in mm', async (p, row) => {
    const bytes = readFileSync(path.join(anatomyFixturesDir(), p));
    const r = await loadModel(new Uint8Array(bytes), path.basename(p));
    if (!r.ok) throw new Error(r.error.title);
    expect(r.value.triangleCount).toBe(Number(row['faces|triangles']));
    expect(r.value.units.unit).toBe('mm');
    // Reference box: the vertices the `f` records use, read straight from the text (line-only vertices are not surface).
    const v: number[][] = [];
    const used = new Set<number>();
    for (const line of bytes.toString('utf8').split(/\r?\n/)) {
      if (line.startsWith('v ')) v.push(line.trim().split(/\s+/).slice(1, 4).map(Number));
      else if (line.startsWith('f ')) for (const t of line.trim().split(/\s+/).slice(1)) used.add(Number(t.split('/')[0]) - 1);
    }
    const pts = [...used].map((i) => v[i]!);
    const want = [0, 1, 2].map((k) => Math.min(...pts.map((q) => q[k]!))).concat([0, 1, 2].map((k) => Math.max(...pts.map((q) => q[k]!))));
    const got = [...r.value.bounds.min, ...r.value.bounds.max];
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 3));
  });

  it('has such files to test', () => expect(rows.length).toBeGreaterThan(0));
});
