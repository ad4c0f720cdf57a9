/** Wavefront OBJ through three's OBJLoader (one structure per object; no axis convention: taken as LPS, like BodyParts3D). */
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { ok } from '../../../core/result';
import { registerModelLoader } from '../loader-registry';
import { latin1 } from './bytes';

registerModelLoader({
  format: 'obj',
  extensions: ['obj'],
  yUp: false,
  sniff: (b) => {
    const text = latin1(b.subarray(0, Math.min(b.length, 65536)));
    return !text.includes('\0') && /^v[ \t]+[-+.\d]/m.test(text);
  },
  parse: async (bytes, ctx) => {
    // three's OBJLoader turns an object that has any `l` (polyline) record into LineSegments and
    // drops its faces; Blender exports of BodyParts3D muscles carry both. Keep the faces.
    let text = new TextDecoder().decode(bytes);
    if (/^l[ \t]/m.test(text) && /^f[ \t]/m.test(text)) {
      text = text.replace(/^l[ \t].*$/gm, '');
      ctx.warnings.push('The OBJ file also has line elements (edges); they were left out, the surface was kept.');
    }
    return ok({ kind: 'scene', root: new OBJLoader().parse(text) });
  },
});
