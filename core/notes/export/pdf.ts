import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { noteContent, type ContentBlock } from '../content';
import type { ConfirmedNoteDocument } from '../document';

/**
 * PDF export (pdf-lib): A4, paginated, with the fields, the dose and measurement tables (header row
 * repeated after a page break), key images scaled to the text width, and the disclaimer plus
 * "page X of Y" in every footer. Uses the standard Helvetica fonts (no font files to ship); characters
 * outside their WinAnsi set are spelled out (≤ → <=) so the text stays searchable with pdftotext.
 *
 * Returns the bytes; the caller writes or downloads them.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const FOOTER_H = 30;
const BODY = 9.5;
const LEADING = 1.3;
const COLOR = { text: rgb(0.07, 0.07, 0.07), muted: rgb(0.3, 0.3, 0.3), rule: rgb(0.7, 0.7, 0.7), head: rgb(0.92, 0.92, 0.92), over: rgb(0.7, 0, 0), caution: rgb(0.65, 0.4, 0), info: rgb(0.2, 0.35, 0.55) };

const REPLACE: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '→': '->',
  '←': '<-',
  '₂': '2',
  '²': '2',
  '≈': '~',
  '−': '-',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
};

class Writer {
  private page!: PDFPage;
  private y = 0;
  readonly width = A4[0] - 2 * MARGIN;
  private readonly charset: Set<number>;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly italic: PDFFont,
  ) {
    this.charset = new Set(font.getCharacterSet());
    this.newPage();
  }

  /** Text the standard fonts can encode. */
  clean(s: string): string {
    let out = '';
    for (const ch of s) {
      if (ch === '\n') {
        out += ch;
        continue;
      }
      const cp = ch.codePointAt(0)!;
      if (this.charset.has(cp)) out += ch;
      else out += REPLACE[ch] ?? '?';
    }
    return out;
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Makes room for `h` points, breaking the page if needed. Returns true when a new page was started. */
  ensure(h: number): boolean {
    if (this.y - h < MARGIN + FOOTER_H) {
      this.newPage();
      return true;
    }
    return false;
  }

  space(h: number): void {
    this.y -= h;
  }

  /** Word-wraps text to a width (points), breaking long words. */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const para of this.clean(text).split('\n')) {
      let line = '';
      for (const word of para.split(/ +/)) {
        const cand = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(cand, size) <= width) {
          line = cand;
          continue;
        }
        if (line) lines.push(line);
        // A single word wider than the column: cut it.
        let w = word;
        while (font.widthOfTextAtSize(w, size) > width && w.length > 1) {
          let k = w.length - 1;
          while (k > 1 && font.widthOfTextAtSize(w.slice(0, k), size) > width) k--;
          lines.push(w.slice(0, k));
          w = w.slice(k);
        }
        line = w;
      }
      lines.push(line);
    }
    return lines;
  }

  text(s: string, opts: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; indent?: number; width?: number } = {}): void {
    const font = opts.font ?? this.font;
    const size = opts.size ?? BODY;
    const lh = size * LEADING;
    const x = MARGIN + (opts.indent ?? 0);
    for (const line of this.wrap(s, font, size, opts.width ?? this.width - (opts.indent ?? 0))) {
      this.ensure(lh);
      this.y -= lh;
      this.page.drawText(line, { x, y: this.y + (lh - size) / 2 + size * 0.2, size, font, color: opts.color ?? COLOR.text });
    }
  }

  heading(s: string, size: number): void {
    this.ensure(size * 3);
    this.space(size * 0.6);
    this.text(s, { font: this.bold, size });
    const y = this.y - 2;
    this.page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + this.width, y }, thickness: 0.5, color: COLOR.rule });
    this.space(5);
  }

  /** A table with wrapped cells; the header row is repeated after a page break. */
  table(head: string[] | null, rows: string[][], widths: number[], boldFirstCol = false): void {
    const size = BODY;
    const lh = size * LEADING;
    const pad = 3;
    const drawRow = (cells: string[], isHead: boolean) => {
      const wrapped = cells.map((c, k) => this.wrap(c, isHead || (boldFirstCol && k === 0) ? this.bold : this.font, size, widths[k]! - 2 * pad));
      const h = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * pad;
      const broke = this.ensure(h);
      if (broke && !isHead && head) drawRow(head, true);
      const top = this.y;
      let x = MARGIN;
      if (isHead) this.page.drawRectangle({ x, y: top - h, width: this.width, height: h, color: COLOR.head });
      wrapped.forEach((lines, k) => {
        lines.forEach((line, li) => {
          this.page.drawText(line, { x: x + pad, y: top - pad - (li + 1) * lh + (lh - size) / 2 + size * 0.2, size, font: isHead || (boldFirstCol && k === 0) ? this.bold : this.font, color: COLOR.text });
        });
        x += widths[k]!;
      });
      this.page.drawLine({ start: { x: MARGIN, y: top - h }, end: { x: MARGIN + this.width, y: top - h }, thickness: 0.4, color: COLOR.rule });
      this.y = top - h;
    };
    if (head) drawRow(head, true);
    for (const r of rows) drawRow(r, false);
    this.space(6);
  }

  /** Column widths proportional to content, each at least a minimum, summing to the text width. */
  columnWidths(head: string[], rows: string[][]): number[] {
    const n = head.length;
    const natural = head.map((h, k) => Math.max(this.bold.widthOfTextAtSize(this.clean(h), BODY), ...rows.map((r) => this.font.widthOfTextAtSize(this.clean(r[k] ?? ''), BODY))) + 8);
    const total = natural.reduce((s, w) => s + w, 0);
    if (total <= this.width) return natural.map((w) => w + (this.width - total) / n);
    const min = Math.min(60, this.width / n);
    const capped = natural.map((w) => Math.max(min, (w / total) * this.width));
    const sum = capped.reduce((s, w) => s + w, 0);
    return capped.map((w) => (w / sum) * this.width);
  }

  async image(png: Uint8Array, pxW: number, pxH: number, caption: string): Promise<void> {
    const img = await this.pdf.embedPng(png);
    const maxH = A4[1] - 2 * MARGIN - FOOTER_H - 40;
    const scale = Math.min(this.width / pxW, maxH / pxH, 1.5);
    const w = pxW * scale;
    const h = pxH * scale;
    this.ensure(h + 24);
    this.y -= h;
    this.page.drawImage(img, { x: MARGIN, y: this.y, width: w, height: h });
    this.space(3);
    this.text(caption, { font: this.italic, size: BODY - 0.5, color: COLOR.muted });
    this.space(6);
  }

  footers(disclaimer: string): void {
    const pages = this.pdf.getPages();
    pages.forEach((p, k) => {
      const size = 7.5;
      const label = `Page ${k + 1} of ${pages.length}`;
      p.drawLine({ start: { x: MARGIN, y: MARGIN + FOOTER_H - 8 }, end: { x: A4[0] - MARGIN, y: MARGIN + FOOTER_H - 8 }, thickness: 0.4, color: COLOR.rule });
      const lines = this.wrap(disclaimer, this.font, size, this.width - 70);
      lines.forEach((l, i) => p.drawText(l, { x: MARGIN, y: MARGIN + FOOTER_H - 18 - i * size * 1.2, size, font: this.font, color: COLOR.muted }));
      p.drawText(label, { x: A4[0] - MARGIN - this.font.widthOfTextAtSize(label, size), y: MARGIN + FOOTER_H - 18, size, font: this.font, color: COLOR.muted });
    });
  }
}

