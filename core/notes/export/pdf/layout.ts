import { rgb, type PDFDocument, type PDFPage, type RGB } from 'pdf-lib';
import type { FontRole, FontSet } from './fonts';
import { normaliseText } from './fonts';
import type { StructElem, TagTree } from './tags';

/**
 * Page layout of the PDF note: A4 pages with a body area and a footer area. Everything the note says
 * is drawn inside the body area — text is wrapped (long words broken), a page is started before a
 * line would cross the body's bottom edge — and every draw is checked against the area it belongs
 * to: drawing outside it is a bug and throws rather than silently losing clinical text.
 */

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;
/** Body text size, pt. */
export const BODY = 9.5;
/** Line height as a multiple of the font size (at least the fonts' ascent + descent). */
const LEADING = 1.3;
/** Footer text size, pt. */
const FOOTER_SIZE = 7.5;
/** The largest text size of the note (its title), pt: the body keeps room for its glyph boxes. */
const LARGEST = 16;

export const COLOR = {
  text: rgb(0.07, 0.07, 0.07),
  muted: rgb(0.3, 0.3, 0.3),
  rule: rgb(0.7, 0.7, 0.7),
  head: rgb(0.92, 0.92, 0.92),
  over: rgb(0.7, 0, 0),
  caution: rgb(0.55, 0.33, 0),
  info: rgb(0.2, 0.35, 0.55),
};

export interface Box {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

/** One wrapped line and its width, pt. */
export interface Line {
  text: string;
  width: number;
}

export interface TextStyle {
  role?: FontRole;
  size?: number;
  color?: RGB;
  indent?: number;
  width?: number;
}

export class Writer {
  page!: PDFPage;
  /** Top of the free space on the current page, pt from the bottom edge. */
  y = 0;
  readonly body: Box;
  readonly footer: Box;
  readonly width: number;
  private readonly footerLines: Line[];

  constructor(
    readonly pdf: PDFDocument,
    readonly fonts: FontSet,
    readonly tags: TagTree,
    private readonly footerText: string,
  ) {
    this.width = A4[0] - 2 * MARGIN;
    // The footer is sized to its wrapped disclaimer, so it never runs into the bottom margin.
    this.footerLines = this.wrap(footerText, 'regular', FOOTER_SIZE, this.width - 80);
    const footerH = this.footerLines.length * this.lineHeight(FOOTER_SIZE) + 10;
    this.footer = { left: MARGIN, right: A4[0] - MARGIN, bottom: MARGIN, top: MARGIN + footerH };
    this.body = { left: MARGIN, right: A4[0] - MARGIN, bottom: this.footer.top + 8, top: A4[1] - MARGIN };
    this.newPage();
  }

  /** Height of one line of text at `size`, pt. */
  lineHeight(size: number): number {
    return Math.max(size * LEADING, (this.fonts.ascent + this.fonts.descent) * size + 1);
  }

  /** How far a line's glyph boxes reach above (top) and below (bottom) its line box, pt, at the largest size. */
  private guard(which: 'top' | 'bottom'): number {
    const size = LARGEST;
    const gap = (this.lineHeight(size) - (this.fonts.ascent + this.fonts.descent) * size) / 2;
    const over = which === 'top' ? this.fonts.boxAscent - this.fonts.ascent : this.fonts.boxDescent - this.fonts.descent;
    return Math.max(0, over * size - gap);
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.tags.addPage(this.page);
    this.y = this.body.top - this.guard('top');
  }

  /** Space for content on an empty page, pt. */
  pageRoom(): number {
    return this.body.top - this.guard('top') - this.body.bottom - this.guard('bottom');
  }

  /** Space left on this page, pt (keeping room below the last line for its glyphs' boxes). */
  room(): number {
    return this.y - this.body.bottom - this.guard('bottom');
  }

  /** Makes room for `h` points (a new page if needed, and if `h` fits a page at all). Returns true on a break. */
  ensure(h: number): boolean {
    if (h > this.room() && this.y < this.body.top - this.guard('top')) {
      this.newPage();
      return true;
    }
    return false;
  }

  space(h: number): void {
    this.y = Math.max(this.body.bottom, this.y - h);
  }

  /** Word-wraps text to a width, pt; a word wider than the width is broken between characters. */
  wrap(text: string, role: FontRole, size: number, width: number): Line[] {
    const lines: Line[] = [];
    const space = this.fonts.width(' ', role, size);
    for (const para of normaliseText(text).split('\n')) {
      let line = '';
      let lw = 0;
      for (const word of para.split(/ +/)) {
        const ww = this.fonts.width(word, role, size);
        if (line && lw + space + ww <= width) {
          line += ` ${word}`;
          lw += space + ww;
          continue;
        }
        if (line) lines.push({ text: line, width: lw });
        if (ww <= width) {
          line = word;
          lw = ww;
          continue;
        }
        // A word wider than the column is cut between characters, measured one at a time.
        line = '';
        lw = 0;
        for (const ch of word) {
          const cw = this.fonts.width(ch, role, size);
          if (line && lw + cw > width) {
            lines.push({ text: line, width: lw });
            line = '';
            lw = 0;
          }
          line += ch;
          lw += cw;
        }
      }
      lines.push({ text: line, width: lw });
    }
    return lines;
  }

