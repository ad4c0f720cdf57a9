import { readFile } from 'node:fs/promises';
import { PDF_FONT_FILES, type PdfFontFile } from '../notes/export/pdf/fonts';

/**
 * The PDF note's fonts for Node (CLI, tests): read from assets/fonts beside core/, located from this
 * module's URL (not the working directory). Only the known font files can be asked for.
 */
const KNOWN = new Set<string>(Object.values(PDF_FONT_FILES));
/** Read once per process: the same bytes let core parse each font once. */
const cache = new Map<PdfFontFile, Promise<Uint8Array>>();

export function nodePdfFontLoader(file: PdfFontFile): Promise<Uint8Array> {
  if (!KNOWN.has(file)) return Promise.reject(new Error(`unknown PDF font ${file}`));
  let p = cache.get(file);
  if (!p) {
    const url = new URL(`../../assets/fonts/${file}`, import.meta.url);
    p = readFile(url).then(
      (b) => new Uint8Array(b),
      (e: unknown) => {
        cache.delete(file);
        throw new Error(`${url.pathname}: the PDF font is missing (${e instanceof Error ? e.message : String(e)}); reinstall BlockPlan.`);
      },
    );
    cache.set(file, p);
  }
  return p;
}
