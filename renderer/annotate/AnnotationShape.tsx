import type { PointerEvent as ReactPointerEvent } from 'react';
import type { ViewTransform } from '../../core/geometry/view-transform';
import type { Annotation } from '../../core/plan/schema';
import type { Caption } from './captions';
import { HIT_RADIUS_PX } from './hitTest';
import { arrowHead, screenShape, svgPoints } from './screenGeometry';

/**
 * One annotation on the image (screen px): outline over a dark halo, in its role's colour, its
 * caption, and — when the select tool is active — invisible hit areas (and handles when selected).
 */
export function AnnotationShape({ a, t, selected, onPointerDown, interactive, caption }: { a: Annotation; t: ViewTransform; selected: boolean; onPointerDown(e: ReactPointerEvent): void; interactive: boolean; caption: Caption | undefined }) {
  const s = screenShape(a, t);
  const cls = `ann role-${a.role}${selected ? ' selected' : ''}${a.locked ? ' locked' : ''}`;
  const outline =
    a.kind === 'point' ? null : s.closed ? (
      <polygon points={svgPoints(s.points)} />
    ) : (
      <polyline points={svgPoints(s.points)} />
    );
  const head = a.kind === 'arrow' && s.handles.length >= 2 ? arrowHead(s.handles[0]!, s.handles[1]!) : [];
  return (
    <g className={cls} data-annotation-id={a.id} data-kind={a.kind}>
      {a.kind === 'point' ? (
        <>
          <circle className="halo" cx={s.handles[0]!.x} cy={s.handles[0]!.y} r={6} />
          <circle className="dot" cx={s.handles[0]!.x} cy={s.handles[0]!.y} r={4.5} />
        </>
      ) : (
        <>
          <g className="halo">{outline}</g>
          <g className={`stroke${s.filled ? ' filled' : ''}`}>{outline}</g>
          {head.length > 0 && <polygon className="arrow-head" points={svgPoints(head)} />}
        </>
      )}
      {caption && <CaptionText c={caption} className="ann-label" />}
      {interactive && (
        <g className={`hit${a.locked ? ' locked' : ''}`} onPointerDown={onPointerDown}>
          {a.kind === 'point' ? (
            <circle cx={s.handles[0]!.x} cy={s.handles[0]!.y} r={HIT_RADIUS_PX} />
          ) : s.closed ? (
            <polygon points={svgPoints(s.points)} className={s.filled ? 'hit-fill' : ''} />
          ) : (
            <polyline points={svgPoints(s.points)} />
          )}
          {selected && a.kind !== 'point' && s.handles.map((h, i) => <circle key={i} className="hit-handle" cx={h.x} cy={h.y} r={HIT_RADIUS_PX} />)}
        </g>
      )}
      {selected && a.kind !== 'point' && s.handles.map((h, i) => <circle key={i} className="handle" cx={h.x} cy={h.y} r={5} pointerEvents="none" />)}
    </g>
  );
}

/** A caption on the image: its leader line (when set away from its mark) and its text, the full text as its tooltip when shortened. */
export function CaptionText({ c, className }: { c: Caption; className: string }) {
  return (
    <>
      {c.leader && <line className={`${className}-leader`} x1={c.leader.a.x} y1={c.leader.a.y} x2={c.leader.b.x} y2={c.leader.b.y} />}
      <text className={className} x={c.x} y={c.y} textAnchor={c.textAnchor} data-full={c.full}>
        {c.full !== c.text && <title>{c.full}</title>}
        {c.text}
      </text>
    </>
  );
}
