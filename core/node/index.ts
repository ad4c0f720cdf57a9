/**
 * Node-only glue shared by the CLI (core/cli) and the Electron main process: atomic writes, case
 * files, recovery files, locating moved clips by hash, bundled cases on disk.
 */
export * from './read';
export * from './atomic';
export * from './hash';
export * from './case-file';
export * from './recovery';
export * from './locate';
export * from './bundle';
export * from './fonts';