  /** Draws one line with its baseline placed in a line box whose top is `top`. */
  drawLine(line: string, x: number, top: number, style: TextStyle, area: Box = this.body): void {
    const size = style.size ?? BODY;
    const lh = this.lineHeight(size);
    const glyphs = (this.fonts.ascent + this.fonts.descent) * size;
    const baseline = top - (lh - glyphs) / 2 - this.fonts.ascent * size;
    const w = this.fonts.width(line, style.role ?? 'regular', size);
    this.check(x, baseline - this.fonts.boxDescent * size, x + w, baseline + this.fonts.boxAscent * size, area, line);
    let cx = x;
    for (const r of this.fonts.runs(line, style.role ?? 'regular')) {
      this.page.drawText(r.text, { x: cx, y: baseline, size, font: r.font, color: style.color ?? COLOR.text });
      cx += this.fonts.width(r.text, style.role ?? 'regular', size);
    }
  }

  /** Throws when a draw would leave its area (a layout bug must never drop clinical text silently). */
  check(x0: number, y0: number, x1: number, y1: number, area: Box, what: string): void {
    const tol = 0.01;
    if (x0 < area.left - tol || x1 > area.right + tol || y0 < area.bottom - tol || y1 > area.top + tol) {
      throw new Error(`PDF layout: "${what.slice(0, 40)}" would be drawn outside its area (${x0.toFixed(1)},${y0.toFixed(1)})–(${x1.toFixed(1)},${y1.toFixed(1)})`);
    }
  }

  /**
   * A tagged paragraph (element `elem`), wrapped, breaking pages between lines. `bullet` is drawn in
   * the indent before the first line (an artifact: the list structure says it is a list item).
   */
  text(s: string, elem: StructElem, style: TextStyle & { bullet?: string } = {}): void {
    const size = style.size ?? BODY;
    const lh = this.lineHeight(size);
    const x = MARGIN + (style.indent ?? 0);
    this.wrap(s, style.role ?? 'regular', size, style.width ?? this.width - (style.indent ?? 0)).forEach((line, i) => {
      this.ensure(lh);
      const top = this.y;
      if (i === 0 && style.bullet) this.tags.artifact(this.page, () => this.drawLine(style.bullet!, MARGIN + 2, top, style));
      this.tags.mark(this.page, elem, () => this.drawLine(line.text, x, top, style));
      this.y -= lh;
    });
  }

  /** Height an image will take with its caption, pt (to keep a heading with it). */
  imageHeight(pxW: number, pxH: number, caption: string): number {
    const capH = this.wrap(caption, 'italic', BODY - 0.5, this.width).length * this.lineHeight(BODY - 0.5) + 4;
    // At most ~half a page, so two key images share a page.
    return pxH * Math.min(this.width / pxW, (0.48 * this.pageRoom() - capH) / pxH, 1.5) + capH;
  }

  /** A horizontal rule across the body (an artifact). */
  rule(y: number, thickness = 0.5): void {
    this.check(MARGIN, y, MARGIN + this.width, y, this.body, 'rule');
    this.tags.artifact(this.page, () => this.page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + this.width, y }, thickness, color: COLOR.rule }));
  }

  /** Fills a rectangle (an artifact), e.g. a table header background. */
  fill(x: number, y: number, w: number, h: number): void {
    this.check(x, y, x + w, y + h, this.body, 'background');
    this.tags.artifact(this.page, () => this.page.drawRectangle({ x, y, width: w, height: h, color: COLOR.head }));
  }

  /** An image scaled to fit the body width and height, then its caption; tagged as a Figure with alt text. */
  async image(png: Uint8Array, pxW: number, pxH: number, caption: string, parent: StructElem): Promise<void> {
    const img = await this.pdf.embedPng(png);
    const total = this.imageHeight(pxW, pxH, caption);
    const capH = this.wrap(caption, 'italic', BODY - 0.5, this.width).length * this.lineHeight(BODY - 0.5) + 4;
    const h = total - capH;
    const w = (pxW * h) / pxH;
    this.ensure(total);
    const figure = this.tags.add(parent, 'Figure', caption);
    const y = this.y - h;
    this.check(MARGIN, y, MARGIN + w, this.y, this.body, 'image');
    this.tags.mark(this.page, figure, () => this.page.drawImage(img, { x: MARGIN, y, width: w, height: h }));
    this.y = y - 3;
    this.text(caption, this.tags.add(parent, 'Caption'), { role: 'italic', size: BODY - 0.5, color: COLOR.muted });
    this.space(6);
  }

  /** "Page X of Y" and the disclaimer in every footer (pagination artifacts). */
  footers(): void {
    const pages = this.pdf.getPages();
    pages.forEach((p, k) => {
      this.page = p;
      const label = `Page ${k + 1} of ${pages.length}`;
      const lh = this.lineHeight(FOOTER_SIZE);
      this.tags.artifact(
        p,
        () => {
          p.drawLine({ start: { x: MARGIN, y: this.footer.top - 2 }, end: { x: A4[0] - MARGIN, y: this.footer.top - 2 }, thickness: 0.4, color: COLOR.rule });
          this.footerLines.forEach((l, i) => this.drawLine(l.text, MARGIN, this.footer.top - 6 - i * lh, { size: FOOTER_SIZE, color: COLOR.muted }, this.footer));
          this.drawLine(label, A4[0] - MARGIN - this.fonts.width(label, 'regular', FOOTER_SIZE), this.footer.top - 6, { size: FOOTER_SIZE, color: COLOR.muted }, this.footer);
        },
        true,
      );
    });
  }
}
