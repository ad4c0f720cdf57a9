/** glTF 2.0 (GLB and .gltf with its buffers) through three's GLTFLoader; meshopt is bundled, textures are skipped. */
import { LoadingManager, type Object3D, type Texture } from 'three';
import { GLTFLoader, type GLTFLoaderPlugin, type GLTFParser } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { appError, err, ok, type AppError, type Result } from '../../../core/result';
import { registerModelLoader, type ParseContext, type ParsedModel } from '../loader-registry';
import { ACTION_REEXPORT, base64, head, latin1, toArrayBuffer } from './bytes';

/** Skips texture decoding: geometry and colours only (also what makes GLTFLoader work in Node). */
class NoTexturesPlugin implements GLTFLoaderPlugin {
  readonly name = 'BLOCKPLAN_no_textures';
  loadTexture(): Promise<Texture> {
    // GLTFLoader skips a material's map when its texture resolves to null.
    return Promise.resolve(null) as unknown as Promise<Texture>;
  }
}

function corrupt(file: string, e: unknown): AppError {
  return appError('model/corrupt', 'The GLTF file is damaged or truncated and could not be read.', { action: ACTION_REEXPORT, file, detail: e instanceof Error ? e.message : String(e) });
}

function gltfError(file: string, e: unknown): AppError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/DRACOLoader/i.test(msg)) {
    return appError('model/needs-decoder', 'The glTF file is Draco-compressed and no Draco decoder is available here.', { action: 'Open it in the BlockPlan app (which bundles the decoder) or re-export without Draco compression.', file, detail: msg });
  }
  if (/Unsupported asset|version/i.test(msg)) {
    return appError('model/wrong-format', 'This glTF version is not supported (glTF 2.0 is required).', { action: ACTION_REEXPORT, file, detail: msg });
  }
  if (/Failed to load buffer|fetch|Failed to parse URL/i.test(msg)) {
    return appError('model/missing-resource', 'A file this glTF refers to (its .bin buffer) is missing.', { action: 'Import the .gltf together with its .bin file, or use a single .glb file.', file, detail: msg });
  }
  return corrupt(file, e);
}

function parseGltf(bytes: Uint8Array, ctx: ParseContext): Promise<Result<ParsedModel>> {
  const manager = new LoadingManager();
  const resources = ctx.resources ?? {};
  manager.setURLModifier((url) => {
    const key = decodeURIComponent(url.replace(/^\.\//, ''));
    const res = resources[key];
    return res ? `data:application/octet-stream;base64,${base64(res)}` : url;
  });
  const loader = new GLTFLoader(manager);
  loader.setMeshoptDecoder(MeshoptDecoder);
  if (ctx.dracoLoader) loader.setDRACOLoader(ctx.dracoLoader);
  loader.register((_parser: GLTFParser) => new NoTexturesPlugin());
  return new Promise((resolve) => {
    const done = (root: Object3D) => resolve(ok({ kind: 'scene', root }));
    try {
      loader.parse(toArrayBuffer(bytes), '', (gltf) => done(gltf.scene), (e) => resolve(err(gltfError(ctx.file, e))));
    } catch (e) {
      resolve(err(gltfError(ctx.file, e)));
    }
  });
}

/**
 * GLB container checks (glTF 2.0 §4.4): 12-byte header whose length field equals the file size,
 * then chunks that fit inside the file, the first being JSON. Catches truncated downloads, which
 * three's parser would otherwise read as zero-filled geometry.
 */
function checkGlb(bytes: Uint8Array, file: string): AppError | undefined {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== 2) return appError('model/wrong-format', `This is a glTF ${version}.x binary file; glTF 2.0 is required.`, { action: ACTION_REEXPORT, file });
  const declared = dv.getUint32(8, true);
  if (declared !== bytes.length) {
    return appError('model/corrupt', `The GLB file declares ${declared} bytes but has ${bytes.length}: it is truncated or damaged.`, { action: ACTION_REEXPORT, file });
  }
  let off = 12;
  let first = true;
  while (off < bytes.length) {
    if (off + 8 > bytes.length) return appError('model/corrupt', 'The GLB file ends inside a chunk header.', { action: ACTION_REEXPORT, file });
    const len = dv.getUint32(off, true);
    const type = dv.getUint32(off + 4, true);
    if (first && type !== 0x4e4f534a) return appError('model/corrupt', 'The GLB file does not start with its JSON chunk.', { action: ACTION_REEXPORT, file });
    if (off + 8 + len > bytes.length) return appError('model/corrupt', 'A GLB chunk runs past the end of the file: it is truncated or damaged.', { action: ACTION_REEXPORT, file });
    off += 8 + len;
    first = false;
  }
  return undefined;
}

registerModelLoader({
  format: 'glb',
  extensions: ['glb'],
  yUp: true,
  // 'glTF' magic
  sniff: (b) => b.length >= 12 && b[0] === 0x67 && b[1] === 0x6c && b[2] === 0x54 && b[3] === 0x46,
  check: checkGlb,
  parse: parseGltf,
});

registerModelLoader({
  format: 'gltf',
  extensions: ['gltf'],
  yUp: true,
  sniff: (b) => head(b, 1024).replace(/^\uFEFF/, '').trimStart().startsWith('{') && /"asset"\s*:/.test(latin1(b.subarray(0, Math.min(b.length, 65536)))),
  parse: parseGltf,
});
