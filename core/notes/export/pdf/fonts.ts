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

type FontkitFont = ReturnType<typeof fontkit.create> & {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  bbox: { minY: number; maxY: number };
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number };
};

/** One embedded font with its parsed file (for coverage and advance widths, fast and exact). */
export interface EmbeddedFont {
  pdf: PDFFont;
  file: FontkitFont;
}

/** The embedded fonts and what each can draw. */
export class FontSet {
  private readonly widths = new Map<PDFFont, Map<number, number>>();
  private readonly byPdf = new Map<PDFFont, FontkitFont>();
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
  readonly fallback: PDFFont | null;
  /** Largest typographic ascent and descent over every embedded font, per unit of font size (line placement). */
  readonly ascent: number;
  readonly descent: number;
  /**
   * Largest glyph-box extents above and below the baseline (the fonts' bounding boxes), per unit of
   * font size: what a text extractor reports as a word's box, so the layout keeps these inside the body.
   */
  readonly boxAscent: number;
  readonly boxDescent: number;

  constructor(fonts: { regular: EmbeddedFont; bold: EmbeddedFont; italic: EmbeddedFont; fallback: EmbeddedFont | null }) {
    const all = [fonts.regular, fonts.bold, fonts.italic, ...(fonts.fallback ? [fonts.fallback] : [])];
    for (const f of all) this.byPdf.set(f.pdf, f.file);
    this.regular = fonts.regular.pdf;
    this.bold = fonts.bold.pdf;
    this.italic = fonts.italic.pdf;
    this.fallback = fonts.fallback?.pdf ?? null;
    const per = (f: FontkitFont, v: number) => v / f.unitsPerEm;
    this.ascent = Math.max(...all.map((f) => per(f.file, f.file.ascent)));
    this.descent = Math.max(...all.map((f) => per(f.file, -f.file.descent)));
    this.boxAscent = Math.max(this.ascent, ...all.map((f) => per(f.file, f.file.bbox.maxY)));
    this.boxDescent = Math.max(this.descent, ...all.map((f) => per(f.file, -f.file.bbox.minY)));
  }

  font(role: FontRole): PDFFont {
    return this[role];
  }

  /** The font that draws a code point: the role's font, else regular, else the fallback. */
  fontFor(cp: number, role: FontRole): PDFFont {
    for (const f of [this[role], this.regular, this.fallback]) if (f && this.byPdf.get(f)!.hasGlyphForCodePoint(cp)) return f;
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

  /**
   * Width of text at a size, pt: the sum of the glyphs' advance widths, which is what the PDF's width
   * table positions them by (each character measured with the font that draws it).
   */
  width(text: string, role: FontRole, size: number): number {
    let w = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      w += this.advance(cp, this.fontFor(cp, role));
    }
    return w * size;
  }

  /** Advance width of one code point at size 1 (cached per font). */
  private advance(cp: number, font: PDFFont): number {
    let m = this.widths.get(font);
    if (!m) this.widths.set(font, (m = new Map()));
    let w = m.get(cp);
    if (w === undefined) {
      const f = this.byPdf.get(font)!;
      m.set(cp, (w = f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm));
    }
    return w;
  }
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
  const embed = async (file: PdfFontFile): Promise<EmbeddedFont> => {
    const bytes = await load(file);
    const font = await pdf.embedFont(bytes, { subset: true });
    return { file: withoutShaping(font) ?? parsed(bytes), pdf: font };
  };
  const [regular, bold, italic] = await Promise.all([embed(PDF_FONT_FILES.regular), embed(PDF_FONT_FILES.bold), embed(PDF_FONT_FILES.italic)]);
  const needed = new Map<number, string>();
  for (const t of texts) {
    for (const ch of normaliseText(t)) {
      const cp = ch.codePointAt(0)!;
      if (ch === '\n' || needed.has(cp) || regular.file.hasGlyphForCodePoint(cp)) continue;
      const i = t.indexOf(ch);
      needed.set(cp, t.slice(Math.max(0, i - 12), i + 12));
    }
  }
  let fallback: EmbeddedFont | null = null;
  if (needed.size) {
    const cjk = await embed(PDF_FONT_FILES.cjk);
    const missing = [...needed].filter(([cp]) => !cjk.file.hasGlyphForCodePoint(cp)).map(([cp, context]) => ({ char: String.fromCodePoint(cp), codePoint: hex(cp), context }));
    if (missing.length) throw new MissingGlyphError(missing);
    fallback = cjk;
  }
  return new FontSet({ regular, bold, italic, fallback });
}

/**
 * pdf-lib encodes every string through fontkit's OpenType shaper (~1 ms a call), which made the note
 * 4× slower to lay out than with the standard fonts. The note's scripts (Latin, Greek, Cyrillic, CJK)
 * need no shaping, and the layout measures glyph advances without kerning or ligatures, so the text is
 * encoded one glyph per character — the widths measured are the widths drawn. Uses pdf-lib 1.17's
 * embedder (`font.embedder.font`, the parsed fontkit font); if that shape is absent (another pdf-lib),
 * nothing is patched and pdf-lib shapes as before.
 */
function withoutShaping(font: PDFFont): FontkitFont | null {
  const inner = (font as unknown as { embedder?: { font?: FontkitFont & { layout?: unknown } } }).embedder?.font;
  if (!inner || typeof inner.layout !== 'function' || typeof inner.glyphForCodePoint !== 'function') return null;
  (inner as unknown as { layout: (text: string) => unknown }).layout = (text: string) => ({ glyphs: Array.from(text, (ch) => inner.glyphForCodePoint(ch.codePointAt(0)!)) });
  return inner;
}

/** Parsed fonts by their bytes (a loader that caches its bytes gets each file parsed once). */
const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();
function parsed(bytes: Uint8Array): FontkitFont {
  let f = parsedFonts.get(bytes);
  if (!f) parsedFonts.set(bytes, (f = fontkit.create(bytes as unknown as Parameters<typeof fontkit.create>[0]) as FontkitFont));
  return f;
}
