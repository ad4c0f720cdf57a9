// Runs Electronegativity (Doyensec) over the Electron sources and the built index.html (which
// carries the CSP meta tag). Fails when a HIGH or MEDIUM finding is not explained in docs/SECURITY.md
// (the check's ID must appear there with the reason it does not apply or how it is mitigated).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/renderer/index.html');
if (!existsSync(built)) {
  console.error('security-scan: dist/renderer/index.html is missing — run `vite build` first.');
  process.exit(1);
}
const work = mkdtempSync(path.join(os.tmpdir(), 'bp-eneg-'));
cpSync(path.join(root, 'electron'), path.join(work, 'electron'), { recursive: true });
cpSync(built, path.join(work, 'renderer/index.html'));
cpSync(path.join(root, 'package.json'), path.join(work, 'package.json'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const csv = path.join(work, 'findings.csv');
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', work, '-r', '-o', csv, '-e', electronVersion], {
  encoding: 'utf8',
  timeout: 300_000,
});
if (!existsSync(csv)) {
  console.error(`security-scan: Electronegativity did not run (${r.status}): ${r.stderr}`);
  process.exit(1);
}
const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
const findings = rows.map((line) => {
  const cells = [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => (m[2] ?? m[1]).trim());
  return { check: cells[0], severity: cells[1], file: cells[3], location: cells[4] };
});
const doc = readFileSync(path.join(root, 'docs/SECURITY.md'), 'utf8');
const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const unexplained = serious.filter((f) => !doc.includes(f.check));
console.log(`Electronegativity ${electronVersion}: ${findings.length} finding(s), ${serious.length} HIGH/MEDIUM, ${unexplained.length} unexplained.`);
for (const f of serious) console.log(`  ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location}${unexplained.includes(f) ? '  <-- not explained in docs/SECURITY.md' : ''}`);
rmSync(work, { recursive: true, force: true });
process.exit(unexplained.length ? 1 : 0);
