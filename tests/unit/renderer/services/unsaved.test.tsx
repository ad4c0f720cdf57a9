/**
 * Issue 12 item 14: leaving with unsaved changes asks (beforeunload cancelled while dirty), and
 * browser mode says what it keeps in the browser's storage and clears it.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridgeForTests } from '../../../../renderer/bridge';
import type { Bridge, StoredSummary } from '../../../../renderer/bridge/types';
import { startUnsavedGuard } from '../../../../renderer/services/unsavedGuard';
import { BrowserStorageDialog, BrowserStorageNote, describeStored } from '../../../../renderer/ui/BrowserStorage';
import { useMessages } from '../../../../renderer/state/messages';

afterEach(() => setBridgeForTests(null));

function beforeUnload(): Event {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e;
}

describe('leaving with unsaved changes', () => {
  it('cancels beforeunload only while the case has unsaved changes', () => {
    let dirty = false;
    const stop = startUnsavedGuard(window, () => dirty);
    expect(beforeUnload().defaultPrevented).toBe(false);
    dirty = true;
    expect(beforeUnload().defaultPrevented).toBe(true);
    stop();
    expect(beforeUnload().defaultPrevented).toBe(false);
  });
});

describe('browser storage notice', () => {
  function fakeStorage(initial: StoredSummary) {
    let s = initial;
    const clear = vi.fn(async () => {
      s = { cases: 0, files: 0, bytes: 0, autosave: false };
    });
    setBridgeForTests({ mode: 'browser', storage: { summary: async () => s, clear } } as unknown as Bridge);
    return clear;
  }

  it('describes what is stored in words', () => {
    expect(describeStored({ cases: 1, files: 2, bytes: 14.2 * 1024 ** 2, autosave: true })).toBe('Stored now: 1 case, 2 clips or other files (14.2 MB), and an autosaved copy of unsaved work.');
    expect(describeStored({ cases: 0, files: 0, bytes: 0, autosave: true })).toBe('Stored now: an autosaved copy of unsaved work.');
    expect(describeStored({ cases: 0, files: 0, bytes: 0, autosave: false })).toBe('Nothing is stored in this browser now.');
  });

  it('says cases and clips stay in the browser, and clears them', async () => {
    const clear = fakeStorage({ cases: 1, files: 1, bytes: 3 * 1024 ** 2, autosave: false });
    render(<BrowserStorageDialog onClose={() => undefined} />);
    expect(screen.getByRole('dialog', { name: 'Stored in this browser' }).textContent).toMatch(/kept in this browser’s storage on this computer/);
    await screen.findByText('Stored now: 1 case, 1 clip or other file (3.0 MB).');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Clear stored cases and clips' })));
    expect(clear).toHaveBeenCalledTimes(1);
    await screen.findByText('Nothing is stored in this browser now.');
    expect((screen.getByRole('button', { name: 'Clear stored cases and clips' }) as HTMLButtonElement).disabled).toBe(true);
    expect(useMessages.getState().messages.at(-1)?.title).toMatch(/^Cleared/);
  });

  it('is not shown on the desktop', () => {
    setBridgeForTests({ mode: 'electron' } as unknown as Bridge);
    const { container } = render(<BrowserStorageNote />);
    expect(container.textContent).toBe('');
  });
});
