/**
 * The anticoagulation decision and the follow-up checks reach every export, and the five formats stay
 * valid (the export tests' validators: pdftotext, dciodvfy/dsrdump, the R4 JSON schema).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAnticoagulation, decisionRecord, followUpChecksForNote } from '../../../../core/app/anticoag';
import { followUpSuggestions } from '../../../../core/anticoag/index';
import { buildNoteDocument, confirmForExport } from '../../../../core/notes/document';
import { noteToDicomSr } from '../../../../core/notes/export/dicomSr';
import { noteToFhirBundle } from '../../../../core/notes/export/fhir';
import { noteToHtml } from '../../../../core/notes/export/html';
import { noteToMarkdown } from '../../../../core/notes/export/markdown';
import { noteToPdf } from '../../../../core/notes/export/pdf';
import { NoteSchema } from '../../../../core/notes/schema';
import '../notes/pdfFonts';
import { fhirErrors } from '../notes/fhirSchema';
import { sampleDocument, sampleNoteInput } from '../notes/sampleDocument';
import { dciodvfyErrors, normalise, pdfText, run } from '../notes/tools';

const req = { blockId: 'interscalene', drug: 'clopidogrel', lastDose: '2025-02-28T08:00' };
const checked = checkAnticoagulation(req);
if (!checked.ok) throw new Error(checked.error.title);
const decision = decisionRecord(checked.value, req, { decision: 'delay', reason: 'Clopidogrel yesterday: discussed with cardiology', decidedAt: '2025-03-01T13:50:00Z', decidedBy: 'Dr A. Operator' });
const checks = followUpChecksForNote(followUpSuggestions('interscalene'), '2025-03-01T14:05:00Z');
checks[0] = { ...checks[0]!, outcome: 'abnormal', findings: 'dyspnoea at 2 h, SpO2 93 %', recordedAt: '2025-03-01T16:10:00Z' };

function doc() {
  const base = sampleDocument();
  const r = buildNoteDocument({ ...base, note: { ...sampleNoteInput(), anticoagulation: decision, followUpChecks: checks } });
  if (!r.ok) throw new Error(r.error.detail);
  const c = confirmForExport(r.value, 'right', { blockSide: 'right', annotations: [], clips: [] }, { confirmedAt: '2025-03-01T14:00:00Z', confirmedBy: 'Dr A. Operator' });
  if (!c.ok) throw new Error(c.error.title);
  return c.value;
}

describe('anticoagulation decision and follow-up checks in the exported note', () => {
  const d = doc();
  const tmp = mkdtempSync(path.join(tmpdir(), 'bp-anticoag-'));

  it('the note schema keeps both parts; a note without them parses exactly as before', () => {
    expect(NoteSchema.parse({ anticoagulation: decision, followUpChecks: checks }).anticoagulation?.decision).toBe('delay');
    expect('anticoagulation' in NoteSchema.parse({})).toBe(false);
    expect('followUpChecks' in NoteSchema.parse({})).toBe(false);
  });

  it('Markdown and HTML: what was shown, the decision with its reason, each check with its source and outcome', () => {
    const md = noteToMarkdown(d);
    expect(md).toContain('## Antithrombotic drug and timing of the block');
    expect(md).toContain('delay the block');
    expect(md).toContain('Clopidogrel yesterday: discussed with cardiology');
    expect(md).toContain('ASRA/ESRA pain 2018');
    expect(md).toContain('## Follow-up checks');
    expect(md).toContain('abnormal: dyspnoea at 2 h, SpO2 93 %');
    expect(md).toContain('not recorded yet');
    const html = noteToHtml(d);
    expect(html).toContain('id="anticoagulation"');
    expect(html).toContain('id="follow-up-checks"');
  });

  it('PDF: pdftotext reads the decision and the checks', async () => {
    const file = path.join(tmp, 'note.pdf');
    writeFileSync(file, await noteToPdf(d));
    const text = normalise(pdfText(file));
    expect(text).toContain('Antithrombotic drug and timing of the block');
    expect(text).toContain('delay the block');
    expect(text).toContain('Follow-up checks');
  });

  it('DICOM SR: dciodvfy passes and the comment carries the decision', () => {
    const r = noteToDicomSr(d);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const file = path.join(tmp, 'sr.dcm');
    writeFileSync(file, r.value);
    const v = dciodvfyErrors(file);
    expect(v.errors, v.all).toEqual([]);
    expect(normalise(run('dsrdump', ['-Ph', '+Pl', file]).stdout)).toContain('decision: delay the block');
  });

  it('FHIR: the bundle validates against the R4 schema and the Procedure notes carry the decision', async () => {
    const bundle = JSON.parse(noteToFhirBundle(d, { pdf: await noteToPdf(d), localUtcOffset: '+00:00' }));
    expect(fhirErrors(bundle)).toEqual([]);
    const proc = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource).find((r: { resourceType: string }) => r.resourceType === 'Procedure');
    const notes = proc.note.map((n: { text: string }) => n.text).join('\n');
    expect(notes).toMatch(/Antithrombotic drug: Clopidogrel.*decision: delay the block/);
    expect(notes).toMatch(/Follow-up checks: .* — abnormal/);
  }, 60_000);
});
