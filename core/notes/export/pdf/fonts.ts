import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * Fonts of the PDF note: DejaVu Sans (Latin, Greek, Cyrillic and more; regular, bold, oblique) and
 * Droid Sans Fallback (Chinese, Japanese and Korean), embedded as subsets with @pdf-lib/fontkit so
 * every character prints and pdftotext gets the text back. The files ship in assets/fonts with their
 * licences; core never reads files: the caller passes a loader (the CLI reads assets/fonts, the app
 * fetches the bundled copies). The CJK font is loaded only when the note needs it.
 *
 * A character no font has stops the export with its code point — never a "?" in a clinical record.
 */

/** The font files, by role (file names in assets/fonts). */
export const PDF_FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  cjk: 'DroidSansFallback.ttf',
} as const;
export type PdfFontFile = (typeof PDF_FONT_FILES)[keyof typeof PDF_FONT_FILES];

/** Returns the bytes of one font file. */
export type PdfFontLoader = (file: PdfFontFile) => Promise<Uint8Array>;

let registered: PdfFontLoader | null = null;
/** The loader used when an export passes none (set once by the CLI and by the app at start). */
export function setDefaultPdfFontLoader(loader: PdfFontLoader | null): void {
  registered = loader;
}
export function hasDefaultPdfFontLoader(): boolean {
  return registered !== null;
}

/** Characters of the note that no embedded font can draw. */
export class MissingGlyphError extends Error {
  constructor(readonly missing: { char: string; codePoint: string; context: string }[]) {
    super(`The PDF cannot show ${missing.map((m) => `${m.codePoint} "${m.char}" (in "${m.context}")`).join(', ')}: no font of the note has ${missing.length === 1 ? 'this character' : 'these characters'}. Remove or replace ${missing.length === 1 ? 'it' : 'them'} in the note, or export Markdown/HTML.`);
    this.name = 'MissingGlyphError';
  }
}

export type FontRole = 'regular' | 'bold' | 'italic';

/** A run of text drawn with one font. */
export interface Run {
  text: string;
  font: PDFFont;
}

/** The embedded fonts and what each can draw. */
export class FontSet {
  private readonly charsets = new Map<PDFFont, Set<number>>();
  private readonly widths = new Map<PDFFont, Map<string, number>>();
  /** Largest typographic ascent and descent over every embedded font, per unit of font size (line placement). */
  readonly ascent: number;
  readonly descent: number;
  /**
   * Largest glyph-box extents above and below the baseline (the fonts' bounding boxes), per unit of
   * font size: what a text extractor reports as a word's box, so the layout keeps these inside the body.
   */
  readonly boxAscent: number;
  readonly boxDescent: number;

  constructor(
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly italic: PDFFont,
    readonly fallback: PDFFont | null,
    metrics: FontMetrics[],
  ) {
    for (const f of this.all()) this.charsets.set(f, new Set(f.getCharacterSet()));
    this.ascent = Math.max(...metrics.map((m) => m.ascent));
    this.descent = Math.max(...metrics.map((m) => m.descent));
    this.boxAscent = Math.max(this.ascent, ...metrics.map((m) => m.boxAscent));
    this.boxDescent = Math.max(this.descent, ...metrics.map((m) => m.boxDescent));
  }

  all(): PDFFont[] {
    return [this.regular, this.bold, this.italic, ...(this.fallback ? [this.fallback] : [])];
  }

  font(role: FontRole): PDFFont {
    return this[role];
  }

  /** The font that draws a code point: the role's font, else regular, else the fallback. */
  fontFor(cp: number, role: FontRole): PDFFont {
    for (const f of [this[role], this.regular, this.fallback]) if (f && this.charsets.get(f)!.has(cp)) return f;
    return this[role]; // unreachable after embedPdfFonts checked coverage
  }

  /** Splits text into runs of one font each. */
  runs(text: string, role: FontRole): Run[] {
    const out: Run[] = [];
    for (const ch of text) {
      const f = this.fontFor(ch.codePointAt(0)!, role);
      const last = out[out.length - 1];
      if (last && last.font === f) last.text += ch;
      else out.push({ text: ch, font: f });
    }
    return out;
  }

  /** Width of text at a size, points (each character measured with the font that draws it). */
  width(text: string, role: FontRole, size: number): number {
    let w = 0;
    for (const ch of text) w += this.charWidth(ch, this.fontFor(ch.codePointAt(0)!, role)) * size;
    return w;
  }

  /** Width of one character at size 1 (cached: long words are measured character by character). */
  charWidth(ch: string, font: PDFFont): number {
    let m = this.widths.get(font);
    if (!m) this.widths.set(font, (m = new Map()));
    let w = m.get(ch);
    if (w === undefined) m.set(ch, (w = font.widthOfTextAtSize(ch, 1)));
    return w;
  }
}

/** Vertical metrics of one font, per unit of font size. */
interface FontMetrics {
  ascent: number;
  descent: number;
  boxAscent: number;
  boxDescent: number;
}

function metricsOf(bytes: Uint8Array): FontMetrics {
  const f = fontkit.create(bytes as unknown as Parameters<typeof fontkit.create>[0]);
  const u = f.unitsPerEm;
  return { ascent: f.ascent / u, descent: -f.descent / u, boxAscent: f.bbox.maxY / u, boxDescent: -f.bbox.minY / u };
}

/** Text as the PDF draws it: line breaks normalised, tabs as spaces. */
export function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Embeds the fonts the texts need: DejaVu always; Droid Sans Fallback only when a character is not
 * in DejaVu. Throws MissingGlyphError listing every character neither font has.
 */
export async function embedPdfFonts(pdf: PDFDocument, texts: readonly string[], loader: PdfFontLoader | undefined): Promise<FontSet> {
  const load = loader ?? registered;
  if (!load) throw new Error('PDF export needs its fonts (assets/fonts), and no font loader is configured.');
  pdf.registerFontkit(fontkit);
  const metrics: FontMetrics[] = [];
  const embed = async (file: PdfFontFile) => {
    const bytes = await load(file);
    metrics.push(metricsOf(bytes));
    return pdf.embedFont(bytes, { subset: true });
  };
  const [regular, bold, italic] = await Promise.all([embed(PDF_FONT_FILES.regular), embed(PDF_FONT_FILES.bold), embed(PDF_FONT_FILES.italic)]);
  const base = new Set(regular.getCharacterSet());
  const needed = new Map<number, string>();
  for (const t of texts) {
    for (const ch of normaliseText(t)) {
      const cp = ch.codePointAt(0)!;
      if (ch === '\n' || base.has(cp) || needed.has(cp)) continue;
      const i = t.indexOf(ch);
      needed.set(cp, t.slice(Math.max(0, i - 12), i + 12));
    }
  }
  let fallback: PDFFont | null = null;
  if (needed.size) {
    fallback = await embed(PDF_FONT_FILES.cjk);
    const cjk = new Set(fallback.getCharacterSet());
    const missing = [...needed].filter(([cp]) => !cjk.has(cp)).map(([cp, context]) => ({ char: String.fromCodePoint(cp), codePoint: hex(cp), context }));
    if (missing.length) throw new MissingGlyphError(missing);
  }
  return new FontSet(regular, bold, italic, fallback, metrics);
}
