import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { confirmForExport } from '../../../../core/notes/document';
import { exportNote } from '../../../../core/notes/export/index';
import { noteToDicomSr } from '../../../../core/notes/export/dicomSr';
import { noteToFhirBundle } from '../../../../core/notes/export/fhir';
import { noteToHtml } from '../../../../core/notes/export/html';
import { noteToMarkdown } from '../../../../core/notes/export/markdown';
import { noteToPdf } from '../../../../core/notes/export/pdf';
import './pdfFonts';
import { DISCLAIMER } from '../../../../core/notes/content';
import { fhirErrors } from './fhirSchema';
import { confirmedSample, sampleDocument, sampleNoteInput } from './sampleDocument';
import { dciodvfyErrors, normalise, pdfText, run } from './tools';

const tmp = mkdtempSync(path.join(tmpdir(), 'bp-notes-'));
const sample = sampleNoteInput();

describe('Stop Before You Block gates every export', () => {
  it('a side mismatch returns a typed error and no confirmed document', () => {
    const r = confirmForExport(sampleDocument(), 'left', { blockSide: 'right', annotations: [], clips: [] }, { confirmedAt: '2025-03-01T14:00:00Z' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('note/side-mismatch');
  });
  it('the confirmation is recorded in the exported note', () => {
    const md = noteToMarkdown(confirmedSample({ images: false }), { images: 'caption-only' });
    expect(md).toContain('| Side confirmed | Right (matches the plan) |');
    expect(md).toContain('| Checked against | block: right |');
  });
});

describe('Markdown', () => {
  it('equals the reviewed snapshot of the sample note', async () => {
    await expect(noteToMarkdown(confirmedSample(), { images: 'caption-only' })).toMatchFileSnapshot('__snapshots__/sample-note.md');
  });
  it('embeds key images as PNG data URIs by default and escapes table cells', () => {
    const doc = confirmedSample();
    const md = noteToMarkdown({ ...doc, note: { ...doc.note, comments: 'a | b' } });
    expect(md).toMatch(/!\[[^\]]+\]\(data:image\/png;base64,iVBORw0KGgo/);
    const withPipe = noteToMarkdown({ ...doc, note: { ...doc.note, procedure: { ...doc.note.procedure, level: 'C5|C6' } } }, { images: 'caption-only' });
    expect(withPipe).toContain('| Level | C5\\|C6 |');
  });
});

describe('HTML', () => {
  it('is one self-contained document: no external URLs in src/href, CSP, inline images', () => {
    const html = noteToHtml(confirmedSample());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
    expect(html).toContain(DISCLAIMER);
  });
  it('escapes typed text', () => {
    const doc = confirmedSample({ images: false });
    const html = noteToHtml({ ...doc, note: { ...doc.note, comments: '<script>alert(1)</script>' } });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('PDF', () => {
  let text = '';
  let file = '';
  beforeAll(async () => {
    file = path.join(tmp, 'sample.pdf');
    writeFileSync(file, await noteToPdf(confirmedSample()));
    text = normalise(pdfText(file));
  });
  it('pdftotext finds the block, side, drug, dose and planned numbers', () => {
    expect(text).toContain(sample.procedure!.blockName!);
    expect(text).toMatch(/Side Right/);
    expect(text).toContain('Ropivacaine');
    const inj = sample.injectate![0]!;
    const mg = inj.concentrationPercent! * 10 * inj.volumeMl!; // 0.5% = 5 mg/mL
    expect(text).toContain(`${mg} mg`);
    for (const m of sample.planned!) {
      const v = m.unit === 'deg' ? `${m.value.toFixed(0)}°` : `${m.value.toFixed(1)} mm`;
      expect(text, m.label).toContain(v);
      expect(text).toContain(`Planned ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}`);
    }
  });
  it('carries the disclaimer on every page and is paginated', () => {
    const info = run('pdfinfo', [file]).stdout;
    const pages = Number(info.match(/Pages:\s+(\d+)/)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(text.split('BlockPlan is a planning and teaching aid, not a medical device.').length - 1).toBeGreaterThanOrEqual(pages);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });
  it('has the key image embedded', () => {
    const list = run('pdfimages', ['-list', file]).stdout;
    expect(list).toMatch(/\n\s*\d+\s+\d+\s+image\s+320\s+240\s/);
  });
});

describe('DICOM SR', () => {
  const doc = confirmedSample();
  const r = noteToDicomSr(doc);
  const file = path.join(tmp, 'sample-sr.dcm');
  if (r.ok) writeFileSync(file, r.value);

  it('passes dciodvfy with no errors as a Comprehensive SR', () => {
    expect(r.ok).toBe(true);
    const v = dciodvfyErrors(file);
    expect(v.errors, v.all).toEqual([]);
    expect(v.all).toContain('ComprehensiveSR');
  });
  it('dsrdump lists every planned number with its UCUM unit, as a TID 1500 report', () => {
    const dump = run('dsrdump', ['-Ph', file]).stdout;
    expect(dump).toContain('Imaging Measurement Report');
    for (const m of doc.note.planned) {
      const unit = m.unit === 'deg' ? '(deg,UCUM' : '(mm,UCUM';
      expect(dump, m.label).toContain(`="${Number(m.value.toFixed(3))}" ${unit}`);
    }
    expect(dump).toMatch(/Source of Measurement.*=\(USm image,,12\)/);
  });
  it('links to the source study, patient and instance', () => {
    const src = doc.sources[0]!;
    const dump = run('dcmdump', ['+P', 'StudyInstanceUID', '+P', 'PatientID', '+P', 'ReferencedSOPInstanceUID', '+P', 'ContentTemplateSequence', '+P', 'TemplateIdentifier', file]).stdout;
    expect(dump).toContain(`[${src.studyInstanceUid}]`);
    expect(dump).toContain(`[${src.patient!.id}]`);
    expect(dump).toContain(`[${src.sopInstanceUid}]`);
    expect(dump).toMatch(/TemplateIdentifier[\s\S]*1500|\[1500\]/);
  });
  it('refuses clips from two patients', () => {
    const two = { ...doc, sources: [...doc.sources, { ...doc.sources[0]!, clipId: 'clip-2', sopInstanceUid: '2.25.9', patient: { id: 'OTHER', name: 'OTHER^PATIENT' } }] };
    const x = noteToDicomSr(two);
    expect(x.ok).toBe(false);
    if (!x.ok) expect(x.error.code).toBe('note/sr-mixed-patients');
  });
  it('without source clips starts a new study with the typed identity and still validates', () => {
    const lone = { ...doc, sources: [] };
    const x = noteToDicomSr(lone);
    expect(x.ok).toBe(true);
    const f = path.join(tmp, 'lone-sr.dcm');
    if (x.ok) writeFileSync(f, x.value);
    expect(dciodvfyErrors(f).errors).toEqual([]);
    expect(run('dcmdump', ['+P', 'PatientID', f]).stdout).toContain(`[${sample.identity!.patientId}]`);
  });
});

describe('FHIR R4', () => {
  it('the bundle validates against the official R4 JSON schema and carries the required content', async () => {
    const doc = confirmedSample();
    const pdf = await noteToPdf(doc);
    const bundle = JSON.parse(noteToFhirBundle(doc, { pdf, localUtcOffset: '+00:00' }));
    expect(fhirErrors(bundle)).toEqual([]);
    const res = (t: string) => bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource).filter((r: { resourceType: string }) => r.resourceType === t);
    const proc = res('Procedure')[0];
    expect(proc.code.text).toContain(sample.procedure!.blockName);
    expect(proc.code.coding[0].code).toBe('interscalene');
    expect(proc.bodySite[0].text).toMatch(/^Right/);
    expect(proc.performer.map((p: { function: { text: string } }) => p.function.text)).toEqual(['operator (ST6)', 'supervisor', 'assistant']);
    expect(proc.usedCode.map((u: { text: string }) => u.text).join(' ')).toContain('Ropivacaine 0.5% 15 mL (75 mg)');
    expect(proc.performedDateTime).toBe('2025-03-01T14:05:00+00:00');
    const body = res('BodyStructure')[0];
    expect(body.locationQualifier[0].coding[0]).toMatchObject({ system: 'http://snomed.info/sct', code: '24028007' });
    expect(proc.extension[0].valueReference.reference).toBe(bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'BodyStructure').fullUrl);
    const obs = res('Observation');
    expect(obs).toHaveLength(sample.planned!.length + 1);
    const depth = obs.find((o: { code: { text: string } }) => o.code.text === 'Planned skin-to-target depth');
    expect(depth.valueQuantity).toEqual({ value: 18.24, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' });
    const angle = obs.find((o: { code: { text: string } }) => /angle/.test(o.code.text));
    expect(angle.valueQuantity.code).toBe('deg');
    const docRef = res('DocumentReference')[0];
    expect(docRef.content[0].attachment.contentType).toBe('application/pdf');
    expect(Buffer.from(docRef.content[0].attachment.data, 'base64').equals(Buffer.from(pdf))).toBe(true);
  });
  it('the validator rejects a broken bundle (so a pass means something)', async () => {
    const doc = confirmedSample({ images: false });
    const bundle = JSON.parse(noteToFhirBundle(doc, { pdf: await noteToPdf(doc) }));
    const proc = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Procedure').resource;
    // A time without a zone is invalid FHIR dateTime; so is an unknown property.
    proc.performedDateTime = '2025-03-01T14:05';
    expect(fhirErrors(bundle).length).toBeGreaterThan(0);
    delete proc.performedDateTime;
    expect(fhirErrors(bundle)).toEqual([]);
    proc.laterality = 'right';
    expect(fhirErrors(bundle).length).toBeGreaterThan(0);
  });
  it('a local time without an offset and no offset given is written as a date only (FHIR needs a zone with a time)', async () => {
    const doc = confirmedSample({ images: false });
    const bundle = JSON.parse(noteToFhirBundle(doc, { pdf: new Uint8Array([37, 80, 68, 70]) }));
    expect(fhirErrors(bundle)).toEqual([]);
    const proc = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Procedure').resource;
    expect(proc.performedDateTime).toBe('2025-03-01');
  });
});

describe('exportNote', () => {
  it('returns text for md/html/fhir and bytes for pdf/sr', async () => {
    const doc = confirmedSample({ images: false });
    for (const f of ['md', 'html', 'fhir'] as const) {
      const r = await exportNote(doc, f);
      expect(r.ok && r.value.kind).toBe('text');
    }
    const pdf = await exportNote(doc, 'pdf');
    expect(pdf.ok && pdf.value.kind === 'binary' && String.fromCharCode(...pdf.value.bytes.slice(0, 5))).toBe('%PDF-');
    const sr = await exportNote(doc, 'sr');
    expect(sr.ok && sr.value.kind === 'binary' && String.fromCharCode(...sr.value.bytes.slice(128, 132))).toBe('DICM');
  });
});
