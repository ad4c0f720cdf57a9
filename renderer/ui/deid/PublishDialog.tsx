import { useState } from 'react';
import type { AppError } from '../../../core/result';
import { bridge } from '../../bridge';
import { describeProgress, publishOpenCase, SITE_NAME, type Published } from '../../services/publishCase';
import { Modal } from '../Modal';
import './deid.css';

type Phase = { kind: 'idle' } | { kind: 'working'; text: string; fraction: number } | { kind: 'failed'; error: AppError } | { kind: 'done'; result: Published };

/**
 * "Publish as teaching page": what publishing does, then the same workflow as `blockplan publish`
 * (core/app/publish.ts through renderer/services/publishCase.ts) with its progress; a PHI hit or any
 * other failure is shown naming the problem, and nothing is written.
 */
export function PublishDialog({ onClose }: { onClose(): void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const desktop = bridge().mode === 'electron';
  const run = async () => {
    setPhase({ kind: 'working', text: 'Starting: loading the OCR engine…', fraction: 0 });
    const r = await publishOpenCase((p) => setPhase({ kind: 'working', ...describeProgress(p) }));
    if (r === null) setPhase({ kind: 'idle' });
    else setPhase(r.ok ? { kind: 'done', result: r.value } : { kind: 'failed', error: r.error });
  };
  const working = phase.kind === 'working';
  return (
    <Modal title="Publish as teaching page" onClose={working ? () => undefined : onClose}>
      <div className="publish">
        <p>
          BlockPlan writes a folder any static web server can serve: the app in read-only teaching mode and this case, de-identified. Trainees open <code>teach.html</code> in a browser; nothing is installed, and
          nothing leaves that server.
        </p>
        <ul className="publish-steps">
          <li>Every clip: header de-identified (DICOM PS3.15 Basic Profile), burned-in text found by OCR and masked on every frame, re-encoded losslessly.</li>
          <li>The case loses its patient fields. Its title, labels and notes stay: check that they name no one.</li>
          <li>The PHI check then reads the case and every clip for the patient’s name, ID, dates and the other identifying values of the original headers. If one is still there, nothing is written and this dialog names it.</li>
        </ul>
        <p className="muted small">{desktop ? 'You choose where the folder goes; BlockPlan makes a new folder in it.' : `The folder is downloaded as ${SITE_NAME}.zip: unzip it on the web server.`}</p>
        {working && (
          <p className="publish-progress">
            <progress max={1} value={phase.fraction} aria-label="Publishing progress" />
          </p>
        )}
        <p className="deid-status" role="status" aria-live="polite">
          {working ? phase.text : phase.kind === 'done' ? 'Published. The PHI check found no identifying value.' : ''}
        </p>
        {phase.kind === 'failed' && (
          <div className="deid-failure" role="alert">
            <strong>{phase.error.title}</strong>
            {phase.error.detail && <pre className="publish-detail">{phase.error.detail}</pre>}
            {phase.error.action && <p>{phase.error.action}</p>}
          </div>
        )}
        {phase.kind === 'done' && (
          <div className="deid-report" aria-label="Publishing report">
            <p>
              {phase.result.clips} clip(s) de-identified:{' '}
              {phase.result.report.files.map((f) => `${f.output} (${f.masks.length} masked area(s), ${f.text.words.length} word(s) found)`).join(', ')}.
            </p>
            <p>
              {phase.result.files} files written to <strong>{phase.result.where}</strong>. Serve the folder (e.g. <code>blockplan serve DIR</code>) and open <code>teach.html</code>.
            </p>
          </div>
        )}
        <div className="editor-actions">
          <button type="button" className="primary-button" onClick={() => void run()} disabled={working || phase.kind === 'done'}>
            {desktop ? 'Choose a folder and publish…' : 'Publish and download…'}
          </button>
          <button type="button" className="secondary-button" onClick={onClose} disabled={working}>
            {phase.kind === 'done' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
