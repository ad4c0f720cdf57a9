/**
 * core/plan — the case model: schema and versions (./schema, ./migrations), reading and writing
 * (./io), edits as commands with undo/redo (./commands), measurements shared by the plan panel and
 * the CLI (./case), and bundled cases (./bundle). Node file IO lives in core/node.
 */
export * from './schema';
export * from './migrations';
export * from './io';
export * from './commands';
export * from './commands-3d';
export * from './history';
export * from './case';
export * from './bundle';
export { sha256Hex, sha256HexAsync } from './hash';
export * from './autosave';