async function block(w: Writer, b: ContentBlock, fonts: { bold: PDFFont }): Promise<void> {
  switch (b.kind) {
    case 'fields':
      w.table(null, b.rows, [w.width * 0.36, w.width * 0.64], true);
      return;
    case 'table':
      if (b.caption) w.text(b.caption, { font: fonts.bold, size: BODY });
      w.space(2);
      w.table(b.head, b.rows, w.columnWidths(b.head, b.rows));
      return;
    case 'list':
      for (const i of b.items) w.text(`•  ${i}`, { indent: 6 });
      w.space(4);
      return;
    case 'paragraph':
      w.text(b.text);
      w.space(4);
      return;
    case 'alert': {
      const tag = b.level === 'over' ? 'OVER MAXIMUM' : b.level === 'caution' ? 'CAUTION' : b.level === 'error' ? 'MISSING' : 'Note';
      const color = b.level === 'over' || b.level === 'error' ? COLOR.over : b.level === 'caution' ? COLOR.caution : COLOR.info;
      w.text(`${tag}: ${b.text}`, { font: b.level === 'over' ? fonts.bold : undefined, color, indent: 6 });
      w.space(2);
      return;
    }
    case 'images':
      for (const [k, img] of b.images.entries()) await w.image(img.png, img.width, img.height, `Figure ${k + 1}: ${img.caption}`);
      return;
  }
}

/** The note as PDF bytes. */
export async function noteToPdf(doc: ConfirmedNoteDocument): Promise<Uint8Array> {
  const c = noteContent(doc);
  const pdf = await PDFDocument.create();
  const created = new Date(doc.generatedAt);
  pdf.setTitle(`${c.title} — ${c.subtitle}`);
  pdf.setSubject(c.disclaimer);
  pdf.setCreator(`${doc.app.name} ${doc.app.version}`);
  pdf.setProducer(`${doc.app.name} ${doc.app.version} (pdf-lib)`);
  if (!Number.isNaN(created.getTime())) {
    pdf.setCreationDate(created);
    pdf.setModificationDate(created);
  }
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const italic = await pdf.embedFont(StandardFonts.HelveticaOblique);
  const w = new Writer(pdf, font, bold, italic);
  if (c.banner) w.text(c.banner, { font: bold, size: 11 });
  w.text(c.title, { font: bold, size: 16 });
  w.space(2);
  w.text(c.subtitle, { font: bold, size: 11 });
  w.space(4);
  w.text(c.disclaimer, { font: italic, size: BODY, color: COLOR.muted });
  w.space(4);
  for (const s of c.sections) {
    w.heading(s.title, 12);
    for (const b of s.blocks) await block(w, b, { bold });
  }
  w.space(6);
  w.text(`Generated by ${doc.app.name} ${doc.app.version} at ${doc.generatedAt}.`, { size: 8, color: COLOR.muted });
  w.footers(c.disclaimer);
  return pdf.save();
}
