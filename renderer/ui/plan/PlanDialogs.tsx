import { useState } from 'react';
import { getBlockTemplate } from '../../../core/blocks/index';
import { bridge } from '../../bridge';
import { SAMPLES, type SampleId } from '../../../core/samples/index';
import { locateClip, openSample, restoreRecovery } from '../../services/caseFiles';
import { usePlanDialog, type MissingClip, type PlanDialog } from '../../state/planDialogs';
import type { Recovery } from '../../state/case';
import { Modal } from '../Modal';
import { BlockPicker } from './BlockPicker';

/** The plan's dialogs (one at a time): block picker, samples, recovery, locate moved clips, unsaved changes. */
export function PlanDialogs() {
  const dialog = usePlanDialog((s) => s.dialog);
  const close = usePlanDialog((s) => s.close);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'block-picker':
      return <BlockPicker onClose={close} />;
    case 'samples':
      return <SamplesDialog onClose={close} />;
    case 'recovery':
      return <RecoveryDialog recovery={dialog.recovery} onClose={close} />;
    case 'recovery-damaged':
      return <DamagedRecoveryDialog d={dialog} onClose={close} />;
    case 'locate':
      return <LocateDialog missing={dialog.missing} caseDir={dialog.caseDir} onClose={close} />;
    case 'unsaved':
      return <UnsavedDialog d={dialog} />;
    default:
      return null;
  }
}

function SamplesDialog({ onClose }: { onClose(): void }) {
  const [busy, setBusy] = useState<SampleId | null>(null);
  return (
    <Modal title="Open a sample case" onClose={onClose}>
      <p className="dialog-text">Synthetic clips made by BlockPlan (no patient data), each with a worked plan: target, landmarks, structures at risk and the needle path.</p>
      <ul className="sample-list">
        {SAMPLES.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              disabled={busy !== null}
              aria-busy={busy === s.id}
              onClick={async () => {
                setBusy(s.id);
                onClose();
                await openSample(s.id);
              }}
            >
              <strong>{s.title}</strong>
              <span className="sub">{s.view}</span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}

function RecoveryDialog({ recovery, onClose }: { recovery: Recovery; onClose(): void }) {
  const p = recovery.plan;
  const t = p.block.templateId ? getBlockTemplate(p.block.templateId) : undefined;
  const when = new Date(recovery.savedAt);
  const whenText = Number.isNaN(when.getTime()) ? 'the last session' : when.toLocaleString();
  return (
    <Modal title="Restore unsaved work?" onClose={onClose}>
      <p className="dialog-text">
        BlockPlan kept a copy of a case that was not saved, from {whenText}
        {recovery.file.name ? ` (${recovery.file.name})` : ''}.
      </p>
      <p className="dialog-text">
        {t ? t.name : 'No block chosen'} · {p.annotations.length} mark{p.annotations.length === 1 ? '' : 's'} · {p.needlePaths.length} needle path{p.needlePaths.length === 1 ? '' : 's'} · {p.clips.length} clip{p.clips.length === 1 ? '' : 's'}
      </p>
      <div className="dialog-actions">
        <DiscardRecoveryButton className="secondary-button" onClose={onClose} />
        <button
          type="button"
          className="primary-button"
          onClick={async () => {
            onClose();
            await restoreRecovery(recovery);
          }}
        >
          Restore
        </button>
      </div>
    </Modal>
  );
}

function DamagedRecoveryDialog({ d, onClose }: { d: Extract<PlanDialog, { kind: 'recovery-damaged' }>; onClose(): void }) {
  return (
    <Modal title="Unsaved work could not be restored" onClose={onClose}>
      <p className="dialog-text">{d.error.title}</p>
      {d.error.action && <p className="dialog-text">{d.error.action}</p>}
      {d.error.detail && <pre className="message-detail">{d.error.detail}</pre>}
      <div className="dialog-actions">
        <button type="button" className="secondary-button" onClick={onClose}>
          Keep it for now
        </button>
        <DiscardRecoveryButton className="primary-button" onClose={onClose} />
      </div>
    </Modal>
  );
}

/** Close the dialog and empty the recovery slot (the unsaved case is gone for good). */
function DiscardRecoveryButton({ className, onClose }: { className: string; onClose(): void }) {
  return (
    <button
      type="button"
      className={className}
      onClick={async () => {
        onClose();
        await bridge().clearAutosave();
      }}
    >
      Discard it
    </button>
  );
}

function LocateDialog({ missing, caseDir, onClose }: { missing: MissingClip[]; caseDir: string; onClose(): void }) {
  const [left, setLeft] = useState(missing);
  return (
    <Modal title={left.length === 1 ? 'Locate a moved clip' : 'Locate moved clips'} onClose={onClose}>
      <p className="dialog-text">
        The case is open, but {left.length === 1 ? 'this clip was' : 'these clips were'} not found where the case expects {left.length === 1 ? 'it' : 'them'}. Choose the file: BlockPlan checks that it is the same clip (SHA-256) before using it.
      </p>
      <ul className="missing-list">
        {left.map((m) => (
          <li key={m.clipId}>
            <span>
              <strong>{m.displayName}</strong>
              <span className="where">
                {m.reason === 'changed' ? 'A file is there but its contents differ: ' : 'Not found: '}
                {m.expectedAt}
              </span>
            </span>
            <button
              type="button"
              className="small-button"
              aria-label={`Locate ${m.displayName}…`}
              onClick={async () => {
                if (await locateClip(m, caseDir)) {
                  const rest = left.filter((x) => x.clipId !== m.clipId);
                  setLeft(rest);
                  if (!rest.length) onClose();
                }
              }}
            >
              Locate…
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="secondary-button" onClick={onClose}>
          Continue without {left.length === 1 ? 'it' : 'them'}
        </button>
      </div>
    </Modal>
  );
}

function UnsavedDialog({ d }: { d: Extract<PlanDialog, { kind: 'unsaved' }> }) {
  return (
    <Modal title="Unsaved changes" onClose={() => d.resolve('cancel')}>
      <p className="dialog-text">The open case has changes that are not saved. Save them before {d.doing}?</p>
      <div className="dialog-actions">
        <button type="button" className="secondary-button" onClick={() => d.resolve('cancel')}>
          Cancel
        </button>
        <button type="button" className="secondary-button" onClick={() => d.resolve('discard')}>
          Don’t save
        </button>
        <button type="button" className="primary-button" onClick={() => d.resolve('save')}>
          Save
        </button>
      </div>
    </Modal>
  );
}
