import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { bridge } from '../bridge';
import type { StoredSummary } from '../bridge/types';
import { notify, reportError } from '../state/messages';
import { Modal } from './Modal';
import './BrowserStorage.css';

/**
 * Browser mode keeps the cases and clips the user opens or saves, and the autosave, in the
 * browser's storage (IndexedDB) on this computer. This says so, shows what is stored, and clears
 * it. Nothing is rendered on the desktop (the bridge has no `storage` there).
 */

/** "1 case, 2 clips (14.2 MB)". */
export function describeStored(s: StoredSummary): string {
  if (s.cases === 0 && s.files === 0 && !s.autosave) return 'Nothing is stored in this browser now.';
  const parts: string[] = [];
  if (s.cases) parts.push(`${s.cases} case${s.cases === 1 ? '' : 's'}`);
  if (s.files) parts.push(`${s.files} clip${s.files === 1 ? '' : 's'} or other file${s.files === 1 ? '' : 's'}`);
  const mb = s.bytes / 1024 ** 2;
  const size = parts.length ? ` (${mb >= 0.1 ? mb.toFixed(1) : '< 0.1'} MB)` : '';
  const list = parts.join(', ') + size;
  if (s.autosave) return `Stored now: ${list ? `${list}, and ` : ''}an autosaved copy of unsaved work.`;
  return `Stored now: ${list}.`;
}

export function BrowserStorageDialog({ onClose }: { onClose(): void }) {
  const storage = bridge().storage;
  const [summary, setSummary] = useState<StoredSummary | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void storage?.summary().then(setSummary);
  }, [storage]);
  const clear = useCallback(async () => {
    if (!storage) return;
    setBusy(true);
    try {
      await storage.clear();
      setSummary(await storage.summary());
      notify('Cleared: BlockPlan keeps no cases or clips in this browser now.', 'success', { action: 'The case open now stays open; save it to a file to keep it.' });
    } catch (e) {
      reportError({ code: 'storage/clear-failed', title: 'The stored cases and clips could not be cleared.', action: 'Clear this site’s data in the browser’s settings instead.', detail: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }, [storage]);
  if (!storage) return null;
  const empty = summary !== null && summary.cases === 0 && summary.files === 0 && !summary.autosave;
  return (
    <Modal title="Stored in this browser" onClose={onClose}>
      <p className="storage-text">
        In browser mode, the cases and clips you open or save, and an autosaved copy of unsaved work, are kept in this browser’s storage on this computer, so
        they can be opened again. They stay until you clear them, and anyone who uses this browser profile can open them.
      </p>
      <p className="storage-now" data-testid="storage-summary" aria-live="polite">
        {summary ? describeStored(summary) : 'Checking…'}
      </p>
      <div className="storage-actions">
        <button type="button" className="secondary-button" disabled={busy || empty || summary === null} onClick={() => void clear()}>
          Clear stored cases and clips
        </button>
        <button type="button" className="primary-button" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}

/** A link that opens the dialog (status bar, empty state); nothing on the desktop. */
export function BrowserStorageLink({ label = 'Stored in this browser…' }: { label?: string }) {
  const [open, setOpen] = useState(false);
  if (!bridge().storage) return null;
  return (
    <>
      <button type="button" className="link-button storage-link" onClick={() => setOpen(true)}>
        {label}
      </button>
      {/* In document.body: the status bar's nowrap and small type must not reach the dialog. */}
      {open && createPortal(<BrowserStorageDialog onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

/** The one-line notice for the empty state (browser mode only). */
export function BrowserStorageNote() {
  if (!bridge().storage) return null;
  return (
    <p className="empty-footnote" data-testid="storage-note">
      Browser mode: cases and clips you open stay in this browser’s storage until you clear them. <BrowserStorageLink label="What is stored…" />
    </p>
  );
}
