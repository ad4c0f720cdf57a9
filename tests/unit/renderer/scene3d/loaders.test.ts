// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel, sniffFormat } from '../../../../renderer/scene3d/loaders';
import { prepareSectionMesh, sectionMesh, contourArea } from '../../../../core/anatomy/section';
import type { TriMesh } from '../../../../core/anatomy/mesh';
import { anatomyFixtures, anatomyManifest } from './model-fixtures';
import { boxMesh, sphereMesh } from '../../core/anatomy/helpers';

// ---- writers for test files (built here from the format specifications) ----

function binaryStl(m: TriMesh, header = 'binary stl written by the test'): Uint8Array {
  const n = m.indices.length / 3;
  const buf = new ArrayBuffer(84 + 50 * n);
  const dv = new DataView(buf);
  const h = new TextEncoder().encode(header);
  new Uint8Array(buf).set(h.subarray(0, 80));
  dv.setUint32(80, n, true);
  for (let t = 0; t < n; t++) {
    const o = 84 + 50 * t;
    for (let k = 0; k < 3; k++) {
      const v = m.indices[t * 3 + k]! * 3;
      for (let c = 0; c < 3; c++) dv.setFloat32(o + 12 + k * 12 + c * 4, m.positions[v + c]!, true);
    }
  }
  return new Uint8Array(buf);
}

