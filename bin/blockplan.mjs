#!/usr/bin/env node
// The `blockplan` command. Runs the TypeScript CLI in core/cli through tsx, so it works right
// after `npm ci` with no build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../core/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
