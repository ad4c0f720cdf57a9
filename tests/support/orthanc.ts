/**
 * The test PACS for integration tests: the Orthanc pair started by `.ci/run` (scripts/orthanc.mjs,
 * state file in $BLOCKPLAN_ORTHANC_STATE or the default), or, on a developer machine where none
 * runs, a private pair started for this test file and stopped after it. A missing Orthanc fails the
 * test with what to install; it is never skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { missingBinaries, readState, start, stop, type OrthancState } from '../../scripts/orthanc.mjs';

export type { OrthancState };

export async function useOrthanc(): Promise<{ state: OrthancState; release(): Promise<void> }> {
  const running = readState();
  if (running) return { state: running, release: async () => undefined };
  const missing = missingBinaries();
  if (missing.length) throw new Error(`The PACS tests need Orthanc: missing ${missing.join(' and ')}. Install them: apt-get install orthanc orthanc-dicomweb`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blockplan-orthanc-state-'));
  const file = path.join(dir, 'state.json');
  const state = await start({ file });
  return {
    state,
    release: async () => {
      stop({ file });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Basic-auth header value for the auth variant. */
export const basicAuth = (s: OrthancState): string => `Basic ${Buffer.from(`${s.auth.user}:${s.auth.password}`).toString('base64')}`;
