// `npm run web`: build the renderer and serve BlockPlan in a browser on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const portArg = args.find((a) => a.startsWith('--port='));
const port = Number(portArg?.split('=')[1] ?? process.env.PORT ?? 5199);

if (!args.includes('--no-build')) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const b = spawnSync(npm, ['run', '-s', 'build:renderer'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const pacsSettingsFile = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'blockplan', 'pacs-servers.json');
const { url } = await startServer({ rendererRoot: path.join(root, 'dist', 'renderer'), assetsRoot: path.join(root, 'assets'), port, pacsSettingsFile });
console.log(`BlockPlan (browser mode) is running at ${url}  — press Ctrl+C to stop.`);
