/**
 * Where the read-only shared material (fixtures, reference) lives, for build scripts and tests alike.
 * Nothing is copied from it into the repository.
 *
 * Order: $BLOCKPLAN_SHARED; `../shared` beside this checkout; `../shared` beside the repository this
 * checkout was cloned from (a fresh clone in /tmp, as CI makes, still finds its origin's fixtures).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

function originDir(repoRoot: string): string | null {
  try {
    const url = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (!url) return null;
    const p = url.startsWith('file://') ? new URL(url).pathname : url;
    return path.isAbsolute(p) && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** The folders where the shared material may be, in the order they are tried. */
export function sharedCandidates(repoRoot: string): string[] {
  const o = originDir(repoRoot);
  return [process.env.BLOCKPLAN_SHARED, path.resolve(repoRoot, '../shared'), o ? path.resolve(o, '../shared') : undefined].filter((c): c is string => !!c);
}

/** The first candidate that holds `probe` (e.g. "fixtures", "fixtures/anatomy/MANIFEST.tsv"), or null. */
export function findShared(repoRoot: string, probe = 'fixtures'): { found: string | null; candidates: string[] } {
  const candidates = sharedCandidates(repoRoot);
  return { found: candidates.find((c) => existsSync(path.join(c, probe))) ?? null, candidates };
}
