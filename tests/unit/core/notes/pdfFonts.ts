/** Registers the PDF fonts from assets/fonts for tests that export PDFs in Node. */
import { nodePdfFontLoader } from '../../../../core/node/fonts';
import { setDefaultPdfFontLoader } from '../../../../core/notes/export/pdf';

setDefaultPdfFontLoader(nodePdfFontLoader);
export { nodePdfFontLoader };
