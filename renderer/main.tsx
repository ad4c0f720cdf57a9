import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setClipHasher } from '../core/plan/clip-facts';
import { App } from './ui/App';
import { sha256HexOffThread } from './workers/hash';
import './ui/theme.css';

// The shown clip's SHA-256 (the case recognises clips by it) is computed in a worker, not on this thread.
setClipHasher(sha256HexOffThread);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
