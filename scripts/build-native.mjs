#!/usr/bin/env node
/**
 * `npm run build:native` (also run after `npm ci`): builds the optional TurboJPEG binding
 * (native/turbojpeg/turbojpeg.c → native/turbojpeg/build/turbojpeg.node), the CLI's fastest JPEG
 * decoder. It needs a C compiler, Node-API's headers (the node-api-headers package) and libturbojpeg's headers
 * (Debian/Ubuntu: `apt-get install gcc libc6-dev libturbojpeg0-dev`). Without them it prints one
 * line and exits 0: the CLI then uses sharp or WebAssembly, which give the same pixels, slower.
 *
 * --required: exit 1 when the binding cannot be built (CI, where the tests expect it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'native/turbojpeg/turbojpeg.c');
const outDir = join(root, 'native/turbojpeg/build');
const out = join(outDir, 'turbojpeg.node');
const required = process.argv.includes('--required');

function skip(why) {
  const msg = `build:native: TurboJPEG binding not built (${why}); the CLI decodes JPEG with sharp or WebAssembly instead (same pixels, slower).`;
  if (required) {
    console.error(`error: ${msg}`);
    process.exit(1);
  }
  console.log(msg);
  process.exit(0);
}

if (process.platform !== 'linux') skip(`built on Linux only, this is ${process.platform}`);
// Node-API's headers: the node-api-headers package (a devDependency; Node-API is ABI-stable across
// Node versions), else the ones installed with Node.
let packagedHeaders = '';
try {
  packagedHeaders = join(dirname(createRequire(import.meta.url).resolve('node-api-headers/package.json')), 'include');
} catch {
  /* not installed (production install): look beside Node */
}
const nodeInclude = [packagedHeaders, join(dirname(process.execPath), '..', 'include', 'node'), '/usr/include/node', '/usr/local/include/node'].find(
  (d) => d && existsSync(join(d, 'node_api.h')),
);
if (!nodeInclude) skip("Node-API's headers (node_api.h) not found");
const tjHeader = ['/usr/include/turbojpeg.h', '/usr/local/include/turbojpeg.h', '/opt/libjpeg-turbo/include/turbojpeg.h'].find((f) => existsSync(f));
if (!tjHeader) skip('turbojpeg.h not found: install libturbojpeg0-dev');
const cc = process.env.CC ?? 'cc';
mkdirSync(outDir, { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
try {
  execFileSync(cc, ['-O2', '-Wall', '-shared', '-fPIC', '-DNODE_GYP_MODULE_NAME=turbojpeg', `-I${nodeInclude}`, `-I${dirname(tjHeader)}`, src, '-lturbojpeg', '-o', tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
  renameSync(tmp, out);
} catch (e) {
  rmSync(tmp, { force: true });
  const stderr = e && typeof e === 'object' && 'stderr' in e && e.stderr ? String(e.stderr).trim().split('\n')[0] : '';
  skip(`${cc} failed${stderr ? `: ${stderr}` : e && e.code === 'ENOENT' ? ': no C compiler' : ''}`);
}
// Load it once, so a binding that builds but does not load is reported here.
try {
  const tj = createRequire(import.meta.url)(out);
  console.log(`build:native: built ${out.slice(root.length + 1)} (libjpeg-turbo ${tj.version()})`);
} catch (e) {
  rmSync(out, { force: true });
  skip(`the built binding does not load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
}
