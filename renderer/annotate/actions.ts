import { newId, type PlanCommand } from '../../core/plan/index';
import type { Point } from '../../core/plan/schema';
import { useCase } from '../state/case';
import { openFileOfClip } from '../state/fileOfClip';
import { useFiles } from '../state/files';
import { notify } from '../state/messages';
import { clipRecord, type ClipFacts } from '../../core/plan/clip-facts';
import { shownClipFactsNow } from './useShownClip';
import { useTool } from '../state/tool';
import { kindOfTool, stepTool, type DrawToolId } from './tools';
import { useViewerLink } from '../state/viewerLink';

/**
 * Edits the annotation layer and the keyboard commands share: turning a finished drawing into a
 * case edit (adding the displayed clip to the case the first time it is annotated), Escape / Enter /
 * Backspace while drawing, deleting the selection, jumping to an annotation's frame.
 */

/** The case clip of the displayed file, and the edit that adds it when it is not in the case yet. */
export function displayedClip(facts: ClipFacts | null = useViewerLink.getState().facts): { clipId: string; add: PlanCommand | null } | null {
  const link = useViewerLink.getState();
  if (!link.fileId || !facts) return null;
  if (link.clipId && link.facts?.sha256 === facts.sha256) return { clipId: link.clipId, add: null };
  const plan = useCase.getState().history.present;
  const existing = plan.clips.find((c) => c.sha256 === facts.sha256);
  if (existing) return { clipId: existing.id, add: null };
  const id = newId('clip');
  return { clipId: id, add: { type: 'add-clip', clip: clipRecord(id, link.filePath || link.fileName, link.fileName, facts) } };
}

/** After adding the displayed clip to the case: remember where its bytes are and its calibration. */
function rememberClip(clipId: string, facts: ClipFacts): void {
  const link = useViewerLink.getState();
  const st = useCase.getState();
  if (st.clips[clipId]) return;
  const file = useFiles.getState().files.find((f) => f.id === link.fileId);
  st.setClipRuntime(clipId, { location: link.filePath || link.fileName, onDisk: true, bytes: link.fileBytes ?? file?.bytes ?? null, calibration: facts.calibration });
  useViewerLink.getState().set({ clipId });
}

/**
 * Add a finished drawing to the case (one undoable step) and select it. Returns the new item's id —
 * or null when it was not added, or not yet: a mark drawn on a clip whose hash has not been taken
 * yet (it waits for an idle, not-playing moment: ./useShownClip.ts) is added as soon as it is, on the
 * frame it was drawn on, unless another clip is shown by then.
 */
export function commitShape(f: { tool: DrawToolId; points: Point[] }): string | null {
  const link = useViewerLink.getState();
  if (link.fileId && !link.facts && link.fileBytes) {
    const { fileId, frameIndex } = link;
    void shownClipFactsNow(link.fileBytes).then((facts) => {
      if (!facts) notify(`${link.fileName} could not be read, so nothing was drawn on it.`, 'error');
      else if (useViewerLink.getState().fileId !== fileId) notify('Another clip was shown before the mark could be added; draw it again.', 'info');
      else addShape(f, facts, frameIndex);
    });
    return null;
  }
  return addShape(f, link.facts, link.frameIndex);
}

function addShape(f: { tool: DrawToolId; points: Point[] }, facts: ClipFacts | null, shownFrame: number): string | null {
  const clip = displayedClip(facts);
  if (!clip || !facts) {
    notify('Open a clip to draw on it.', 'info');
    return null;
  }
  const ts = useTool.getState();
  const frameIndex = ts.scope === 'all' ? null : shownFrame;
  let cmd: PlanCommand;
  let id: string;
  if (f.tool === 'needle') {
    id = newId('needle');
    const n = useCase.getState().history.present.needlePaths.filter((p) => p.clipId === clip.clipId).length;
    cmd = { type: 'add-needle-path', path: { id, clipId: clip.clipId, frameIndex, entry: f.points[0]!, target: f.points[1]!, mode: ts.needleMode, label: n ? `Needle path ${n + 1}` : 'Needle path' } };
  } else {
    id = newId('ann');
    const kind = kindOfTool(f.tool)!;
    cmd = {
      type: 'add-annotation',
      annotation: { id, clipId: clip.clipId, kind, points: f.points, label: ts.next.label, structureId: ts.next.structureId, role: ts.next.role, frameIndex, closed: kind === 'contour' },
    };
  }
  const full: PlanCommand = clip.add ? { type: 'batch', label: f.tool === 'needle' ? 'Add needle path' : 'Add annotation', commands: [clip.add, cmd] } : cmd;
  if (!useCase.getState().apply(full)) return null;
  if (clip.add) rememberClip(clip.clipId, facts);
  useCase.getState().select(f.tool === 'needle' ? { kind: 'needle', id } : { kind: 'annotation', id });
  if (f.tool === 'arrow') useTool.getState().setTextFor(id);
  return id;
}

/** Escape: cancel the drawing, else clear the selection. True when it did something. */
export function cancelOrDeselect(): boolean {
  const ts = useTool.getState();
  if (ts.draft) {
    ts.setDraft(null);
    return true;
  }
  if (ts.textFor) {
    ts.setTextFor(null);
    return true;
  }
  if (useCase.getState().selection) {
    useCase.getState().select(null);
    return true;
  }
  return false;
}

/** Enter: finish a polyline or contour being drawn. */
export function finishDrawing(): boolean {
  const ts = useTool.getState();
  if (!ts.draft || ts.tool === 'select') return false;
  const step = stepTool(ts.tool, ts.draft, { type: 'key', key: 'Enter' });
  ts.setDraft(step.draft);
  if (step.finished) commitShape(step.finished);
  return step.handled;
}

/** Delete / Backspace: remove the last vertex while drawing, else delete the selection. */
export function deleteOrBackspace(): boolean {
  const ts = useTool.getState();
  if (ts.draft && ts.tool !== 'select') {
    const step = stepTool(ts.tool, ts.draft, { type: 'key', key: 'Backspace' });
    ts.setDraft(step.draft);
    return true;
  }
  const st = useCase.getState();
  const sel = st.selection;
  if (!sel) return false;
  return st.apply(sel.kind === 'annotation' ? { type: 'delete-annotation', id: sel.id } : { type: 'delete-needle-path', id: sel.id });
}

/**
 * Select an annotation or needle path and show its frame: switch the viewer to its clip's file when
 * another is shown, then seek to its frame (items on every frame stay on the current frame).
 */
export function selectAndShow(kind: 'annotation' | 'needle', id: string): void {
  const st = useCase.getState();
  const plan = st.history.present;
  const item = kind === 'annotation' ? plan.annotations.find((a) => a.id === id) : plan.needlePaths.find((n) => n.id === id);
  if (!item) return;
  st.select({ kind, id });
  const link = useViewerLink.getState();
  if (item.clipId !== link.clipId) {
    const clip = plan.clips.find((c) => c.id === item.clipId);
    const file = clip && openFileOfClip(clip);
    if (file && link.showFile) link.showFile(file.id);
  }
  if (item.frameIndex !== null) useViewerLink.getState().seek?.(item.frameIndex);
}
