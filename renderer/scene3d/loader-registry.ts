/**
 * Model loaders register by format (as Cornerstone3D registers image loaders): each says how to
 * recognise its bytes, how to check them for damage, and how to parse them with three's loader. The
 * model loader (./loaders.ts) asks the registry, in registration order, instead of switching on the
 * format; a new format is one more registration (./formats/*).
 */
import type { Object3D } from 'three';
import type { DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import type { AppError, Result } from '../../core/result';

export type ModelFormat = 'glb' | 'gltf' | 'stl' | 'obj' | 'ply';

/** What a parser returns: a scene graph (named nodes) or one bare triangle soup. */
export type ParsedModel = { kind: 'scene'; root: Object3D } | { kind: 'triangles'; positions: Float32Array; indices: Uint32Array };

export interface ParseContext {
  file: string;
  /** Non-fatal notes for the user. */
  warnings: string[];
  /** External files of a .gltf (buffers), by the URI written in the .gltf. */
  resources?: Record<string, Uint8Array>;
  /** A configured DRACOLoader (browser only) for Draco-compressed glTF. */
  dracoLoader?: DRACOLoader;
}

export interface ModelLoader {
  format: ModelFormat;
  /** File extensions (lower case, no dot) that name this format. */
  extensions: readonly string[];
  /** glTF's +Y-up axes are converted to LPS by default; the other formats are taken as LPS. */
  yUp: boolean;
  /** True when the bytes are this format (the extension is only a hint). */
  sniff(bytes: Uint8Array): boolean;
  /** Damage the parser would not report (truncation, inconsistent sizes), or undefined. */
  check?(bytes: Uint8Array, file: string): AppError | undefined;
  /**
   * The binary form has no signature (binary STL): bytes that do not sniff but carry this format's
   * extension are checked with `check`, so a damaged file is reported as damaged, not as unknown.
   */
  noMagic?: boolean;
  parse(bytes: Uint8Array, ctx: ParseContext): Promise<Result<ParsedModel>>;
}

const loaders: ModelLoader[] = [];

/** Register (or replace) the loader of a format. Sniffing follows registration order. */
export function registerModelLoader(l: ModelLoader): void {
  const i = loaders.findIndex((x) => x.format === l.format);
  if (i >= 0) loaders[i] = l;
  else loaders.push(l);
}

export function modelLoader(format: ModelFormat): ModelLoader | undefined {
  return loaders.find((l) => l.format === format);
}

/** The format an extension names, among the registered ones. */
export function formatOfExtension(ext: string): ModelFormat | undefined {
  return loaders.find((l) => l.extensions.includes(ext))?.format;
}

/** Format from the content, or undefined when the bytes match no registered format. */
export function sniffFormat(bytes: Uint8Array): ModelFormat | undefined {
  return loaders.find((l) => l.sniff(bytes))?.format;
}

export function registeredFormats(): ModelFormat[] {
  return loaders.map((l) => l.format);
}
