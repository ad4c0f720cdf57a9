// Bundles the Electron main process and preload with esbuild (CommonJS; the sandboxed preload
// must be a single file that requires only 'electron').
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, external: ['electron'], logLevel: 'warning' };
await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist-electron/preload.cjs' });
console.log('built dist-electron/main.cjs and dist-electron/preload.cjs');
