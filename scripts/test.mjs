// `npm test`: everything CI checks, in order, stopping at the first failure.
//   1. lint (ESLint, including the layer-boundary rules)
//   2. typecheck (tsc -b over core, core/cli, core/node, electron, renderer, tests)
//   3. build the renderer (browser mode) once
//   4. security scan (Electronegativity; HIGH/MEDIUM findings must be explained in docs/SECURITY.md)
//   5. vitest: node (core, CLI, Electron main mocked, build config), jsdom (renderer), e2e (Chromium)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (n) => path.join(root, 'node_modules', '.bin', n);
const steps = [
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['typecheck', bin('tsc'), ['-b']],
  ['build renderer', bin('vite'), ['build', '--logLevel', 'warn']],
  ['security scan', process.execPath, ['scripts/security-scan.mjs']],
  ['unit, integration and e2e tests', bin('vitest'), ['run', ...process.argv.slice(2)]],
];
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, BLOCKPLAN_E2E_NO_BUILD: '1' } });
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log('\nAll checks passed.');
