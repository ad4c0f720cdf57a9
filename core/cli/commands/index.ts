import type { CliCommand } from '../types';

/**
 * The subcommand table. Each command lives in its own file in this folder; add one line here.
 */
export const commands: Record<string, () => Promise<CliCommand>> = {
  inspect: async () => (await import('./inspect')).inspect,
  frames: async () => (await import('./frames')).frames,
  note: async () => (await import('./note')).note,
  samples: async () => (await import('./samples')).samples,
  measure: async () => (await import('./measure')).measure,
  deidentify: async () => (await import('./deidentify')).deidentifyCommand,
  dose: async () => (await import('./dose')).dose,
  pacs: async () => (await import('./pacs')).pacs,
  publish: async () => (await import('./publish')).publish,
  serve: async () => (await import('./serve')).serve,
  rehearse: async () => (await import('./rehearse')).rehearseCommand,
  anticoag: async () => (await import('./anticoag')).anticoag,
  scan: async () => (await import('./scan')).scan,
};
