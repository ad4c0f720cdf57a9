/**
 * What the key images show: overlay shapes for annotations and needle paths (drawn by
 * core/notes/keyimages), and which frames become key images. Shared by the export workflow, the note
 * preview and the annotated-clip video, so every picture of the plan shows the same marks.
 */
import { formatNumber } from '../../notes/doseCalc';
import { OVERLAY_COLORS, ellipsePoints, type OverlayShape, type Px, type Rgba } from '../../notes/keyimages';
import { formatMeasurement, type Measurement } from '../../geometry/index';
import type { Annotation, Case, ClipMeasurements, MeasuredAnnotation, NeedlePath } from '../../plan/index';

/** One key image to render: which frame, what to draw on it, and its caption. */
export interface KeyImageRequest {
  clipId: string;
  frameIndex: number;
  caption: string;
  shapes: OverlayShape[];
}

const ROLE_COLOR: Record<Annotation['role'], Rgba> = {
  target: OVERLAY_COLORS.target,
  'at-risk': OVERLAY_COLORS['at-risk'],
  landmark: OVERLAY_COLORS.landmark,
  skin: OVERLAY_COLORS.other,
};

/** The point an annotation's label sits beside (as on screen): an arrow's tail, else the shape's top-most point. */
function labelNear(a: Annotation, outline: readonly Px[]): Px {
  if (a.kind === 'arrow') return a.points[0]!;
  return outline.reduce((top, q) => (q.y < top.y ? q : top), outline[0] ?? a.points[0]!);
}

/**
 * The text beside an annotation: its label, an arrow's text, and a line's length with its unit
 * ("23.4 mm", "23.4 mm (manual)", "117 px" when the clip is not calibrated).
 */
export function annotationCaption(a: Pick<Annotation, 'kind' | 'label'> & { text?: string }, length?: Measurement | null): string {
  const value = a.kind === 'line' && length && Number.isFinite(length.value) ? formatMeasurement(length) : '';
  return [a.label.trim(), a.kind === 'arrow' ? (a.text ?? '').trim() : '', value].filter(Boolean).join(': ');
}

/** Overlay shapes for an annotation (image px), with its measured length when it is a line. */
export function annotationShapes(a: Annotation, measured?: Pick<MeasuredAnnotation, 'length'>): OverlayShape[] {
  const color = ROLE_COLOR[a.role];
  const p = a.points;
  const shapes: OverlayShape[] = [];
  switch (a.kind) {
    case 'point':
      shapes.push({ kind: 'point', at: p[0]!, color });
      break;
    case 'line':
      shapes.push({ kind: 'line', a: p[0]!, b: p[1]!, color });
      break;
    case 'arrow':
      shapes.push({ kind: 'arrow', from: p[0]!, to: p[1]!, color });
      break;
    case 'polyline':
      shapes.push({ kind: 'polyline', points: p, closed: a.closed, color, ...(a.closed ? { fill: [color[0], color[1], color[2], 50] as Rgba } : {}) });
      break;
    case 'contour':
      shapes.push({ kind: 'polyline', points: p, closed: true, color, fill: [color[0], color[1], color[2], 50] });
      break;
    case 'ellipse': {
      if (p.length === 2) {
        const [c0, c1] = [p[0]!, p[1]!];
        shapes.push({ kind: 'ellipse', center: { x: (c0.x + c1.x) / 2, y: (c0.y + c1.y) / 2 }, rx: Math.abs(c1.x - c0.x) / 2, ry: Math.abs(c1.y - c0.y) / 2, color });
      } else {
        const [c, a1, a2] = [p[0]!, p[1]!, p[2]!];
        shapes.push({
          kind: 'ellipse',
          center: c,
          rx: Math.hypot(a1.x - c.x, a1.y - c.y),
          ry: Math.hypot(a2.x - c.x, a2.y - c.y),
          rotationDeg: (Math.atan2(a1.y - c.y, a1.x - c.x) * 180) / Math.PI,
          color,
        });
      }
      break;
    }
  }
  const text = annotationCaption(a, measured?.length);
  if (text) {
    const drawn = shapes[0]!;
    const near = labelNear(a, drawn.kind === 'ellipse' ? ellipsePoints(drawn.center, drawn.rx, drawn.ry, drawn.rotationDeg) : p);
    shapes.push({ kind: 'label', at: near, near, text, color });
  }
  return shapes;
}

