import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, it, expect, beforeAll } from 'vitest';
import { buildNoteDocument, confirmForExport } from '../../../../core/notes/document';
import { renderNote } from '../../../../core/notes/export/index';
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
  it('the export check is recorded as an export check, apart from the planned side and the Stop moment', () => {
    const md = noteToMarkdown(confirmedSample({ images: false }), { images: 'caption-only' });
    expect(md).toContain('| Planned side (in the plan) | Right |');
    expect(md).toContain('| Side stated at export (export check) | Right |');
    expect(md).toContain('| Export check: checked against | plan: right |');
    expect(md).toContain('| Export check: by | Dr A. Operator |');
    expect(md).toContain('| Stop moment before needle insertion (two-person check of mark and consent) | yes |');
    expect(md).not.toMatch(/matches the plan/);
  });

  it('never implies the Stop moment from the export check: not recorded stays "not recorded" in every format', async () => {
    const doc = confirmedSample({ images: false, note: (n) => ({ ...n, preChecks: { ...n.preChecks, stopMomentDone: undefined } }) });
    const stop = 'Stop moment before needle insertion (two-person check of mark and consent)';
    expect(noteToMarkdown(doc, { images: 'caption-only' })).toContain(`| ${stop} | not recorded |`);
    const fhir = noteToFhirBundle(doc, { pdf: new Uint8Array([37, 80, 68, 70]) });
    expect(fhir).toContain(`${stop}: not recorded.`);
    expect(fhir).toContain('Side stated at export (export check, not the Stop moment): Right, by Dr A. Operator');
    const sr = noteToDicomSr(doc);
    if (!sr.ok) throw new Error(sr.error.title);
    const f = path.join(tmp, 'stop.dcm');
    writeFileSync(f, sr.value);
    expect(normalise(run('dsrdump', ['-Ph', '+Pl', f]).stdout)).toContain(`${stop}: not recorded.`);
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
  it('raw HTML and link syntax typed into any field stay text when the Markdown is rendered (CommonMark + GFM tables, markdown-it)', () => {
    const hostile = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '<javascript:alert(1)>', '<a href="javascript:alert(1)">x</a>'];
    const doc = confirmedSample({ images: false });
    const md = noteToMarkdown(
      {
        ...doc,
        note: {
          ...doc.note,
          procedure: { ...doc.note.procedure, indication: hostile.join(' '), level: hostile[1] },
          consent: { ...doc.note.consent, risksDiscussed: hostile },
          staff: { ...doc.note.staff, operator: hostile[2] },
          comments: hostile.join('\n'),
        },
      },
      { images: 'caption-only' },
    );
    // markdown-it with raw HTML allowed renders whatever Markdown passes through, as a viewer would.
    const html = new MarkdownIt({ html: true, linkify: true }).render(md);
    expect(html.match(/<(script|img)\b[^>]*>|<[^>]*\bonerror=[^>]*>|<a\b[^>]*href="(?!https:)[^"]*"/gi) ?? []).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click](javascript:alert(1))'); // shown as the text the user typed
    // The same note's tables still render as tables.
    expect(html).toMatch(/<table>[\s\S]*<td>Level<\/td>/);
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
      expect(dump, m.label).toContain(`="${Number(m.value.toFixed(m.unit === 'deg' ? 0 : 1))}" ${unit}`); // display precision (issue 20 item 6)
    }
    expect(dump).toMatch(/Source of Measurement.*=\(USm image,,12\)/);
  });
  it('codes the measurements with the standard concepts and says planned or performed', () => {
    const codes = run('dsrdump', ['-Ph', '+Pc', file]).stdout;
    expect(codes).toContain('(121211,DCM,"Path length")');
    expect(codes).toContain('(131197000,SCT,"Depth")');
    expect(codes).toContain('(121206,DCM,"Distance")');
    expect(codes).not.toMatch(/BP-000[1-5]/); // no private code where a standard one exists
    expect(codes).toContain('(BP-STATUS,99BLOCKPLAN,"Block status")=(BP-PERFORMED,99BLOCKPLAN,"Performed")');
    const planned = noteToDicomSr(confirmedSample({ images: false, note: (n) => ({ ...n, status: undefined }) }));
    if (!planned.ok) throw new Error(planned.error.title);
    const f = path.join(tmp, 'planned-sr.dcm');
    writeFileSync(f, planned.value);
    expect(dciodvfyErrors(f).errors).toEqual([]);
    const dump = run('dsrdump', ['-Ph', '+Pc', '+Pl', f]).stdout;
    expect(dump).toContain('=(BP-PLANNED,99BLOCKPLAN,"Planned, not performed")');
    expect(dump).toContain('Planned, not performed.');
    expect(run('dcmdump', ['+P', 'SeriesDescription', '+P', 'PerformedProcedureCodeSequence', f]).stdout).toContain('plan (not performed)');
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
  it('an all-ASCII report has no Specific Character Set (the default repertoire)', () => {
    const built = buildNoteDocument({ note: { identity: { patientName: 'DOE^JANE' } }, keyImages: [], sources: [], references: [], generatedAt: '2025-03-01T15:00:00Z', app: { name: 'BlockPlan', version: '1' } });
    if (!built.ok) throw new Error(built.error.title);
    const c = confirmForExport(built.value, 'n/a', { blockSide: 'midline', annotations: [], clips: [] }, { confirmedAt: '2025-03-01T15:00:00Z' });
    if (!c.ok) throw new Error(c.error.title);
    const x = noteToDicomSr(c.value);
    if (!x.ok) throw new Error(x.error.title);
    const f = path.join(tmp, 'ascii-sr.dcm');
    writeFileSync(f, x.value);
    expect(dciodvfyErrors(f).errors).toEqual([]);
    expect(run('dcmdump', ['+P', 'SpecificCharacterSet', f]).stdout).toBe('');
  });
  it('writes ISO_IR 192 only when a value needs it, and the UTF-8 once (no double encoding)', () => {
    const lone = { ...doc, sources: [], note: { ...doc.note, identity: { ...doc.note.identity, patientName: 'Müller^Jürgen' }, staff: { ...doc.note.staff, operator: 'Đorđević^Ana' } } };
    const x = noteToDicomSr(lone);
    if (!x.ok) throw new Error(x.error.title);
    const f = path.join(tmp, 'utf8-sr.dcm');
    writeFileSync(f, x.value);
    expect(dciodvfyErrors(f).errors).toEqual([]);
    const dump = run('dcmdump', ['+P', 'SpecificCharacterSet', '+P', 'PatientName', f]).stdout;
    expect(dump).toContain('[ISO_IR 192]');
    expect(dump).toContain('[Müller^Jürgen]');
    expect(dump).not.toContain('MÃ¼ller');
    expect(Buffer.from(x.value).includes(Buffer.from('Müller^Jürgen', 'utf8'))).toBe(true);
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
    expect(proc.code.coding[0]).toEqual({ system: 'http://snomed.info/sct', code: '265778005', display: 'Local anesthetic nerve block' });
    expect(proc.code.coding[1].code).toBe('interscalene');
    expect(proc.status).toBe('completed');
    const plan = res('ServiceRequest')[0];
    expect(plan).toMatchObject({ intent: 'plan', status: 'completed' });
    expect(proc.basedOn).toEqual([{ reference: bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'ServiceRequest').fullUrl }]);
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
    expect(depth.valueQuantity).toEqual({ value: 18.2, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' }); // 18.24 at display precision
    expect(depth.code.coding[0]).toEqual({ system: 'http://snomed.info/sct', code: '131197000', display: 'Depth' });
    const pathLength = obs.find((o: { code: { text: string } }) => o.code.text === 'Planned needle path length');
    expect(pathLength.code.coding[0]).toEqual({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '121211', display: 'Path length' });
    const clearance = obs.find((o: { code: { text: string } }) => o.code.text === 'Planned clearance to phrenic nerve');
    expect(clearance.code.coding[0].code).toBe('121206');
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
  it('a plan nothing was recorded as done is a ServiceRequest (intent plan) and no Procedure; not done / stopped carry the reason', async () => {
    const kinds = (b: { entry: { resource: { resourceType: string } }[] }) => b.entry.map((e) => e.resource.resourceType);
    const planned = JSON.parse(noteToFhirBundle(confirmedSample({ images: false, note: (n) => ({ ...n, status: undefined }) }), { pdf: new Uint8Array([37, 80, 68, 70]), localUtcOffset: '+00:00' }));
    expect(fhirErrors(planned)).toEqual([]);
    expect(kinds(planned)).not.toContain('Procedure');
    const sr = planned.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'ServiceRequest').resource;
    expect(sr).toMatchObject({ intent: 'plan', status: 'active' });
    expect(JSON.stringify(planned)).not.toContain('"completed"');
    const docRef = planned.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'DocumentReference').resource;
    expect(docRef.type.coding[0].code).toBe('18776-5');
    const notDone = JSON.parse(noteToFhirBundle(confirmedSample({ images: false, note: (n) => ({ ...n, status: 'not-performed', statusReason: 'Patient declined on arrival' }) }), { pdf: new Uint8Array([37, 80, 68, 70]) }));
    expect(fhirErrors(notDone)).toEqual([]);
    const proc = notDone.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Procedure').resource;
    expect(proc).toMatchObject({ status: 'not-done', statusReason: { text: 'Patient declined on arrival' } });
    const stopped = JSON.parse(noteToFhirBundle(confirmedSample({ images: false, note: (n) => ({ ...n, status: 'stopped', statusReason: 'Paraesthesia' }) }), { pdf: new Uint8Array([37, 80, 68, 70]) }));
    expect(stopped.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Procedure').resource.status).toBe('stopped');
  });

  it('a local time without an offset and no offset given is written as a date only (FHIR needs a zone with a time)', async () => {
    const doc = confirmedSample({ images: false });
    const bundle = JSON.parse(noteToFhirBundle(doc, { pdf: new Uint8Array([37, 80, 68, 70]) }));
    expect(fhirErrors(bundle)).toEqual([]);
    const proc = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Procedure').resource;
    expect(proc.performedDateTime).toBe('2025-03-01');
  });
});

describe('renderNote', () => {
  it('returns text for md/html/fhir and bytes for pdf/sr', async () => {
    const doc = confirmedSample({ images: false });
    for (const f of ['md', 'html', 'fhir'] as const) {
      const r = await renderNote(doc, f);
      expect(r.ok && r.value.kind).toBe('text');
    }
    const pdf = await renderNote(doc, 'pdf');
    expect(pdf.ok && pdf.value.kind === 'binary' && String.fromCharCode(...pdf.value.bytes.slice(0, 5))).toBe('%PDF-');
    const sr = await renderNote(doc, 'sr');
    expect(sr.ok && sr.value.kind === 'binary' && String.fromCharCode(...sr.value.bytes.slice(128, 132))).toBe('DICM');
  });
});
