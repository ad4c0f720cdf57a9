// `npm start`: build and launch the desktop app. Where Electron's runtime binary is not installed
// (e.g. installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so in one line and point to `npm run web`.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const noRuntime = () => {
  console.error("BlockPlan: Electron's runtime is not installed on this machine, so the desktop app cannot start — run `npm run web` to use BlockPlan in your browser.");
  process.exit(1);
};

let bin = existsSync(electronDir) ? electronBinary() : null;
if (!bin && existsSync(electronDir) && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  // Electron downloads its runtime on first use; try once, quietly.
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  bin = electronBinary();
}
if (!bin) noRuntime();

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const b = spawnSync(npm, ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
const child = spawn(bin, ['.'], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