const mText = (m: Measurement | null, decimals = 1): string | undefined =>
  m && Number.isFinite(m.value) ? `${formatNumber(m.value, decimals)}${m.unit === 'deg' ? '°' : ` ${m.unit}`}` : undefined;

/** Overlay shapes for a measured needle path: the path as an arrow, its numbers, and clearance lines. */
export function needleShapes(path: NeedlePath, measured?: ClipMeasurements['needlePaths'][number], hidden: (annotationId: string) => boolean = () => false): OverlayShape[] {
  const shapes: OverlayShape[] = [{ kind: 'arrow', from: path.entry, to: path.target, color: OVERLAY_COLORS.needle }];
  if (!measured) return shapes;
  for (const c of measured.clearances) {
    const d = mText(c.path.distance);
    if (!d) continue;
    const a: Px = c.path.nearestOnPathPx;
    const b: Px = c.path.nearestOnStructurePx;
    shapes.push({ kind: 'line', a, b, color: OVERLAY_COLORS.measurement, widthPx: 1 });
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    shapes.push({ kind: 'label', at: mid, near: mid, text: hidden(c.annotationId) ? `${d} (estimated)` : d, color: OVERLAY_COLORS.measurement });
  }
  const lines = [
    path.label.trim() ? `${path.label.trim()} (planned)` : 'Planned needle path',
    mText(measured.targetDepth) ? `depth ${mText(measured.targetDepth)}` : '',
    mText(measured.pathLength) ? `path in image ${mText(measured.pathLength)}` : '',
    mText(measured.angleToSkin, 0) ? `angle to skin ${mText(measured.angleToSkin, 0)}` : '',
  ].filter(Boolean);
  shapes.push({ kind: 'label', at: path.target, near: path.target, text: lines.join('\n'), color: OVERLAY_COLORS.needle });
  return shapes;
}

/**
 * The marks drawn on one frame of a clip: the annotations and needle paths on that frame or on every
 * frame (key images, the annotated clip video and the preview draw the same).
 */
export function frameShapes(plan: Case, clipId: string, frameIndex: number, measured?: ClipMeasurements): OverlayShape[] {
  const hidden = (id: string) => plan.annotations.find((a) => a.id === id)?.notVisibleOnUltrasound === true;
  const shapes: OverlayShape[] = [];
  for (const a of plan.annotations) {
    if (a.clipId !== clipId || !a.visible || (a.frameIndex !== null && a.frameIndex !== frameIndex)) continue;
    shapes.push(...annotationShapes(a, measured?.annotations.find((m) => m.id === a.id)));
  }
  for (const p of plan.needlePaths) {
    if (p.clipId !== clipId || (p.frameIndex !== null && p.frameIndex !== frameIndex)) continue;
    shapes.push(...needleShapes(p, measured?.needlePaths.find((m) => m.id === p.id), hidden));
  }
  return shapes;
}

/**
 * The key images of a case: each key frame, or — when there are none — the frame of each needle path
 * (frame 0 for a path on every frame), with the annotations and needle paths on that frame.
 */
export function keyImageRequests(plan: Case, measurements: readonly ClipMeasurements[] = []): KeyImageRequest[] {
  const frames: { clipId: string; frameIndex: number; caption?: string }[] = plan.keyFrames.map((k) => ({ clipId: k.clipId, frameIndex: k.frameIndex, caption: `${k.tag.replace('-', ' ')}${k.text ? `: ${k.text}` : ''}` }));
  if (frames.length === 0) {
    for (const p of plan.needlePaths) {
      const f = p.frameIndex ?? 0;
      if (!frames.some((x) => x.clipId === p.clipId && x.frameIndex === f)) frames.push({ clipId: p.clipId, frameIndex: f });
    }
  }
  return frames.map(({ clipId, frameIndex, caption }) => {
    const clip = plan.clips.find((c) => c.id === clipId);
    const shapes = frameShapes(plan, clipId, frameIndex, measurements.find((m) => m.clipId === clipId));
    return { clipId, frameIndex, caption: `${clip?.displayName ?? clipId}, frame ${frameIndex + 1}${caption ? ` — ${caption}` : ''}`, shapes };
  });
}

