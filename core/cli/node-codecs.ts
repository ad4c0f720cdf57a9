/**
 * Node-side WebAssembly loading for core/dicom codecs: reads the .wasm files from node_modules
 * (resolved through each codec package, so it works from any working directory).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CODEC_WASM_FILES, createCodecs, type DicomCodecs } from '../dicom/codecs';

const require = createRequire(import.meta.url);

/** Absolute path of a codec's .wasm file inside node_modules. */
export function wasmPath(fileName: string): string {
  const spec = Object.values(CODEC_WASM_FILES).find((c) => c.fileName === fileName);
  if (!spec) throw new Error(`unknown codec file ${fileName}`);
  // The main entry lives in dist/, beside the .wasm files.
  return join(dirname(require.resolve(spec.package)), spec.fileName);
}

/** Read a codec's .wasm bytes from node_modules. */
export async function loadWasmFromNodeModules(fileName: string): Promise<Uint8Array> {
  const b = await readFile(wasmPath(fileName));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The codec set for Node (CLI, tests, benchmarks). */
export function createNodeCodecs(): DicomCodecs {
  return createCodecs({ loadWasm: loadWasmFromNodeModules });
}
