/** Case edits the case-store and autosave tests share: one clip and a line on it. */
import type { PlanCommand } from '../../../../core/plan/index';

export const clip = {
  id: 'c1',
  path: 'clip.dcm',
  displayName: 'clip.dcm',
  sopInstanceUid: '2.25.1',
  studyInstanceUid: null,
  seriesInstanceUid: null,
  sha256: 'b'.repeat(64),
  frameCount: 10,
  rows: 480,
  columns: 640,
};
export const addClip: PlanCommand = { type: 'add-clip', clip };
export const addLine = (id: string): PlanCommand => ({
  type: 'add-annotation',
  annotation: { id, clipId: 'c1', kind: 'line', points: [{ x: 0, y: 0 }, { x: 10, y: 0 }], role: 'at-risk', label: 'pleura', frameIndex: 2 },
});

