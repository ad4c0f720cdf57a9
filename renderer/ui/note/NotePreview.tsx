/**
 * Live preview of the note: the same section layout the Markdown, HTML and PDF exports render
 * (core/notes `noteContent`), drawn with React elements — user text is always text, never markup,
 * and nothing inline runs (the CSP forbids it). Until Stop Before You Block is done at export, the
 * preview says the side is not yet confirmed.
 */
import { useMemo } from 'react';
import { noteContent, type ContentBlock, type NoteContent } from '../../../core/notes/content';
import type { NoteDocument } from '../../../core/notes/document';
import type { KeyImage } from '../../../core/notes/keyimages';
import { caseNoteDocument } from '../../../core/app/index';
import type { Case, ClipMeasurements } from '../../../core/plan/index';
import { StatusIcon } from './icons';

const ALERT_WORD = { over: 'Over maximum', caution: 'Caution', error: 'Missing', info: 'Note' } as const;
const ALERT_ICON = { over: 'over', caution: 'caution', error: 'error', info: 'info' } as const;

/** The preview's content: the note laid out as the exports lay it out; the side check at export is still to come. */
export function previewContent(doc: NoteDocument): NoteContent {
  return noteContent(doc);
}

function Block({ b, urls }: { b: ContentBlock; urls: Map<KeyImage, string> }) {
  switch (b.kind) {
    case 'fields':
      return (
        <table className="pv-fields">
          <tbody>
            {b.rows.map(([k, v], i) => (
              <tr key={i} className={v === 'not recorded' ? 'nr' : undefined}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'table':
      return (
        <table className="pv-table">
          {b.caption && <caption>{b.caption}</caption>}
          <thead>
            <tr>
              {b.head.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'list':
      return (
        <ul>
          {b.items.map((it, i) => (
            <li key={i}>{it}</li>
          ))}
        </ul>
      );
    case 'paragraph':
      return <p>{b.text}</p>;
    case 'alert':
      return (
        <div className={`pv-alert level-${b.level}`}>
          <StatusIcon kind={ALERT_ICON[b.level]} />{' '}
          <strong>{ALERT_WORD[b.level]}:</strong> {b.text}
        </div>
      );
    case 'images':
      return (
        <div className="pv-images">
          {b.images.map((img, k) => (
            <figure key={k}>
              {urls.get(img) ? <img src={urls.get(img)} width={img.width} height={img.height} alt={img.caption} /> : <div className="pv-img-missing">image not drawn yet</div>}
              <figcaption>
                Figure {k + 1}: {img.caption}
              </figcaption>
            </figure>
          ))}
        </div>
      );
  }
}

export function NotePreview({ plan, measurements, keyImages, urls }: { plan: Case; measurements: readonly ClipMeasurements[]; keyImages: KeyImage[]; urls: Map<KeyImage, string> }) {
  const content = useMemo(() => {
    const doc = caseNoteDocument({
      plan,
      measurements,
      keyImages,
      sources: plan.clips.map((c) => ({ clipId: c.id, label: c.displayName })),
      generatedAt: '',
      app: { name: 'BlockPlan', version: '' },
    });
    return doc.ok ? previewContent(doc.value) : null;
  }, [plan, measurements, keyImages]);
  if (!content) return <p className="muted">The preview appears when the note’s fields are valid.</p>;
  return (
    <article className="note-preview" aria-label="Note preview">
      <header>
        <h3 className="pv-title">{content.title}</h3>
        <p className="pv-subtitle">{content.subtitle}</p>
        <p className="pv-disclaimer">{content.disclaimer}</p>
      </header>
      {content.sections.map((s) => (
        <section key={s.id} className="pv-section" aria-label={s.title} data-section={s.id}>
          <h4>{s.title}</h4>
          {s.blocks.map((b, i) => (
            <Block key={i} b={b} urls={urls} />
          ))}
        </section>
      ))}
    </article>
  );
}
