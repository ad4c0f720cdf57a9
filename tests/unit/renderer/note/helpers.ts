/**
 * Test helpers for the note UI: the thoracic paravertebral sample case with its real clip loaded in
 * the case store, a clip store whose decode "worker" runs in-process with Node's codecs (the same
 * decoder code as the app's worker), and a bridge that records saved files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { openDicom } from '../../../../core/dicom/parse';
import type { Calibration } from '../../../../core/dicom/calibration';
import { parseCase, type Case } from '../../../../core/plan/index';
import { setBridgeForTests, type Bridge } from '../../../../renderer/bridge';
import type { SaveKind } from '../../../../renderer/bridge/types';
import { useCase } from '../../../../renderer/state/case';
import { ClipStore, setClipStoreForTests } from '../../../../renderer/viewer2d/clips';
import { createDecoder } from '../../../../renderer/workers/decoder';
import { DecodePool, type WorkerLike } from '../../../../renderer/workers/pool';
import type { FromWorker, ToWorker } from '../../../../renderer/workers/protocol';
import { repoRoot } from '../../../support/shared';

export const SAMPLE_DIR = path.join(repoRoot, 'assets/samples');
/** The version the app reports (package.json, as Electron's app.getVersion and the browser build do). */
export const PACKAGE_VERSION: string = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;

export interface Sample {
  plan: Case;
  bytes: Uint8Array;
  calibration: Calibration;
}

/**
 * The sample case and its clip. The clip's hash is set to the bytes on disk (the case file may lag
 * behind a regenerated clip; the note does not depend on the hash).
 */
export function sampleCase(id = 'thoracic-paravertebral', opts: { workedNote?: boolean } = {}): Sample {
  const parsed = parseCase(readFileSync(path.join(SAMPLE_DIR, `${id}.bpcase`), 'utf8'), `${id}.bpcase`);
  if (!parsed.ok) throw new Error(parsed.error.title);
  const plan = parsed.value.plan;
  const bytes = new Uint8Array(readFileSync(path.join(SAMPLE_DIR, plan.clips[0]!.path)));
  const img = openDicom(bytes, { fileName: plan.clips[0]!.path });
  if (!img.ok) throw new Error(img.error.message);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The editor tests start from the plan with an empty note; the parity test keeps the sample's worked note.
  const note = opts.workedNote ? plan.note : undefined;
  return { plan: { ...plan, note, clips: plan.clips.map((c, i) => (i === 0 ? { ...c, sha256, byteLength: bytes.byteLength } : c)) }, bytes, calibration: img.value.calibration };
}

/** Load a sample into the case store, with its clip's bytes and calibration at run time. */
export function loadSample(s: Sample, withClip = true): void {
  const clip = s.plan.clips[0]!;
  useCase.getState().load(
    s.plan,
    { path: null, name: `${s.plan.block.templateId}.bpcase`, bundled: false, origin: 'sample' },
    withClip ? { [clip.id]: { location: clip.path, onDisk: false, bytes: s.bytes, calibration: s.calibration } } : {},
  );
}

const codecs = createNodeCodecs();

/** A decode worker that runs the app's decoder in-process. */
class InProcessWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent | Event) => void) | null = null;
  private handle = createDecoder({ codecs });
  private chain = Promise.resolve();
  private dead = false;
  postMessage(msg: ToWorker, transfer: Transferable[]): void {
    const copy = structuredClone(msg, { transfer });
    this.chain = this.chain.then(async () => {
      const reply = await this.handle(copy);
      if (reply && !this.dead) this.onmessage?.(new MessageEvent('message', { data: structuredClone(reply.msg, { transfer: reply.transfer }) }));
    });
  }
  terminate(): void {
    this.dead = true;
  }
}

/** A clip store for tests (in-process decoding); returns it with a count of decode jobs. */
export function testClipStore(): { store: ClipStore; decodes: () => number } {
  let n = 0;
  const pool = new DecodePool({
    size: 1,
    createWorker: () => {
      const w = new InProcessWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (m, t) => {
        if (m.type === 'decode') n++;
        post(m, t);
      };
      return w;
    },
  });
  const store = new ClipStore(pool);
  setClipStoreForTests(store);
  return { store, decodes: () => n };
}

export interface SavedFile {
  kind: SaveKind;
  suggestedName: string;
  bytes: Uint8Array;
  path?: string | null;
  saveAs?: boolean;
}

/** Where the fake desktop save dialog "puts" a file. */
export const DESKTOP_DIR = '/home/user/notes';

/**
 * A bridge whose saveFile records what would be written: browser mode (downloads, path = the name)
 * or desktop mode (the save dialog picks DESKTOP_DIR; a given path is written as is).
 */
export function recordingBridge(mode: Bridge['mode'] = 'browser'): { saved: SavedFile[]; bridge: Bridge } {
  const saved: SavedFile[] = [];
  const no = async () => ({ ok: true as const, value: [] });
  const b: Bridge = {
    mode,
    appInfo: async () => ({ version: PACKAGE_VERSION, platform: 'browser', electron: null, chrome: null }),
    openFiles: no,
    readFile: async (p) => ({ ok: false, error: { code: 'test/no-file', title: `no ${p}` } }),
    filesFromDrop: no,
    saveFile: async (req) => {
      saved.push({ kind: req.kind, suggestedName: req.suggestedName, bytes: req.bytes, path: req.path, saveAs: req.saveAs });
      if (mode === 'browser') return { ok: true, value: { path: req.suggestedName } };
      return { ok: true, value: { path: req.saveAs || !req.path ? `${DESKTOP_DIR}/${req.suggestedName}` : req.path } };
    },
    publishTarget: async () => ({ ok: true, value: null }),
    listRecent: async () => [],
    addRecent: async () => [],
    clearRecent: async () => [],
    removeRecent: async () => [],
    recentCases: async () => [],
    openRecentCase: async (p) => ({ ok: false, error: { code: 'file/not-found', title: `${p} not found` } }),
    writeAutosave: async () => ({ ok: true, value: null }),
    readAutosave: async () => null,
    clearAutosave: async () => undefined,
    onMenuCommand: () => () => undefined,
    onOpenRecent: () => () => undefined,
  };
  setBridgeForTests(b);
  return { saved, bridge: b };
}
