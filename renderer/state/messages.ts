import { create } from 'zustand';
import type { AppError } from '../../core/result';

export type Severity = 'error' | 'warning' | 'info' | 'success';

export interface Message {
  id: number;
  severity: Severity;
  /** What happened, in one line. */
  title: string;
  /** What the user can do about it. */
  action?: string;
  /** Technical details, shown on demand. */
  detail?: string;
  file?: string;
  /** ms since epoch. */
  at: number;
}

interface MessagesState {
  messages: Message[];
  push(m: Omit<Message, 'id' | 'at'>): number;
  dismiss(id: number): void;
  clear(): void;
}

let nextId = 1;
/** Informational messages fade after this long (ms); errors and warnings stay until dismissed. */
export const INFO_TIMEOUT_MS = 6000;

/** The one store of messages the user must see. Every error shown in the UI goes through here. */
export const useMessages = create<MessagesState>((set) => ({
  messages: [],
  push(m) {
    const id = nextId++;
    set((s) => ({ messages: [...s.messages.slice(-19), { ...m, id, at: Date.now() }] }));
    return id;
  },
  dismiss(id) {
    set((s) => ({ messages: s.messages.filter((x) => x.id !== id) }));
  },
  clear() {
    set({ messages: [] });
  },
}));

/** Show an AppError (from a Result) to the user. */
export function reportError(e: AppError, severity: Severity = 'error'): number {
  return useMessages.getState().push({
    severity,
    title: e.title,
    ...(e.action ? { action: e.action } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.file ? { file: e.file } : {}),
  });
}

export function notify(title: string, severity: Severity = 'info', extra: Partial<Pick<Message, 'action' | 'detail' | 'file'>> = {}): number {
  return useMessages.getState().push({ severity, title, ...extra });
}
