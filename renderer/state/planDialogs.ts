import { create } from 'zustand';
import type { AppError } from '../../core/result';
import type { Recovery } from './case';

/** A clip of an opened case whose file was not found where the case says, or has changed. */
export interface MissingClip {
  clipId: string;
  displayName: string;
  /** Where it was looked for. */
  expectedAt: string;
  reason: 'not-found' | 'changed';
}

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** The plan's dialogs; one at a time. */
export type PlanDialog =
  | { kind: 'block-picker' }
  | { kind: 'samples' }
  | { kind: 'recovery'; recovery: Recovery }
  | { kind: 'recovery-damaged'; error: AppError }
  | { kind: 'locate'; missing: MissingClip[]; caseDir: string }
  | { kind: 'unsaved'; doing: string; resolve(choice: UnsavedChoice): void }
  | { kind: 'copy-frames'; annotationId: string };

interface DialogState {
  dialog: PlanDialog | null;
  open(d: PlanDialog): void;
  close(): void;
}

export const usePlanDialog = create<DialogState>((set, get) => ({
  dialog: null,
  open: (dialog) => {
    const prev = get().dialog;
    if (prev?.kind === 'unsaved') prev.resolve('cancel');
    set({ dialog });
  },
  close: () => set({ dialog: null }),
}));

/** Ask what to do with unsaved changes before `doing` (e.g. "opening another case"). */
export function askUnsaved(doing: string): Promise<UnsavedChoice> {
  return new Promise((resolve) => {
    usePlanDialog.getState().open({
      kind: 'unsaved',
      doing,
      resolve: (c) => {
        usePlanDialog.setState({ dialog: null });
        resolve(c);
      },
    });
  });
}
