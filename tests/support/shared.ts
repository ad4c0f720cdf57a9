/**
 * Where the read-only shared material (fixtures, reference) lives. Tests read fixtures from there and
 * never copy them into the repository.
 *
 * Order: $BLOCKPLAN_SHARED; `../shared` beside this checkout; `../shared` beside the repository this
 * checkout was cloned from (a fresh clone in /tmp still finds the fixtures of its origin).
 */
import path from 'node:path';
import { findShared } from '../../build/scripts/shared-dir';

export const repoRoot = path.resolve(__dirname, '../..');

let cached: string | null = null;

export function sharedDir(): string {
  if (cached) return cached;
  const { found, candidates } = findShared(repoRoot);
  if (!found) throw new Error(`The shared fixtures were not found (looked in: ${candidates.join(', ')}). Set BLOCKPLAN_SHARED to the folder that holds fixtures/ and reference/.`);
  cached = found;
  return found;
}

export const fixturesDir = (): string => path.join(sharedDir(), 'fixtures');
export const dicomFixturesDir = (): string => path.join(sharedDir(), 'fixtures', 'dicom');
export const anatomyFixturesDir = (): string => path.join(sharedDir(), 'fixtures', 'anatomy');
export const blocksReference = (): string => path.join(sharedDir(), 'reference', 'blocks.md');
