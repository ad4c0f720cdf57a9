import type { ReactNode } from 'react';
import { bridge } from '../bridge';
import { BrowserStorageLink } from './BrowserStorage';

/** The bottom bar: where the app runs, and a slot panels fill with their status (frame, calibration…). */
export function StatusBar({ children }: { children?: ReactNode }) {
  return (
    <footer className="statusbar" aria-label="Status bar">
      <span className="status-item">{bridge().mode === 'electron' ? 'Desktop' : 'Browser mode'}</span>
      <BrowserStorageLink />
      <span className="status-item" title="Nothing is sent over the network">Data stays on this computer</span>
      <span className="status-spacer" />
      {children}
      <span className="status-item muted">Planning aid — not a medical device</span>
    </footer>
  );
}
