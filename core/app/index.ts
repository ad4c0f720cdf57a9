/**
 * core/app — the workflows users run, each one function over small ports (./ports.ts): open a case and
 * its clips, measure, export the note. The CLI (core/cli) and the app (renderer/services) are thin
 * adapters over these; every safety check lives here, once. See ./README.md.
 */
export * from './ports';
export * from './clipHeader';
export * from './openCase';
export * from './measureCase';
export * from './exportNote';
export * from './note/index';
export * from './note/keyImages';
export * from './recentCases';
