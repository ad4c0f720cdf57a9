import { describe, it, expect } from 'vitest';
import { edgeStats, meshBounds, signedVolume, surfaceArea, transformMesh, weldVertices } from '../../../../core/anatomy/mesh';
import { boxMesh, sphereMesh, unweld } from './helpers';

describe('plain mesh helpers', () => {
  it('weldVertices merges bit-identical positions and restores a closed surface', () => {
    const box = boxMesh([-1, -2, -3], [4, 5, 6]);
    const soup = unweld(box);
    expect(soup.positions.length / 3).toBe(36);
    expect(edgeStats(soup).closed).toBe(false); // every edge is a boundary edge of its own triangle
    const w = weldVertices(soup);
    expect(w.positions.length / 3).toBe(8);
    expect(edgeStats(w).closed).toBe(true);
    // Same geometry: every welded triangle equals the original one.
    for (let i = 0; i < w.indices.length; i++) {
      for (let k = 0; k < 3; k++) expect(w.positions[w.indices[i]! * 3 + k]).toBe(box.positions[box.indices[i]! * 3 + k]);
    }
    expect(weldVertices(box)).toBe(box); // nothing to merge → unchanged
  });

  it('volume, area and bounds of a box are exact; a sphere approaches 4/3·π·r³', () => {
    const box = boxMesh([0, 0, 0], [10, 20, 30]);
    expect(signedVolume(box)).toBeCloseTo(6000, 6);
    expect(surfaceArea(box)).toBeCloseTo(2 * (200 + 600 + 300), 6);
    expect(meshBounds(box)).toEqual({ min: [0, 0, 0], max: [10, 20, 30] });
    const s = sphereMesh([0, 0, 0], 10, 64, 128);
    expect(signedVolume(s) / ((4 / 3) * Math.PI * 1000)).toBeCloseTo(1, 2);
  });

  it('transformMesh applies a column-major matrix (three.js order)', () => {
    const box = boxMesh([0, 0, 0], [1, 1, 1]);
    const t = transformMesh(box, [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 10, 20, 30, 1]);
    expect(meshBounds(t)).toEqual({ min: [10, 20, 30], max: [12, 22, 32] });
  });
});
