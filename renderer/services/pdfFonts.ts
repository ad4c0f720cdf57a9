/**
 * The PDF note's fonts in the app: the files of assets/fonts bundled by Vite (`?url`, same origin, so
 * the CSP's connect-src 'self' allows the fetch) and handed to core as bytes. Registered as the default
 * loader when this module loads, unless one is set already (the jsdom tests set a file reader).
 * The CJK font (3.4 MB) is fetched only for a note that needs it.
 */
import { hasDefaultPdfFontLoader, PDF_FONT_FILES, setDefaultPdfFontLoader, type PdfFontFile } from '../../core/notes/export/pdf';
import dejavuBoldUrl from '../../assets/fonts/DejaVuSans-Bold.ttf?url';
import dejavuItalicUrl from '../../assets/fonts/DejaVuSans-Oblique.ttf?url';
import dejavuUrl from '../../assets/fonts/DejaVuSans.ttf?url';
import droidUrl from '../../assets/fonts/DroidSansFallback.ttf?url';

const URLS: Record<PdfFontFile, string> = {
  [PDF_FONT_FILES.regular]: dejavuUrl,
  [PDF_FONT_FILES.bold]: dejavuBoldUrl,
  [PDF_FONT_FILES.italic]: dejavuItalicUrl,
  [PDF_FONT_FILES.cjk]: droidUrl,
};

const cache = new Map<PdfFontFile, Promise<Uint8Array>>();

/** Fetches a bundled font once (again after a failed fetch). */
export function browserPdfFontLoader(file: PdfFontFile): Promise<Uint8Array> {
  let p = cache.get(file);
  if (!p) {
    p = fetch(URLS[file]).then(async (res) => {
      if (!res.ok) throw new Error(`${file}: the PDF font could not be loaded (HTTP ${res.status})`);
      return new Uint8Array(await res.arrayBuffer());
    });
    p.catch(() => cache.delete(file));
    cache.set(file, p);
  }
  return p;
}

if (!hasDefaultPdfFontLoader()) setDefaultPdfFontLoader(browserPdfFontLoader);
