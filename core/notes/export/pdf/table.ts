import type { FontRole } from './fonts';
import { BODY, MARGIN, type Line, type Writer } from './layout';
import type { StructElem } from './tags';

/**
 * Tables of the PDF note. Cells are wrapped; a row that does not fit the rest of the page moves to
 * the next one, and a row taller than a whole page is split between lines and continues on the next
 * page (a consent text of hundreds of lines prints in full). The header row is repeated after every
 * page break (as an artifact, so a screen reader reads it once). Tagged as Table/TR/TH/TD.
 */

const PAD = 3;

export interface TableSpec {
  head: string[] | null;
  rows: string[][];
  widths: number[];
  /** Bold first column (field tables: label | value). */
  boldFirstCol?: boolean;
  caption?: string;
}

/** Column widths proportional to content, each at least a minimum, summing to the body width, pt. */
export function columnWidths(w: Writer, head: string[], rows: string[][]): number[] {
  const n = head.length;
  const natural = head.map((h, k) => Math.max(w.fonts.width(h, 'bold', BODY), ...rows.map((r) => w.fonts.width(r[k] ?? '', 'regular', BODY))) + 2 * PAD + 2);
  const total = natural.reduce((s, x) => s + x, 0);
  if (total <= w.width) return natural.map((x) => x + (w.width - total) / n);
  const min = Math.min(60, w.width / n);
  const capped = natural.map((x) => Math.max(min, (x / total) * w.width));
  const sum = capped.reduce((s, x) => s + x, 0);
  return capped.map((x) => (x / sum) * w.width);
}

interface Cell {
  lines: Line[];
  role: FontRole;
}

export function drawTable(w: Writer, parent: StructElem, t: TableSpec): void {
  const lh = w.lineHeight(BODY);
  const table = w.tags.add(parent, 'Table');
  if (t.caption) {
    w.text(t.caption, w.tags.add(table, 'Caption'), { role: 'bold' });
    w.space(2);
  }
  const cells = (row: string[], head: boolean): Cell[] =>
    row.map((c, k) => {
      const role: FontRole = head || (t.boldFirstCol && k === 0) ? 'bold' : 'regular';
      return { lines: w.wrap(c, role, BODY, t.widths[k]! - 2 * PAD), role };
    });
  const headCells = t.head ? cells(t.head, true) : null;
  const headH = headCells ? Math.max(...headCells.map((c) => c.lines.length)) * lh + 2 * PAD : 0;
  // Repeat the header only when it leaves most of the page for the rows.
  const repeatHead = headCells !== null && headH < w.pageRoom() / 3;

  /** Draws `count` lines of each cell from `from`, as one row piece; `elems` null = an artifact. */
  const piece = (cs: Cell[], from: number[], count: number, head: boolean, elems: StructElem[] | null): void => {
    const h = count * lh + 2 * PAD;
    const top = w.y;
    if (head) w.fill(MARGIN, top - h, w.width, h);
    let x = MARGIN;
    cs.forEach((c, k) => {
      const lines = c.lines.slice(from[k], from[k]! + count);
      const draw = () => lines.forEach((l, i) => w.drawLine(l.text, x + PAD, top - PAD - i * lh, { role: c.role }));
      if (lines.length) {
        if (elems) w.tags.mark(w.page, elems[k]!, draw);
        else w.tags.artifact(w.page, draw);
      }
      x += t.widths[k]!;
    });
    w.y = top - h;
    w.rule(w.y, 0.4);
  };
  const drawHead = (first: boolean) => {
    if (!headCells) return;
    const tr = first ? w.tags.add(table, 'TR') : null;
    const elems = tr ? headCells.map(() => w.tags.add(tr, 'TH')) : null;
    piece(headCells, headCells.map(() => 0), Math.max(...headCells.map((c) => c.lines.length)), true, elems);
  };
  const breakPage = () => {
    w.newPage();
    if (repeatHead) drawHead(false);
  };

  w.ensure(headH + lh + 2 * PAD);
  drawHead(true);
  for (const r of t.rows) {
    const cs = cells(r, false);
    const tr = w.tags.add(table, 'TR');
    const elems = cs.map(() => w.tags.add(tr, 'TD'));
    const from = cs.map(() => 0);
    const left = () => Math.max(...cs.map((c, k) => c.lines.length - from[k]!));
    let started = false;
    while (left() > 0) {
      const need = left() * lh + 2 * PAD;
      const fits = Math.floor((w.room() - 2 * PAD + 1e-6) / lh);
      const freshPage = w.pageRoom() - (repeatHead ? headH : 0);
      if (need <= w.room()) {
        piece(cs, from, left(), false, elems);
      } else if (!started && need <= freshPage) {
        breakPage(); // a row that fits a page is not split
        continue;
      } else if (fits < 1) {
        breakPage();
        continue;
      } else {
        piece(cs, from, fits, false, elems);
        cs.forEach((c, k) => (from[k] = Math.min(c.lines.length, from[k]! + fits)));
        started = true;
        breakPage();
        continue;
      }
      cs.forEach((c, k) => (from[k] = c.lines.length));
    }
  }
  w.space(6);
}
