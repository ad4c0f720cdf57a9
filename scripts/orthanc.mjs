#!/usr/bin/env node
// A throw-away Orthanc (Debian `orthanc` + `orthanc-dicomweb`) for the PACS tests and bench:pacs.
//
//   node scripts/orthanc.mjs start [--state FILE] [--no-fixtures]   start two servers, load fixtures, write FILE
//   node scripts/orthanc.mjs stop  [--state FILE]                   stop them and delete their storage
//   node scripts/orthanc.mjs status [--state FILE]                  print the state (exit 1 when not running)
//
// Two servers, each on its own free port of 127.0.0.1 with its own temporary storage folder:
//   open: no authentication;  auth: HTTP basic authentication (user/password in the state file).
// Everything not needed is switched off (DICOM port, WebDAV, Orthanc Explorer, jobs saved to disk,
// other plugins), remote access is refused, and nothing listens on any address but 127.0.0.1.
//
// The state file (default: $BLOCKPLAN_ORTHANC_STATE, else <tmp>/blockplan-orthanc-<hash of this
// checkout>.json) records both servers: { open: {url, pid, dir}, auth: {url, pid, dir, user, password},
// fixtures: [...] }. tests/support/orthanc.ts reads it, or starts a private pair when none runs.
// Missing binaries fail loudly (exit 3) with what to install: no test is ever skipped silently.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ORTHANC = process.env.BLOCKPLAN_ORTHANC_BIN ?? '/usr/sbin/Orthanc';
const PLUGIN_DIRS = ['/usr/share/orthanc/plugins', '/usr/lib/orthanc'];
const HOST = '127.0.0.1';

export function defaultStateFile() {
  if (process.env.BLOCKPLAN_ORTHANC_STATE) return process.env.BLOCKPLAN_ORTHANC_STATE;
  const h = createHash('sha256').update(root).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `blockplan-orthanc-${h}.json`);
}

/** The DICOMweb plugin's shared library, or null. */
export function findDicomWebPlugin() {
  for (const d of PLUGIN_DIRS) {
    if (!existsSync(d)) continue;
    const f = readdirSync(d).find((n) => /^libOrthancDicomWeb\.so(\.\d+)*$/.test(n));
    if (f) return path.join(d, f);
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Orthanc's configuration for a test server; every default that could reach beyond 127.0.0.1 is off. */
function configFor({ name, port, dir, plugin, users }) {
  return {
    Name: name,
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'storage'),
    Plugins: [plugin],
    HttpServerEnabled: true,
    HttpPort: port,
    // Orthanc binds every interface; it refuses any client but localhost unless this is true.
    RemoteAccessAllowed: false,
    AuthenticationEnabled: !!users,
    RegisteredUsers: users ?? {},
    OrthancExplorerEnabled: false,
    WebDavEnabled: false,
    DicomServerEnabled: false,
    DicomModalities: {},
    OrthancPeers: {},
    HttpProxy: '',
    SaveJobs: false,
    MetricsEnabled: false,
    StorageCompression: false,
    OverwriteInstances: true,
    HttpCompressionEnabled: false,
    ExecuteLuaEnabled: false,
    StableAge: 1,
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Host: `${HOST}:${port}`, Ssl: false },
  };
}

