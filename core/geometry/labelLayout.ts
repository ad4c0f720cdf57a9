/**
 * Label placement shared by every picture of the plan: the on-screen annotation layer (screen px) and
 * the key images / PDF (image px) call this one function with their own sizes and units.
 *
 * Greedy and deterministic: labels are placed in the order given (callers put the important ones
 * first). Each label tries boxes around its anchor — up-right, right, down-right, up-left, left,
 * down-left, above, below — first touching the anchor (`gap` away), then in rings further out. The
 * first box that lies inside the viewport, overlaps no placed label, no `avoid` box, no anchor and no
 * obstacle segment (e.g. the needle path) wins; when none does, the same boxes slid into the viewport
 * are tried (a long name near an edge). Each request may offer several sizes (the full text,
 * then a shortened one); the full size is tried everywhere before a shorter one. When nothing fits,
 * the least-bad box is clamped into the viewport and flagged `conflict`. A label set away from its
 * anchor gets a leader line from the anchor to the nearest point of its box.
 */

/** A point (any unit; screen or image px). */
export interface LayoutPoint {
  x: number;
  y: number;
}

/** An axis-aligned box: x0 ≤ x1, y0 ≤ y1. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Segment {
  a: LayoutPoint;
  b: LayoutPoint;
}

export interface LabelRequest {
  id: string;
  /** The point the label belongs to (a mark's top point, a needle's target). */
  anchor: LayoutPoint;
  /** Box sizes to try, most preferred first (e.g. the full text, then a shortened text). */
  sizes: readonly { width: number; height: number }[];
}

export interface PlacedLabel {
  id: string;
  box: Rect;
  /** Index into the request's `sizes` that was used. */
  variant: number;
  /** From the anchor to the nearest point of the box, when the box does not touch the anchor. */
  leader: Segment | null;
  /** True when no free box was found (the box may overlap something). */
  conflict: boolean;
}

export interface LayoutOptions {
  /** Labels must lie inside this box. */
  viewport: Rect;
  /** Segments no label may cross (needle paths, measured lines). */
  obstacles?: readonly Segment[];
  /** Boxes no label may cover (other text already on the picture). */
  avoid?: readonly Rect[];
  /** Distance between the anchor and the nearest label box (default 4). */
  gap?: number;
  /** Clear space kept between two labels (default 1). */
  pad?: number;
  /** Rings tried beyond the first (default 8); ring k is `gap + k × max(label height, 8)` from the anchor. */
  rings?: number;
}

/** Directions tried, in order of preference: (dx, dy) of the box relative to the anchor. */
const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, -1],
  [1, 0],
  [1, 1],
  [-1, -1],
  [-1, 0],
  [-1, 1],
  [0, -1],
  [0, 1],
];

/** Radius of the clear area kept around every anchor (units of the layout). */
const ANCHOR_RADIUS = 2;

export function rectsOverlap(p: Rect, q: Rect, pad = 0): boolean {
  return p.x0 < q.x1 + pad && q.x0 - pad < p.x1 && p.y0 < q.y1 + pad && q.y0 - pad < p.y1;
}

/** True when the segment passes through the inside of the box (Liang–Barsky clipping). */
export function segmentHitsRect(s: Segment, r: Rect): boolean {
  const dx = s.b.x - s.a.x;
  const dy = s.b.y - s.a.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, s.a.x - r.x0],
    [dx, r.x1 - s.a.x],
    [-dy, s.a.y - r.y0],
    [dy, r.y1 - s.a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

/** The point of the box nearest to `p`. */
export function nearestOnRect(r: Rect, p: LayoutPoint): LayoutPoint {
  return { x: Math.min(Math.max(p.x, r.x0), r.x1), y: Math.min(Math.max(p.y, r.y0), r.y1) };
}

function inside(r: Rect, v: Rect): boolean {
  return r.x0 >= v.x0 && r.y0 >= v.y0 && r.x1 <= v.x1 && r.y1 <= v.y1;
}

function candidateBox(anchor: LayoutPoint, w: number, h: number, dir: readonly [number, number], d: number): Rect {
  const x0 = dir[0] > 0 ? anchor.x + d : dir[0] < 0 ? anchor.x - d - w : anchor.x - w / 2;
  const y0 = dir[1] > 0 ? anchor.y + d : dir[1] < 0 ? anchor.y - d - h : anchor.y - h / 2;
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

function clampInto(r: Rect, v: Rect): Rect {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const x0 = Math.max(v.x0, Math.min(r.x0, v.x1 - w));
  const y0 = Math.max(v.y0, Math.min(r.y0, v.y1 - h));
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

function overlapArea(p: Rect, q: Rect): number {
  return Math.max(0, Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0)) * Math.max(0, Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0));
}

/** Place every label (see the module comment). The result is in the order of `reqs`. */
export function placeLabels(reqs: readonly LabelRequest[], opts: LayoutOptions): PlacedLabel[] {
  const { viewport } = opts;
  const gap = opts.gap ?? 4;
  const pad = opts.pad ?? 1;
  const rings = opts.rings ?? 8;
  const obstacles = opts.obstacles ?? [];
  const taken: Rect[] = [...(opts.avoid ?? [])];
  const anchors = reqs.map((r) => ({ x0: r.anchor.x - ANCHOR_RADIUS, y0: r.anchor.y - ANCHOR_RADIUS, x1: r.anchor.x + ANCHOR_RADIUS, y1: r.anchor.y + ANCHOR_RADIUS }));
  const out: PlacedLabel[] = [];
  for (const req of reqs) {
    const cost = (b: Rect): number => {
      let c = 0;
      for (const t of taken) c += overlapArea(b, t) * 100 + (rectsOverlap(b, t, pad) ? 1000 : 0);
      for (const s of obstacles) if (segmentHitsRect(s, b)) c += 500;
      for (const a of anchors) if (rectsOverlap(b, a)) c += 300;
      return c;
    };
    let chosen: { box: Rect; variant: number } | null = null;
    let fallback: { box: Rect; variant: number; score: number } | null = null;
    search: for (let v = 0; v < req.sizes.length; v++) {
      const { width: w, height: h } = req.sizes[v]!;
      const step = Math.max(h, 8);
      // First the boxes in place around the anchor, then those slid into the viewport (kept clear of the anchor).
      for (const slid of [false, true]) {
        for (let k = 0; k <= rings; k++) {
          for (const dir of DIRECTIONS) {
            const raw = candidateBox(req.anchor, w, h, dir, gap + k * step);
            const fits = inside(raw, viewport);
            if (fits === slid) continue;
            const box = fits ? raw : clampInto(raw, viewport);
            const c = cost(box) + (inside(box, viewport) ? 0 : 50);
            if (c === 0) {
              chosen = { box, variant: v };
              break search;
            }
            const score = c + k + v * 200;
            if (!fallback || score < fallback.score) fallback = { box, variant: v, score };
          }
        }
      }
    }
    const pick = chosen ?? fallback!;
    const near = nearestOnRect(pick.box, req.anchor);
    const far = Math.hypot(near.x - req.anchor.x, near.y - req.anchor.y) > gap * Math.SQRT2 + 0.5;
    out.push({ id: req.id, box: pick.box, variant: pick.variant, leader: far ? { a: req.anchor, b: near } : null, conflict: chosen === null });
    taken.push(pick.box);
  }
  return out;
}
