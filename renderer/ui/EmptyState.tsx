import { dispatch, useCommands } from '../state/commands';
import { BrowserStorageNote } from './BrowserStorage';
import { Icon } from './Icon';
import { RecentCases } from './RecentCases';

/** Shown in the viewport before anything is open. */
export function EmptyState() {
  const hasSample = useCommands((s) => 'file.openSample' in s.commands);
  return (
    <div className="empty-state" data-testid="empty-state">
      <h1 className="empty-title">Plan an ultrasound-guided block</h1>
      <p className="empty-lead">Open an ultrasound clip to review it, mark the target and what is at risk, and plan the needle path.</p>
      <div className="empty-actions">
        <button type="button" className="primary-button" onClick={() => dispatch('file.openDicom')}>
          <Icon name="open" /> Open DICOM…
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={!hasSample}
          title={hasSample ? 'Open a synthetic clip with a worked plan' : 'Sample cases are not installed'}
          onClick={() => dispatch('file.openSample')}
        >
          <Icon name="sample" /> Open sample case
        </button>
        <button type="button" className="secondary-button" onClick={() => dispatch('file.openCase')}>
          <Icon name="folder" /> Open case…
        </button>
      </div>
      <RecentCases />
      <div className="drop-hint" aria-hidden="true">
        or drop DICOM files, a folder, a 3D model or a case file anywhere in this window
      </div>
      <p className="empty-footnote">Planning and teaching aid — not a medical device.</p>
      <BrowserStorageNote />
    </div>
  );
}
