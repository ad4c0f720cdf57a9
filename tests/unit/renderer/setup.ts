import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setDefaultPdfFontLoader } from '../../../core/notes/export/pdf';
import { repoRoot } from '../../support/shared';

// The PDF note's fonts from assets/fonts (the app fetches its bundled copies instead; jsdom has no server,
// and module URLs are not file URLs here).
const fonts = new Map<string, Promise<Uint8Array>>();
setDefaultPdfFontLoader((file) => {
  if (!fonts.has(file)) fonts.set(file, readFile(path.join(repoRoot, 'assets/fonts', file)).then((b) => new Uint8Array(b)));
  return fonts.get(file)!;
});

afterEach(() => cleanup());
