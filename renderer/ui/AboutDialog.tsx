import { useEffect, useState } from 'react';
import { bridge } from '../bridge';
import type { AppInfo } from '../bridge/types';
import { Modal } from './Modal';
import { ATLAS_ATTRIBUTION, ATLAS_LICENCE } from '../../core/anatomy/attribution';

export const NOT_A_DEVICE =
  'BlockPlan is a planning and teaching aid, not a medical device. It does not replace clinical judgement, real-time imaging or local protocols.';

export function AboutDialog({ onClose }: { onClose(): void }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void bridge().appInfo().then(setInfo);
  }, []);
  return (
    <Modal title="About BlockPlan" onClose={onClose}>
      <p className="about-version">
        Version <strong data-testid="app-version">{info?.version ?? '…'}</strong>
        {info ? ` · ${info.electron ? `desktop (Electron ${info.electron})` : 'browser mode'}` : ''}
      </p>
      <p className="about-statement" role="note">
        {NOT_A_DEVICE}
      </p>
      <p className="muted">Patient data stays on this computer. Patient names are hidden unless you choose to show them.</p>
      <section aria-label="Anatomy atlas sources">
        <h3>Anatomy atlas</h3>
        <p className="muted">{ATLAS_LICENCE}</p>
        <ul>
          {ATLAS_ATTRIBUTION.map((a) => (
            <li key={a.source}>
              {a.text} ({a.licence})
            </li>
          ))}
        </ul>
      </section>
    </Modal>
  );
}
