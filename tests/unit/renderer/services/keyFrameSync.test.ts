import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDicom } from '../../../../core/dicom/index';
import { clipFacts, clipRecord } from '../../../../core/plan/clip-facts';
import { startKeyFrameSync } from '../../../../renderer/services/keyFrameSync';
import { useCase } from '../../../../renderer/state/case';
import { summarizeDicom, useFiles } from '../../../../renderer/state/files';
import { useViewer } from '../../../../renderer/state/viewer';
import { repoRoot } from '../../../support/shared';

let bytes: Uint8Array;
let uid: string;
let stop: () => void;

beforeAll(() => {
  bytes = new Uint8Array(readFileSync(path.join(repoRoot, 'assets/samples/thoracic-paravertebral.dcm')));
});
beforeEach(() => {
  useCase.getState().reset();
  const img = openDicom(bytes);
  if (!img.ok) throw new Error('unreadable');
  const summary = summarizeDicom(img.value, 'tpvb.dcm');
  uid = summary.clipUid;
  useFiles.setState({ files: [{ id: 'f1', name: 'tpvb.dcm', path: 'tpvb.dcm', kind: 'dicom', bytes, status: 'ready', dicom: summary }] });
  useViewer.setState({ keyFrames: [] });
  useViewer.getState().select('f1', { frameCount: 60, clipUid: uid });
  stop = startKeyFrameSync();
});
afterEach(() => stop());

describe('key frames: viewer and case in step', () => {
  it('a key frame bookmarked in the viewer becomes an undoable case edit (adding the clip), and undo removes it from the viewer', () => {
    useViewer.getState().seek(40);
    const k = useViewer.getState().addKeyFrame('target')!;
    const plan = useCase.getState().history.present;
    expect(plan.clips).toHaveLength(1);
    expect(plan.keyFrames).toEqual([{ id: k.id, clipId: plan.clips[0]!.id, frameIndex: 40, tag: 'target', text: '' }]);
    expect(useCase.getState().clips[plan.clips[0]!.id]?.calibration.regions.length).toBeGreaterThan(0);
    useViewer.getState().updateKeyFrame(k.id, { text: 'tip in the space' });
    expect(useCase.getState().history.present.keyFrames[0]!.text).toBe('tip in the space');
    useCase.getState().undo();
    expect(useViewer.getState().keyFrames[0]!.text).toBe('');
    useCase.getState().undo();
    expect(useViewer.getState().keyFrames).toEqual([]);
    expect(useCase.getState().history.present.clips).toHaveLength(0);
    useCase.getState().redo();
    expect(useViewer.getState().keyFrames.map((x) => [x.id, x.clipId, x.frameIndex])).toEqual([[k.id, uid, 40]]);
  });

  it('an opened case shows its key frames in the viewer, by the clip UID', () => {
    const facts = clipFacts(bytes, 'tpvb.dcm');
    if (!facts.ok) throw new Error('unreadable');
    const st = useCase.getState();
    st.apply({ type: 'add-clip', clip: clipRecord('c9', 'x.dcm', 'x.dcm', facts.value) });
    st.apply({ type: 'add-key-frame', keyFrame: { id: 'key-1', clipId: 'c9', frameIndex: 0, tag: 'scout', text: 'scout' } });
    st.load(useCase.getState().history.present, { path: 'a.bpcase', name: 'a.bpcase', bundled: false, origin: 'file' }, {});
    expect(useViewer.getState().keyFrames).toEqual([{ id: 'key-1', clipId: uid, frameIndex: 0, tag: 'scout', text: 'scout' }]);
    useViewer.getState().removeKeyFrame('key-1');
    expect(useCase.getState().history.present.keyFrames).toEqual([]);
  });
});