function asciiStl(m: TriMesh): Uint8Array {
  const lines = ['solid test'];
  for (let t = 0; t < m.indices.length; t += 3) {
    lines.push('  facet normal 0 0 0', '    outer loop');
    for (let k = 0; k < 3; k++) {
      const v = m.indices[t + k]! * 3;
      lines.push(`      vertex ${m.positions[v]} ${m.positions[v + 1]} ${m.positions[v + 2]}`);
    }
    lines.push('    endloop', '  endfacet');
  }
  lines.push('endsolid test');
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

function asciiPly(m: TriMesh): Uint8Array {
  const nv = m.positions.length / 3, nf = m.indices.length / 3;
  const out = ['ply', 'format ascii 1.0', `element vertex ${nv}`, 'property float x', 'property float y', 'property float z', `element face ${nf}`, 'property list uchar int vertex_indices', 'end_header'];
  for (let i = 0; i < nv; i++) out.push(`${m.positions[i * 3]} ${m.positions[i * 3 + 1]} ${m.positions[i * 3 + 2]}`);
  for (let t = 0; t < nf; t++) out.push(`3 ${m.indices[t * 3]} ${m.indices[t * 3 + 1]} ${m.indices[t * 3 + 2]}`);
  return new TextEncoder().encode(out.join('\n') + '\n');
}

function binaryPly(m: TriMesh): Uint8Array {
  const nv = m.positions.length / 3, nf = m.indices.length / 3;
  const header = new TextEncoder().encode(['ply', 'format binary_little_endian 1.0', `element vertex ${nv}`, 'property float x', 'property float y', 'property float z', `element face ${nf}`, 'property list uchar int vertex_indices', 'end_header', ''].join('\n'));
  const body = new ArrayBuffer(nv * 12 + nf * 13);
  const dv = new DataView(body);
  for (let i = 0; i < nv * 3; i++) dv.setFloat32(i * 4, m.positions[i]!, true);
  for (let t = 0; t < nf; t++) {
    const o = nv * 12 + t * 13;
    dv.setUint8(o, 3);
    for (let k = 0; k < 3; k++) dv.setInt32(o + 1 + k * 4, m.indices[t * 3 + k]!, true);
  }
  const out = new Uint8Array(header.length + body.byteLength);
  out.set(header);
  out.set(new Uint8Array(body), header.length);
  return out;
}

const sphere = sphereMesh([10, -20, 300], 40, 32, 64);

describe('loaders: real meshes from ../shared/fixtures/anatomy', () => {
  const rows = anatomyManifest();

  it('reads BodyParts3D OBJ files (mm): triangle counts and bounds match MANIFEST.tsv, units detected as mm', async () => {
    const objs = rows.filter((r) => r.format === 'OBJ' && r.path.includes('/skeletal/')).slice(0, 6);
    expect(objs.length).toBeGreaterThan(0);
    for (const r of objs) {
      const res = await loadModel(readFileSync(path.join(anatomyFixtures, r.path)), r.path);
      if (!res.ok) throw new Error(`${r.path}: ${res.error.title}`);
      const m = res.value;
      expect(m.format).toBe('obj');
      expect(m.units.unit).toBe('mm');
      expect(m.units.mmPerUnit).toBe(1);
      expect(m.axes).toBe('as-is');
      expect(m.triangleCount).toBe(r.facesOrTriangles);
      for (let k = 0; k < 3; k++) {
        expect(Math.abs(m.bounds.min[k]! - r.bboxMin[k]!)).toBeLessThanOrEqual(1);
        expect(Math.abs(m.bounds.max[k]! - r.bboxMax[k]!)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('reads HuBMAP GLB files (m, Y-up): detected as metres, ×1000, axes converted to LPS, node names kept', async () => {
    const glbs = rows.filter((r) => r.format === 'GLB' && /Kidney|Pelvis/.test(r.path));
    expect(glbs.length).toBeGreaterThan(0);
    for (const r of glbs) {
      const res = await loadModel(readFileSync(path.join(anatomyFixtures, r.path)), r.path);
      if (!res.ok) throw new Error(`${r.path}: ${res.error.title}`);
      const m = res.value;
      expect(m.format).toBe('glb');
      expect(m.units.unit).toBe('m');
      expect(m.units.mmPerUnit).toBe(1000);
      expect(m.axes).toBe('y-up');
      expect(m.triangleCount).toBe(r.facesOrTriangles);
      // MANIFEST bbox is in raw glTF metres (x, y-up, z-front): LPS mm = (1000x, −1000z, 1000y).
      const expMin = [r.bboxMin[0] * 1000, -r.bboxMax[2] * 1000, r.bboxMin[1] * 1000];
      const expMax = [r.bboxMax[0] * 1000, -r.bboxMin[2] * 1000, r.bboxMax[1] * 1000];
      for (let k = 0; k < 3; k++) {
        expect(Math.abs(m.bounds.min[k]! - expMin[k]!)).toBeLessThanOrEqual(1);
        expect(Math.abs(m.bounds.max[k]! - expMax[k]!)).toBeLessThanOrEqual(1);
      }
      const listed = new Set(r.structures.split(';'));
      for (const mesh of m.meshes) expect(listed.has(mesh.name)).toBe(true);
    }
  });

  it('the unit override wins over detection', async () => {
    const r = rows.find((x) => x.format === 'GLB' && /Kidney_L/.test(x.path))!;
    const res = await loadModel(readFileSync(path.join(anatomyFixtures, r.path)), r.path, { units: { unit: 'mm' } });
    expect(res.ok && res.value.units.overridden && res.value.units.mmPerUnit === 1).toBe(true);
  });
});

describe('loaders: STL and PLY written by the test', () => {
  for (const [label, bytes, name] of [
    ['binary STL', binaryStl(sphere), 'sphere.stl'],
    ['binary STL whose header starts with "solid"', binaryStl(sphere, 'solid but binary'), 'solid-header.stl'],
    ['ASCII STL', asciiStl(sphere), 'sphere-ascii.stl'],
    ['ASCII PLY', asciiPly(sphere), 'sphere.ply'],
    ['binary PLY', binaryPly(sphere), 'sphere-bin.ply'],
  ] as const) {
    it(`reads a ${label}: same triangles, mm, and the same section as the source mesh`, async () => {
      const res = await loadModel(bytes, name);
      if (!res.ok) throw new Error(res.error.title);
      const m = res.value;
      expect(m.units.unit).toBe('mm');
      expect(m.meshes).toHaveLength(1);
      expect(m.triangleCount).toBe(sphere.indices.length / 3);
      expect(m.bounds.min[2]).toBeCloseTo(260, 3);
      expect(m.bounds.max[0]).toBeCloseTo(50, 3);
      const plane = { origin: [10, -20, 310] as [number, number, number], lateral: [1, 0, 0] as [number, number, number], beam: [0, 1, 0] as [number, number, number], normal: [0, 0, 1] as [number, number, number] };
      const a = sectionMesh(prepareSectionMesh(m.meshes[0]!)!, plane);
      const b = sectionMesh(prepareSectionMesh(sphere)!, plane);
      expect(a).toHaveLength(1);
      expect(Math.abs(contourArea(a[0]!.points))).toBeCloseTo(Math.abs(contourArea(b[0]!.points)), 2);
    });
  }

  it('an STL of a model in metres is detected as metres', async () => {
    const small = boxMesh([0, 0, 0], [0.05, 0.12, 0.3]);
    const res = await loadModel(binaryStl(small), 'organ-in-metres.stl');
    expect(res.ok && res.value.units.unit === 'm' && Math.abs(res.value.bounds.max[2] - 300) < 1e-3).toBe(true);
  });
});

describe('loaders: wrong, corrupt and empty files give AppErrors naming the file', () => {
  const cases: [string, Uint8Array, string, string][] = [
    ['a PNG renamed .stl', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]), 'scan.stl', 'model/wrong-format'],
    ['a truncated binary STL', binaryStl(sphere).subarray(0, 5000), 'cut.stl', 'model/corrupt'],
    ['a truncated ASCII STL', asciiStl(sphere).subarray(0, 3000), 'cut-ascii.stl', 'model/corrupt'],
    ['an empty file', new Uint8Array(0), 'empty.glb', 'model/empty'],
    ['an unknown format', new TextEncoder().encode('Kaydara FBX Binary  \0'), 'model.fbx', 'model/unsupported-format'],
    ['a PLY point cloud', new TextEncoder().encode('ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n1 0 0\n0 1 0\n'), 'cloud.ply', 'model/empty'],
    ['an OBJ without faces', new TextEncoder().encode('v 0 0 0\nv 1 0 0\nv 0 1 0\n'), 'points.obj', 'model/empty'],
  ];
  for (const [label, bytes, file, code] of cases) {
    it(label, async () => {
      const res = await loadModel(bytes, file);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe(code);
      expect(res.error.file).toBe(file);
      expect(res.error.title.length).toBeGreaterThan(10);
    });
  }

  it('a truncated GLB (real HuBMAP file cut in half) is reported as corrupt', async () => {
    const r = anatomyManifest().find((x) => x.format === 'GLB')!;
    const full = readFileSync(path.join(anatomyFixtures, r.path));
    const res = await loadModel(full.subarray(0, Math.floor(full.length / 2)), 'half.glb');
    expect(!res.ok && res.error.code === 'model/corrupt' && res.error.file === 'half.glb').toBe(true);
  });

  it('a GLB named .stl is read as GLB with a warning', async () => {
    const r = anatomyManifest().find((x) => x.format === 'GLB' && /Kidney_R/.test(x.path))!;
    const res = await loadModel(readFileSync(path.join(anatomyFixtures, r.path)), 'kidney.stl');
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.value.format).toBe('glb');
      expect(res.value.warnings.join(' ')).toMatch(/named \.stl/);
    }
  });

  it('sniffFormat recognises the formats from their bytes', () => {
    expect(sniffFormat(binaryStl(sphere))).toBe('stl');
    expect(sniffFormat(asciiPly(sphere))).toBe('ply');
    expect(sniffFormat(new TextEncoder().encode('# comment\nv 1 2 3\nf 1 1 1\n'))).toBe('obj');
    expect(sniffFormat(new TextEncoder().encode('{"asset":{"version":"2.0"}}'))).toBe('gltf');
  });
});

describe('loader registry', () => {
  it('loads by the registered loader of the sniffed format (a replacement registration is used)', async () => {
    const { modelLoader, registerModelLoader, registeredFormats } = await import('../../../../renderer/scene3d/loader-registry');
    expect(registeredFormats()).toEqual(['glb', 'gltf', 'ply', 'stl', 'obj']);
    const original = modelLoader('ply')!;
    let calls = 0;
    registerModelLoader({
      ...original,
      parse: async () => {
        calls++;
        return { ok: true, value: { kind: 'triangles', positions: Float32Array.of(0, 0, 0, 100, 0, 0, 0, 100, 0), indices: Uint32Array.of(0, 1, 2) } };
      },
    });
    try {
      const r = await loadModel(new TextEncoder().encode('ply\nformat ascii 1.0\nend_header\n'), 'replaced.ply');
      expect(calls).toBe(1);
      expect(r.ok && r.value.triangleCount).toBe(1);
    } finally {
      registerModelLoader(original);
    }
    expect(modelLoader('ply')).toBe(original);
  });
});
