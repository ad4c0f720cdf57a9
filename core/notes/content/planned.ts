/** Sections: planned measurements; key images; comments; references (publications, never internal files). */
import { DEVINE_1974 } from '../doseCalc';
import type { NoteDocument } from '../document';
import { LAST_SOURCE } from '../last';
import { plannedLabel, plannedValue, type ContentBlock, type ContentSection } from './format';

export function plannedSection(doc: NoteDocument): ContentSection {
  const planned = doc.note.planned;
  return {
    id: 'planned',
    title: 'Planned measurements (from the plan)',
    blocks: planned.length
      ? [
          { kind: 'paragraph', text: 'These numbers come from the plan made in BlockPlan; they are planned values, not measurements made during the procedure.' },
          {
            kind: 'table',
            head: ['Planned measurement', 'Value', 'Structure', 'Where', 'Warnings BlockPlan showed'],
            rows: planned.map((m) => [
              plannedLabel(m.label),
              plannedValue(m),
              m.structure ?? '—',
              m.clipId ? `${doc.sources.find((s) => s.clipId === m.clipId)?.label ?? m.clipId}${m.frameIndex !== undefined ? `, frame ${m.frameIndex + 1}` : ''}` : '—',
              m.warnings.length ? m.warnings.join(' ') : 'none',
            ]),
          },
          ...caveats(planned),
        ]
      : [{ kind: 'paragraph', text: 'No planned measurements.' }],
  };
}

/** What a number leaves out, once per kind of caveat (e.g. the path outside the image). */
function caveats(planned: NoteDocument['note']['planned']): ContentBlock[] {
  const seen = new Map<string, string>();
  for (const m of planned) if (m.caveat && !seen.has(m.caveat)) seen.set(m.caveat, plannedLabel(m.label.replace(/ \(.*\)$/, '')));
  return [...seen].map(([text, label]) => ({ kind: 'alert', level: 'info', text: `${label}: ${text}` }));
}

export function imagesSection(doc: NoteDocument): ContentSection | null {
  return doc.keyImages.length ? { id: 'images', title: 'Key images', blocks: [{ kind: 'images', images: doc.keyImages }] } : null;
}

export function commentsSection(doc: NoteDocument): ContentSection | null {
  return doc.note.comments ? { id: 'comments', title: 'Comments', blocks: [{ kind: 'paragraph', text: doc.note.comments }] } : null;
}

export function referencesSection(doc: NoteDocument): ContentSection {
  const refs = [
    ...doc.references.map((r) => `${r.citation}${r.urls[0] ? ` — ${r.urls[0]}` : ''}`),
    `Ideal body weight: ${DEVINE_1974}.`,
    ...doc.dose.sources.map((s) => `${s.citation} — ${s.url}`),
    `LAST: ${LAST_SOURCE.citation} — ${LAST_SOURCE.url}`,
  ];
  return { id: 'references', title: 'References', blocks: [{ kind: 'list', items: refs }] };
}
