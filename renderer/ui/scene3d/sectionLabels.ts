/**
 * Where the names go on the virtual probe image (pure layout, in SVG px).
 *
 * A narrow image (a linear probe) leaves margins on both sides: names go there, like a textbook
 * figure, each wrapped to at most two lines and joined to its structure by a leader line; a column
 * that runs out of room passes its least important names to numbered dots. A wide image (a
 * curvilinear sector) gets names on the structures themselves where they do not overlap. A structure
 * whose name finds no place gets a numbered dot, listed under the image.
 */
import { shortName } from '../../../core/anatomy/names';
import type { StructureRole } from '../../../core/anatomy/plan3d';

export interface LabelItem {
  key: string;
  label: string;
  role: StructureRole;
  /** Preferred anchor and fallbacks (points of the structure inside the image), px. */
  anchors: { x: number; y: number }[];
}

export interface GutterLabel {
  key: string;
  side: 'left' | 'right';
  lines: string[];
  /** Baseline of the first line, px; text x (end for left, start for right). */
  x: number;
  y: number;
  anchor: { x: number; y: number };
}

export interface InlineLabel {
  key: string;
  text: string;
  x: number;
  y: number;
}

export interface DotLabel {
  key: string;
  n: number;
  x: number;
  y: number;
}

export interface LabelLayout {
  gutter: GutterLabel[];
  inline: InlineLabel[];
  dots: DotLabel[];
}

export interface LabelFrame {
  width: number;
  height: number;
  /** x of the image's left and right edges, px. */
  imageLeft: number;
  imageRight: number;
  /** Highest usable top of a name (below the orientation text), px. */
  top: number;
}

const ROLE_ORDER: Record<StructureRole, number> = { target: 0, 'at-risk': 1, landmark: 2, other: 3 };
/** Approximate advance of one character of the label font, px. */
export const CHAR_PX = 5.0;
export const LINE_PX = 11;
const GAP_PX = 3;
/** A margin narrower than this takes no names. */
export const MIN_GUTTER_PX = 64;

/** Split a name into at most `maxLines` lines of `maxChars` (words kept whole; an ellipsis when cut). */
export function wrapLabel(text: string, maxChars: number, maxLines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = cur ? `${cur} ${w}` : w;
    if (next.length <= maxChars || !cur) {
      cur = next;
      continue;
    }
    lines.push(cur);
    cur = w;
    if (lines.length === maxLines - 1) {
      const rest = words.slice(i).join(' ');
      lines.push(rest.length <= maxChars ? rest : `${rest.slice(0, Math.max(1, maxChars - 1)).trimEnd()}…`);
      return lines;
    }
  }
  if (cur) lines.push(cur.length <= maxChars ? cur : `${cur.slice(0, Math.max(1, maxChars - 1))}…`);
  return lines;
}

/** Names in the image abbreviate the side ("Right lung" → "R. lung"); the list under it keeps them whole. */
export { shortName };

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function layoutLabels(items: readonly LabelItem[], f: LabelFrame): LabelLayout {
  const ordered = items.filter((i) => i.anchors.length > 0).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const gutters = { left: f.imageLeft - 8, right: f.width - f.imageRight - 8 };
  const out: LabelLayout = { gutter: [], inline: [], dots: [] };
  const rest: LabelItem[] = [];

  if (Math.min(gutters.left, gutters.right) >= MIN_GUTTER_PX) {
    const mid = (f.imageLeft + f.imageRight) / 2;
    const columns: Record<'left' | 'right', { it: LabelItem; lines: string[]; want: number; h: number }[]> = { left: [], right: [] };
    const used = { left: 0, right: 0 };
    const room = f.height - f.top;
    for (const it of ordered) {
      const a = it.anchors[0]!;
      let side: 'left' | 'right' = a.x < mid ? 'left' : 'right';
      const lines0 = wrapLabel(shortName(it.label), Math.floor(gutters[side] / CHAR_PX), 3);
      const h0 = lines0.length * LINE_PX + GAP_PX;
      // A full column passes the name to the other side, then to a numbered dot.
      if (used[side] + h0 > room) side = side === 'left' ? 'right' : 'left';
      const lines = wrapLabel(shortName(it.label), Math.floor(gutters[side] / CHAR_PX), 3);
      const h = lines.length * LINE_PX + GAP_PX;
      if (used[side] + h > room) {
        rest.push(it);
        continue;
      }
      used[side] += h;
      columns[side].push({ it, lines, want: a.y - (lines.length * LINE_PX) / 2, h });
    }
    for (const side of ['left', 'right'] as const) {
      const col = columns[side].sort((a, b) => a.want - b.want);
      // Tops: top-down so names do not overlap, then bottom-up so they stay inside the frame.
      const tops: number[] = [];
      let cursor = f.top;
      for (const c of col) {
        const t = Math.max(c.want, cursor);
        tops.push(t);
        cursor = t + c.h;
      }
      let limit = f.height - 2;
      for (let i = col.length - 1; i >= 0; i--) {
        const bottom = tops[i]! + col[i]!.lines.length * LINE_PX;
        if (bottom > limit) tops[i] = tops[i]! - (bottom - limit);
        limit = tops[i]! - GAP_PX;
      }
      col.forEach((c, i) =>
        out.gutter.push({ key: c.it.key, side, lines: c.lines, x: side === 'left' ? f.imageLeft - 6 : f.imageRight + 6, y: tops[i]! + LINE_PX * 0.8, anchor: c.it.anchors[0]! }),
      );
    }
  } else {
    const placed: Box[] = [];
    for (const it of ordered) {
      const w = Math.min(shortName(it.label).length * CHAR_PX * 1.15, f.width - 8);
      let done = false;
      for (const q of it.anchors) {
        const x = Math.max(4, Math.min(f.width - w - 4, q.x - w / 2));
        const y = Math.max(f.top + LINE_PX * 0.8, Math.min(f.height - 4, q.y + 4));
        const box = { x, y: y - 10, w, h: 12 };
        if (placed.some((p) => overlaps(p, box))) continue;
        placed.push(box);
        out.inline.push({ key: it.key, text: shortName(it.label), x, y });
        done = true;
        break;
      }
      if (!done) rest.push(it);
    }
  }

  // Numbered dots, kept off each other where the structure allows; numbered superficial to deep.
  const dotBoxes: Box[] = [];
  const dots = rest.map((it) => {
    let at = it.anchors[0]!;
    for (const q of it.anchors) {
      const box = { x: q.x - 6, y: q.y - 6, w: 12, h: 12 };
      if (!dotBoxes.some((p) => overlaps(p, box))) {
        at = q;
        break;
      }
    }
    dotBoxes.push({ x: at.x - 6, y: at.y - 6, w: 12, h: 12 });
    return { key: it.key, x: at.x, y: at.y };
  });
  dots.sort((a, b) => a.y - b.y || a.x - b.x);
  out.dots = dots.map((d, i) => ({ ...d, n: i + 1 }));
  return out;
}
