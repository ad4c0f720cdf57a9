import { create } from 'zustand';
import type { AnnotationRole, Point } from '../../core/plan/schema';

/** The drawing tools (renderer/annotate/tools.ts runs them) and the select tool. */
export type DrawToolId = 'point' | 'line' | 'polyline' | 'contour' | 'ellipse' | 'arrow' | 'needle';
export type ToolId = 'select' | DrawToolId;

/** A shape being drawn: what the drawing tools' state machines (renderer/annotate/tools.ts) step. */
export interface Draft {
  tool: DrawToolId;
  /** Committed vertices (image px). */
  points: Point[];
  /** Where the pointer is (image px), for the rubber band; null before it moves. */
  cursor: Point | null;
  /** True between pointer down and up. */
  pressed: boolean;
  /** Where the current press started (image px). */
  pressAt: Point | null;
  /** A contour being drawn freehand (press and drag). */
  freehand: boolean;
}

/** A handle taken for the keyboard (arrow keys move it): an annotation's vertex, or a needle's entry or target. */
export type HandleRef = { kind: 'annotation'; id: string; index: number } | { kind: 'needle'; id: string; which: 'entry' | 'target' };

/**
 * The active annotation tool, the shape being drawn, and what the next annotation will be labelled
 * (a structure of the chosen block, or free text with a role). Not part of the case (not undoable).
 */
export interface NextLabel {
  /** A structure id of the chosen block template, or null for free text. */
  structureId: string | null;
  label: string;
  role: AnnotationRole;
}

export interface ToolState {
  tool: ToolId;
  draft: Draft | null;
  next: NextLabel;
  /** New annotations go on the current frame only, or on every frame of the clip. */
  scope: 'frame' | 'all';
  needleMode: 'in-plane' | 'out-of-plane';
  /** An arrow just drawn whose text is being typed on the image. */
  textFor: string | null;
  /** The handle the arrow keys move (renderer/annotate/keyboard.ts), set by pressing a handle or placing a point by keyboard. */
  handle: HandleRef | null;
  setTool(tool: ToolId): void;
  setDraft(draft: Draft | null): void;
  setNext(next: NextLabel): void;
  setScope(scope: 'frame' | 'all'): void;
  setNeedleMode(mode: 'in-plane' | 'out-of-plane'): void;
  setTextFor(id: string | null): void;
  setHandle(h: HandleRef | null): void;
}

export const DEFAULT_NEXT: NextLabel = { structureId: null, label: '', role: 'landmark' };

export const useTool = create<ToolState>((set) => ({
  tool: 'select',
  draft: null,
  next: DEFAULT_NEXT,
  scope: 'frame',
  needleMode: 'in-plane',
  textFor: null,
  handle: null,
  setTool: (tool) => set({ tool, draft: null, handle: null }),
  setDraft: (draft) => set({ draft }),
  setNext: (next) => set({ next }),
  setScope: (scope) => set({ scope }),
  setNeedleMode: (needleMode) => set({ needleMode }),
  setTextFor: (textFor) => set({ textFor }),
  setHandle: (handle) => set({ handle }),
}));

/**
 * Names, icons and shortcuts of the tools, in toolbar order. Shortcuts are single keys (no modifier)
 * that the viewer does not use (it has P, L, K, F, R, H, I, W, O, S, D).
 */
export const TOOL_INFO: readonly { id: ToolId; label: string; shortcut: string; hint: string }[] = [
  { id: 'select', label: 'Select and edit', shortcut: 'V', hint: 'Click a mark to select it; drag it or its handles to move them.' },
  { id: 'point', label: 'Point', shortcut: 'X', hint: 'Click to place a point.' },
  { id: 'line', label: 'Line', shortcut: 'M', hint: 'Drag, or click the start and then the end.' },
  { id: 'polyline', label: 'Polyline', shortcut: 'Y', hint: 'Click each vertex; Enter or double-click to finish; Backspace removes the last.' },
  { id: 'contour', label: 'Closed contour', shortcut: 'C', hint: 'Click each vertex and Enter (or click the first vertex), or drag to draw freehand.' },
  { id: 'ellipse', label: 'Ellipse', shortcut: 'E', hint: 'Drag from one corner of its box to the opposite corner.' },
  { id: 'arrow', label: 'Arrow with text', shortcut: 'A', hint: 'Drag from the text end to the tip; type the text in the panel.' },
  { id: 'needle', label: 'Needle path', shortcut: 'N', hint: 'Click the entry at the skin, then the target (or drag from entry to target).' },
];
