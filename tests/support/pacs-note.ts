/**
 * A confirmed procedure note for a case and its clip bytes, through core/app — the workflow
 * `blockplan note` and the app's export use (every check included) — for the PACS send-back tests.
 */
import { codecFrameDecoder, confirmedNoteDocument, fixedClock, openClips } from '../../core/app/index';
import { createNodeCodecs } from '../../core/cli/node-codecs';
import type { ConfirmedNoteDocument } from '../../core/notes/document';
import type { ConfirmSide } from '../../core/notes/sbyb';
import type { Case } from '../../core/plan/index';
import { ok } from '../../core/result';
import { hasDefaultPdfFontLoader, setDefaultPdfFontLoader } from '../../core/notes/export/pdf';
import { nodePdfFontLoader } from '../../core/node/fonts';

// The PDF the send-back renders needs its fonts (the CLI and the app register theirs).
if (!hasDefaultPdfFontLoader()) setDefaultPdfFontLoader(nodePdfFontLoader);

export async function confirmedNote(plan: Case, clipBytes: ReadonlyMap<string, Uint8Array>, side: ConfirmSide, generatedAt = '2025-03-01T15:00:00Z'): Promise<ConfirmedNoteDocument> {
  const opened = openClips(plan, { location: 'test.bpcase', name: 'test.bpcase', bundled: false }, plan.clips.map((clip) => ({ clip, location: clip.displayName, bytes: ok(clipBytes.get(clip.id)!) })));
  const r = await confirmedNoteDocument(
    opened,
    { formats: ['sr', 'pdf'], confirmSide: side, srIdentity: 'clips' },
    { frames: codecFrameDecoder(new Map(opened.clips.map((c) => [c.clip.id, c.image])), createNodeCodecs()), clock: fixedClock(generatedAt), app: { name: 'BlockPlan', version: '0.1.0' } },
  );
  if (!r.ok) throw new Error(r.error.title);
  return r.value;
}