async function waitUp(url, auth, pid, log, ms = 30_000) {
  const t0 = Date.now();
  const headers = auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {};
  while (Date.now() - t0 < ms) {
    try {
      const r = await fetch(`${url}system`, { headers });
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    try {
      process.kill(pid, 0);
    } catch {
      throw new Error(`Orthanc exited during start-up; its log: ${log}\n${tail(log)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Orthanc did not answer on ${url} within ${ms / 1000} s; its log: ${log}\n${tail(log)}`);
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

async function startOne(name, plugin, users) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `blockplan-orthanc-${name}-`));
  const port = await freePort();
  const conf = path.join(dir, 'orthanc.json');
  writeFileSync(conf, JSON.stringify(configFor({ name: `blockplan-${name}`, port, dir, plugin, users }), null, 2));
  const log = path.join(dir, 'orthanc.log');
  const out = openSync(log, 'a');
  const child = spawn(ORTHANC, [conf], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  const url = `http://${HOST}:${port}/`;
  const user = users ? Object.keys(users)[0] : undefined;
  await waitUp(url, users ? `${user}:${users[user]}` : undefined, child.pid, log);
  return { url, dicomweb: `${url}dicom-web`, pid: child.pid, dir, log, ...(users ? { user, password: users[user] } : {}) };
}

/** Fixture clips loaded into both servers: the three synthetic samples and two real multi-frame US files. */
function fixtureFiles() {
  const files = readdirSync(path.join(root, 'assets/samples'))
    .filter((n) => n.endsWith('.dcm'))
    .map((n) => path.join(root, 'assets/samples', n));
  // As build/scripts/shared-dir.ts: $BLOCKPLAN_SHARED, ../shared, or ../shared beside the origin of a fresh clone.
  let origin = '';
  try {
    origin = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    origin = '';
  }
  const shared = [process.env.BLOCKPLAN_SHARED, path.resolve(root, '../shared'), path.isAbsolute(origin) ? path.resolve(origin, '../shared') : '']
    .filter(Boolean)
    .find((d) => existsSync(path.join(d, 'fixtures/dicom')));
  if (shared) {
    for (const rel of ['cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm', 'pydicom-data/OBXXXX1A_2frame.dcm']) {
      const f = path.join(shared, 'fixtures/dicom', rel);
      if (existsSync(f)) files.push(f);
    }
  }
  return files;
}

async function upload(server, file) {
  const headers = { 'Content-Type': 'application/dicom' };
  if (server.user) headers.Authorization = `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}`;
  const r = await fetch(`${server.url}instances`, { method: 'POST', headers, body: readFileSync(file) });
  if (!r.ok) throw new Error(`Orthanc refused ${path.basename(file)}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()).ID;
}

function stopPid(pid) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const t0 = Date.now();
  while (Date.now() - t0 < 5000) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readState(file = defaultStateFile()) {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8'));
    return s && alive(s.open?.pid) && alive(s.auth?.pid) ? s : null;
  } catch {
    return null;
  }
}

export function missingBinaries() {
  const missing = [];
  if (!existsSync(ORTHANC)) missing.push(`the Orthanc server (${ORTHANC}; Debian package orthanc)`);
  if (!findDicomWebPlugin()) missing.push(`its DICOMweb plugin (libOrthancDicomWeb.so in ${PLUGIN_DIRS.join(' or ')}; Debian package orthanc-dicomweb)`);
  return missing;
}

/** Start both servers and load the fixtures; returns the state (also written to `file`). */
export async function start({ file = defaultStateFile(), fixtures = true } = {}) {
  const missing = missingBinaries();
  if (missing.length) {
    const e = new Error(`Cannot start the test PACS: missing ${missing.join(' and ')}. Install them: apt-get install orthanc orthanc-dicomweb`);
    e.exitCode = 3;
    throw e;
  }
  const plugin = findDicomWebPlugin();
  const password = randomBytes(12).toString('hex');
  const servers = {};
  try {
    servers.open = await startOne('open', plugin);
    servers.auth = await startOne('auth', plugin, { blockplan: password });
    const loaded = [];
    if (fixtures) {
      for (const f of fixtureFiles()) {
        await upload(servers.open, f);
        await upload(servers.auth, f);
        loaded.push(path.relative(root, f).startsWith('..') ? f : path.relative(root, f));
      }
    }
    const state = { ...servers, fixtures: loaded, startedAt: new Date().toISOString() };
    writeFileSync(file, JSON.stringify(state, null, 2));
    return state;
  } catch (e) {
    for (const s of Object.values(servers)) {
      stopPid(s.pid);
      rmSync(s.dir, { recursive: true, force: true });
    }
    throw e;
  }
}

/** Stop the servers named in `file` and delete their storage. */
export function stop({ file = defaultStateFile() } = {}) {
  let s;
  try {
    s = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  for (const k of ['open', 'auth']) {
    if (!s[k]) continue;
    stopPid(s[k].pid);
    if (s[k].dir && path.basename(s[k].dir).startsWith('blockplan-orthanc-')) rmSync(s[k].dir, { recursive: true, force: true });
  }
  rmSync(file, { force: true });
  return true;
}

async function cli(argv) {
  const [cmd, ...rest] = argv;
  const i = rest.indexOf('--state');
  const file = i >= 0 ? rest[i + 1] : defaultStateFile();
  if (cmd === 'start') {
    const running = readState(file);
    if (running) {
      console.log(`Orthanc already running: ${running.open.url} (open), ${running.auth.url} (basic auth); state ${file}`);
      return 0;
    }
    const s = await start({ file, fixtures: !rest.includes('--no-fixtures') });
    console.log(`Orthanc started: ${s.open.url} (open), ${s.auth.url} (basic auth), ${s.fixtures.length} fixture files loaded; state ${file}`);
    return 0;
  }
  if (cmd === 'stop') {
    console.log(stop({ file }) ? 'Orthanc stopped.' : 'No test Orthanc was running.');
    return 0;
  }
  if (cmd === 'status') {
    const s = readState(file);
    console.log(s ? JSON.stringify(s, null, 2) : 'not running');
    return s ? 0 : 1;
  }
  console.error('usage: node scripts/orthanc.mjs start|stop|status [--state FILE] [--no-fixtures]');
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`error: ${e.message}`);
      process.exit(e.exitCode ?? 1);
    },
  );
}
