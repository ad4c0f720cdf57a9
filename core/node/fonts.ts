import { readFile } from 'node:fs/promises';
import { PDF_FONT_FILES, type PdfFontFile } from '../notes/export/pdf/fonts';

/**
 * The PDF note's fonts for Node (CLI, tests): read from assets/fonts beside core/, located from this
 * module's URL (not the working directory). Only the known font files can be asked for.
 */
const KNOWN = new Set<string>(Object.values(PDF_FONT_FILES));

export async function nodePdfFontLoader(file: PdfFontFile): Promise<Uint8Array> {
  if (!KNOWN.has(file)) throw new Error(`unknown PDF font ${file}`);
  const url = new URL(`../../assets/fonts/${file}`, import.meta.url);
  try {
    return new Uint8Array(await readFile(url));
  } catch (e) {
    throw new Error(`${url.pathname}: the PDF font is missing (${e instanceof Error ? e.message : String(e)}); reinstall BlockPlan.`);
  }
}
