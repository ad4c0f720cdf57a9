/** PLY (ASCII and binary) through three's PLYLoader; a point cloud without faces is refused with the reason. */
import { Matrix4, type Mesh } from 'three';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { appError, err, ok } from '../../../core/result';
import { extractTriangles } from '../lib/mesh-geometry';
import { registerModelLoader } from '../loader-registry';
import { head, toArrayBuffer } from './bytes';

registerModelLoader({
  format: 'ply',
  extensions: ['ply'],
  yUp: false,
  sniff: (b) => /^ply\r?\n/.test(head(b, 1024)),
  parse: async (bytes, ctx) => {
    const geo = new PLYLoader().parse(toArrayBuffer(bytes));
    if (!geo.getIndex()) {
      return err(appError('model/empty', 'The PLY file has points but no faces (a point cloud), so there is no surface to show or measure.', { action: 'Mesh the point cloud (e.g. surface reconstruction) and export faces.', file: ctx.file }));
    }
    return ok({ kind: 'triangles', ...extractTriangles({ geometry: geo } as Mesh, new Matrix4()) });
  },
});
