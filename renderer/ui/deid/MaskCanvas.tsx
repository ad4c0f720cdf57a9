import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Rect } from '../../../core/deid/text-detect';

/**
 * A frame of the clip with the ultrasound regions (dashed), the text OCR found (amber boxes) and
 * the mask rectangles (red outlines, or solid black in preview). Drag on the image draws a new
 * rectangle, drag a rectangle to move it; the selected one moves with the arrow keys (Shift: 10 px),
 * resizes with Alt+arrows and is removed with Delete.
 */
export function MaskCanvas(props: {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  regions: readonly Rect[];
  found: readonly Rect[];
  masks: readonly Rect[];
  selected: number | null;
  preview: boolean;
  onSelect(i: number | null): void;
  onChange(masks: Rect[]): void;
}) {
  const { rgba, width, height, regions, found, masks, selected, preview, onSelect, onChange } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ kind: 'new' | 'move'; x: number; y: number; index: number; start: Rect } | null>(null);

  useEffect(() => {
    const c = ref.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
    g.lineWidth = 1;
    g.setLineDash([6, 4]);
    g.strokeStyle = 'rgba(120, 200, 255, 0.9)';
    for (const r of regions) g.strokeRect(r.x0 + 0.5, r.y0 + 0.5, r.x1 - r.x0 - 1, r.y1 - r.y0 - 1);
    g.setLineDash([]);
    g.strokeStyle = 'rgba(255, 190, 40, 0.95)';
    for (const r of found) g.strokeRect(r.x0 + 0.5, r.y0 + 0.5, r.x1 - r.x0 - 1, r.y1 - r.y0 - 1);
    masks.forEach((r, i) => {
      if (preview) {
        g.fillStyle = '#000';
        g.fillRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
      }
      g.lineWidth = i === selected ? 2 : 1;
      g.strokeStyle = i === selected ? '#ff5a5a' : 'rgba(255, 90, 90, 0.85)';
      g.strokeRect(r.x0 + 0.5, r.y0 + 0.5, r.x1 - r.x0 - 1, r.y1 - r.y0 - 1);
    });
  }, [rgba, width, height, regions, found, masks, selected, preview]);

  const toPx = (e: PointerEvent) => {
    const b = ref.current!.getBoundingClientRect();
    return { x: Math.round(((e.clientX - b.left) / b.width) * width), y: Math.round(((e.clientY - b.top) / b.height) * height) };
  };
  const clamp = (r: Rect): Rect => {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    const x0 = Math.min(Math.max(0, r.x0), width - w);
    const y0 = Math.min(Math.max(0, r.y0), height - h);
    return { x0, y0, x1: x0 + w, y1: y0 + h };
  };
  const replace = (i: number, r: Rect) => onChange(masks.map((m, k) => (k === i ? r : m)));

  const onDown = (e: PointerEvent) => {
    const p = toPx(e);
    ref.current!.setPointerCapture(e.pointerId);
    const hit = masks.findIndex((r) => p.x >= r.x0 && p.x < r.x1 && p.y >= r.y0 && p.y < r.y1);
    if (hit >= 0) {
      onSelect(hit);
      setDrag({ kind: 'move', x: p.x, y: p.y, index: hit, start: masks[hit]! });
    } else {
      const r = { x0: p.x, y0: p.y, x1: p.x + 1, y1: p.y + 1 };
      onChange([...masks, r]);
      onSelect(masks.length);
      setDrag({ kind: 'new', x: p.x, y: p.y, index: masks.length, start: r });
    }
  };
  const onMove = (e: PointerEvent) => {
    if (!drag) return;
    const p = toPx(e);
    if (drag.kind === 'move') {
      const s = drag.start;
      replace(drag.index, clamp({ x0: s.x0 + p.x - drag.x, y0: s.y0 + p.y - drag.y, x1: s.x1 + p.x - drag.x, y1: s.y1 + p.y - drag.y }));
    } else {
      const x = Math.min(Math.max(0, p.x), width);
      const y = Math.min(Math.max(0, p.y), height);
      replace(drag.index, { x0: Math.min(drag.x, x), y0: Math.min(drag.y, y), x1: Math.max(drag.x + 1, x), y1: Math.max(drag.y + 1, y) });
    }
  };
  const onUp = () => {
    if (drag?.kind === 'new') {
      const r = masks[drag.index];
      if (r && (r.x1 - r.x0 < 3 || r.y1 - r.y0 < 3)) {
        onChange(masks.filter((_, k) => k !== drag.index));
        onSelect(null);
      }
    }
    setDrag(null);
  };
  const onKey = (e: KeyboardEvent) => {
    if (selected === null || !masks[selected]) return;
    const r = masks[selected]!;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onChange(masks.filter((_, k) => k !== selected));
      onSelect(null);
      return;
    }
    const step = e.shiftKey ? 10 : 1;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault();
    if (e.altKey) replace(selected, { ...r, x1: Math.max(r.x0 + 2, Math.min(width, r.x1 + d[0]!)), y1: Math.max(r.y0 + 2, Math.min(height, r.y1 + d[1]!)) });
    else replace(selected, clamp({ x0: r.x0 + d[0]!, y0: r.y0 + d[1]!, x1: r.x1 + d[0]!, y1: r.y1 + d[1]! }));
  };

  return (
    <canvas
      ref={ref}
      className="deid-canvas"
      width={width}
      height={height}
      tabIndex={0}
      role="img"
      aria-label={`Clip frame with ${masks.length} mask rectangle${masks.length === 1 ? '' : 's'}${selected !== null ? `, rectangle ${selected + 1} selected: arrow keys move it, Alt+arrows resize, Delete removes` : ''}. Drag on the image to draw a rectangle.`}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onKeyDown={onKey}
    />
  );
}
