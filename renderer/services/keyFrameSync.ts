import { newId, type Case, type KeyFrame, type PlanCommand } from '../../core/plan/index';
import { useCase } from '../state/case';
import { useFiles, type LoadedFile } from '../state/files';
import { useViewer } from '../state/viewer';
import { openFileOfClip } from '../state/fileOfClip';
import { clipFacts, clipRecord } from '../../core/plan/clip-facts';

/**
 * Key frames live in two places: the viewer bookmarks them on the clip it shows (renderer/state/viewer,
 * keyed by the clip's UID), and the case stores them by case clip id (saved, undoable, used by the
 * note). This keeps the two in step, with the same ids on both sides:
 *
 * - viewer → case: a key frame added, edited or removed in the viewer becomes one undoable case edit
 *   (the clip is added to the case first if it is not in it yet);
 * - case → viewer: after undo/redo or opening a case, the viewer shows the case's key frames for the
 *   clips that are open. Key frames of clips not in the case stay in the viewer only.
 */

type Norm = Pick<KeyFrame, 'id' | 'clipId' | 'frameIndex' | 'tag' | 'text'>;
const norm = (k: KeyFrame): Norm => ({ id: k.id, clipId: k.clipId, frameIndex: k.frameIndex, tag: k.tag, text: k.text ?? '' });
const key = (list: readonly KeyFrame[]) => JSON.stringify(list.map(norm).sort((a, b) => a.id.localeCompare(b.id)));

/** The open DICOM file holding each case clip (by SHA-256), with the viewer's clip UID. */
function clipUids(plan: Case, files: readonly LoadedFile[]): { caseToUid: Map<string, string>; uidToCase: Map<string, string> } {
  const caseToUid = new Map<string, string>();
  const uidToCase = new Map<string, string>();
  const withSummary = files.filter((x) => x.dicom);
  for (const c of plan.clips) {
    const f = openFileOfClip(c, withSummary);
    if (f?.dicom) {
      caseToUid.set(c.id, f.dicom.clipUid);
      uidToCase.set(f.dicom.clipUid, c.id);
    }
  }
  return { caseToUid, uidToCase };
}

/**
 * The viewer's key-frame list the case implies: the case's key frames of open clips, plus the
 * viewer's own for other clips, less `dropped` (ids the case just removed, e.g. by undo).
 */
export function viewerKeyFramesFor(plan: Case, viewerKfs: readonly KeyFrame[], files: readonly LoadedFile[], dropped: ReadonlySet<string> = new Set()): KeyFrame[] {
  const { caseToUid, uidToCase } = clipUids(plan, files);
  const own = viewerKfs.filter((k) => !uidToCase.has(k.clipId) && !dropped.has(k.id));
  const fromCase = plan.keyFrames.filter((k) => caseToUid.has(k.clipId)).map((k) => ({ ...k, clipId: caseToUid.get(k.clipId)! }));
  return [...own, ...fromCase].sort((a, b) => a.clipId.localeCompare(b.clipId) || a.frameIndex - b.frameIndex);
}

/** The case edits that make the case's key frames match the viewer's (null when they already do). */
export function caseEditsFor(plan: Case, viewerKfs: readonly KeyFrame[], files: readonly LoadedFile[]): { commands: PlanCommand[]; added: { clipId: string; file: LoadedFile }[] } | null {
  const { caseToUid, uidToCase } = clipUids(plan, files);
  const commands: PlanCommand[] = [];
  const added: { clipId: string; file: LoadedFile }[] = [];
  // Clips with key frames in the viewer but not in the case yet.
  for (const uid of new Set(viewerKfs.map((k) => k.clipId))) {
    if (uidToCase.has(uid)) continue;
    const f = files.find((x) => x.dicom?.clipUid === uid && x.bytes.byteLength > 0);
    const facts = f && clipFacts(f.bytes, f.name);
    if (!f || !facts?.ok) continue;
    const id = newId('clip');
    commands.push({ type: 'add-clip', clip: clipRecord(id, f.path || f.name, f.name, facts.value) });
    uidToCase.set(uid, id);
    caseToUid.set(id, uid);
    added.push({ clipId: id, file: f });
  }
  const wanted = viewerKfs.filter((k) => uidToCase.has(k.clipId)).map((k) => ({ ...norm(k), clipId: uidToCase.get(k.clipId)! }));
  const current = plan.keyFrames.filter((k) => caseToUid.has(k.clipId));
  for (const k of current) if (!wanted.some((w) => w.id === k.id)) commands.push({ type: 'delete-key-frame', id: k.id });
  for (const w of wanted) {
    const k = plan.keyFrames.find((x) => x.id === w.id);
    if (!k) commands.push({ type: 'add-key-frame', keyFrame: w });
    else if (k.frameIndex !== w.frameIndex || k.tag !== w.tag || k.text !== w.text) {
      commands.push({ type: 'edit-key-frame', id: k.id, changes: { frameIndex: w.frameIndex, tag: w.tag, text: w.text } });
    }
  }
  const kfCommands = commands.filter((c) => c.type !== 'add-clip');
  return kfCommands.length ? { commands, added } : null;
}

/** Keep viewer and case key frames in step; returns a function that stops it. */
export function startKeyFrameSync(): () => void {
  let busy = false;
  const toCase = () => {
    if (busy) return;
    const plan = useCase.getState().history.present;
    const viewerKfs = useViewer.getState().keyFrames;
    const edits = caseEditsFor(plan, viewerKfs, useFiles.getState().files);
    if (!edits) return;
    const kf = edits.commands.find((c) => c.type !== 'add-clip')!;
    const label = kf.type === 'add-key-frame' ? 'Add key frame' : kf.type === 'delete-key-frame' ? 'Delete key frame' : 'Edit key frame';
    busy = true;
    try {
      if (useCase.getState().apply(edits.commands.length === 1 ? edits.commands[0]! : { type: 'batch', label, commands: edits.commands })) {
        for (const a of edits.added) {
          const facts = clipFacts(a.file.bytes, a.file.name);
          if (facts.ok) useCase.getState().setClipRuntime(a.clipId, { location: a.file.path || a.file.name, onDisk: true, bytes: a.file.bytes, calibration: facts.value.calibration });
        }
      }
    } finally {
      busy = false;
    }
  };
  const toViewer = (prev?: Case) => {
    if (busy) return;
    const plan = useCase.getState().history.present;
    const viewerKfs = useViewer.getState().keyFrames;
    const dropped = new Set(prev ? prev.keyFrames.filter((k) => !plan.keyFrames.some((x) => x.id === k.id)).map((k) => k.id) : []);
    const next = viewerKeyFramesFor(plan, viewerKfs, useFiles.getState().files, dropped);
    if (key(next) === key(viewerKfs)) return;
    busy = true;
    try {
      useViewer.setState({ keyFrames: next });
    } finally {
      busy = false;
    }
  };
  const offViewer = useViewer.subscribe((s, prev) => {
    if (s.keyFrames !== prev.keyFrames) toCase();
  });
  const offCase = useCase.subscribe((s, prev) => {
    if (s.history.present.keyFrames !== prev.history.present.keyFrames || s.history.present.clips !== prev.history.present.clips) toViewer(prev.history.present);
  });
  // Clips finish loading after a case opens: show their key frames then.
  const offFiles = useFiles.subscribe((s, prev) => {
    if (s.files !== prev.files) toViewer();
  });
  return () => {
    offViewer();
    offCase();
    offFiles();
  };
}
