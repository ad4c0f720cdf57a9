/**
 * Where the read-only shared material (fixtures, reference) lives. Tests read fixtures from there and
 * never copy them into the repository.
 *
 * Order: $BLOCKPLAN_SHARED; `../shared` beside this checkout; `../shared` beside the repository this
 * checkout was cloned from (a fresh clone in /tmp still finds the fixtures of its origin).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

function originDir(): string | null {
  try {
    const url = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    if (!url) return null;
    const p = url.startsWith('file://') ? new URL(url).pathname : url;
    return path.isAbsolute(p) && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

let cached: string | null = null;

export function sharedDir(): string {
  if (cached) return cached;
  const candidates = [process.env.BLOCKPLAN_SHARED, path.resolve(repoRoot, '../shared'), (() => {
    const o = originDir();
    return o ? path.resolve(o, '../shared') : undefined;
  })()].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(path.join(c, 'fixtures')));
  if (!found) throw new Error(`The shared fixtures were not found (looked in: ${candidates.join(', ')}). Set BLOCKPLAN_SHARED to the folder that holds fixtures/ and reference/.`);
  cached = found;
  return found;
}

export const fixturesDir = (): string => path.join(sharedDir(), 'fixtures');
export const dicomFixturesDir = (): string => path.join(sharedDir(), 'fixtures', 'dicom');
export const anatomyFixturesDir = (): string => path.join(sharedDir(), 'fixtures', 'anatomy');
export const blocksReference = (): string => path.join(sharedDir(), 'reference', 'blocks.md');
