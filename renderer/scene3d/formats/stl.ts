/** STL, binary and ASCII, through three's STLLoader (a triangle soup; no axis convention: taken as LPS). */
import { Matrix4, type Mesh } from 'three';
import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';
import { appError, ok, type AppError } from '../../../core/result';
import { extractTriangles } from '../lib/mesh-geometry';
import { registerModelLoader } from '../loader-registry';
import { ACTION_REEXPORT, head, latin1, toArrayBuffer } from './bytes';

const isAscii = (bytes: Uint8Array) => /^solid\b/i.test(head(bytes, 512).trimStart()) && /facet|endsolid/i.test(head(bytes, 4096));

/** Binary STL has no magic number: its size must equal 84 + 50 × its triangle count. */
function binaryStlSizeMatches(bytes: Uint8Array): boolean {
  if (bytes.length < 84) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
  return n > 0 && 84 + n * 50 === bytes.length;
}

/** A binary STL whose size does not match its triangle count is truncated or padded; an ASCII STL must end. */
function checkStl(bytes: Uint8Array, file: string): AppError | undefined {
  if (isAscii(bytes)) {
    if (!/endsolid/i.test(latin1(bytes.subarray(Math.max(0, bytes.length - 1024))))) {
      return appError('model/corrupt', 'The ASCII STL file is truncated (no “endsolid” at the end).', { action: ACTION_REEXPORT, file });
    }
    return undefined;
  }
  if (bytes.length < 84) return appError('model/corrupt', 'The STL file is too short to hold a header and a triangle count.', { action: ACTION_REEXPORT, file });
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
  const expected = 84 + 50 * n;
  if (expected !== bytes.length) {
    return appError('model/corrupt', `The binary STL file declares ${n} triangles (${expected} bytes) but has ${bytes.length} bytes: it is truncated or damaged.`, { action: ACTION_REEXPORT, file });
  }
  if (n === 0) return appError('model/empty', 'The STL file contains no triangles.', { action: ACTION_REEXPORT, file });
  return undefined;
}

registerModelLoader({
  format: 'stl',
  extensions: ['stl'],
  yUp: false,
  sniff: (b) => binaryStlSizeMatches(b) || (/^solid\b/i.test(head(b, 1024).replace(/^\uFEFF/, '').trimStart()) && /facet\s+normal|endsolid/i.test(head(b, 4096))),
  check: checkStl,
  noMagic: true,
  parse: async (bytes) => {
    const geo = new STLLoader().parse(toArrayBuffer(bytes));
    return ok({ kind: 'triangles', ...extractTriangles({ geometry: geo } as Mesh, new Matrix4()) });
  },
});
