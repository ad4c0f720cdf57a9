/**
 * The objects BlockPlan stores into a study: Encapsulated PDF and Secondary Capture. Checked with
 * dciodvfy (IOD conformance), DCMTK (dcm2pnm pixels, dcmdump identity) and pdftotext, not with our
 * own reader.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEncapsulatedPdf } from '../../../../../core/dicom/write/encapsulated-pdf';
import { writeSecondaryCapture } from '../../../../../core/dicom/write/secondary-capture';
import { studyIdentityOf } from '../../../../../core/dicom/write/study-identity';
import { dciodvfyErrors, pdfText, run } from '../../notes/tools';

const dir = mkdtempSync(path.join(os.tmpdir(), 'blockplan-pacs-objects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clip = new Uint8Array(readFileSync(path.resolve(__dirname, '../../../../../assets/samples/celiac-plexus.dcm')));
const app = { name: 'BlockPlan', version: '0.1.0' };
const at = new Date('2025-03-01T10:00:00Z');

function dump(file: string): string {
  return run('dcmdump', ['+P', '0010,0010', '+P', '0010,0020', '+P', '0020,000d', '+P', '0008,0016', '+P', '0042,0012', file]).stdout;
}

describe('objects stored back into the clip’s study', () => {
  const id = studyIdentityOf(clip)!;

  it('reads the study identity of the clip', () => {
    expect(id.studyInstanceUid).toBe('2.25.136887544931730044429331174598348633252');
    expect(id.patientName).toBe('SYNTHETIC^SAMPLE');
    expect(id.patientId).toBe('BLOCKPLAN-SAMPLE');
  });

  it('Encapsulated PDF: valid IOD, same patient and study, the PDF back out byte for byte', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 200]);
    page.drawText('Procedure note 12345', { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
    const pdf = await doc.save();
    const out = writeEncapsulatedPdf({ pdf, identity: id, title: 'BlockPlan procedure note', createdAt: at, uidSeed: 't', app });
    const f = path.join(dir, 'note.dcm');
    writeFileSync(f, out.bytes);
    const v = dciodvfyErrors(f);
    expect(v.errors, v.all).toEqual([]);
    expect(v.all).toMatch(/EncapsulatedPDF/);
    const d = dump(f);
    expect(d).toContain('[SYNTHETIC^SAMPLE]');
    expect(d).toContain(`[${id.studyInstanceUid}]`);
    expect(d).toMatch(/=EncapsulatedPDFStorage|1\.2\.840\.10008\.5\.1\.4\.1\.1\.104\.1/);
    expect(d).toContain('[application/pdf]');
    // dcmdump writes the OB value to a file: it must be our PDF (plus at most one pad byte).
    const extracted = path.join(dir, 'extracted.pdf');
    run('dcm2pdf', [f, extracted]);
    const back = readFileSync(extracted);
    expect(Buffer.from(back.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(pdfText(extracted)).toContain('Procedure note 12345');
  });

  it('refuses bytes that are not a PDF', () => {
    expect(() => writeEncapsulatedPdf({ pdf: new Uint8Array([1, 2, 3, 4, 5]), identity: id, title: 't', createdAt: at, uidSeed: 't', app })).toThrow(/not a PDF/);
  });

  it('Secondary Capture: valid IOD, identity and source image, pixels as given (DCMTK decode)', () => {
    const w = 33;
    const h = 21;
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([(i * 7) & 255, (i * 13) & 255, (i * 29) & 255, 255], i * 4);
    const out = writeSecondaryCapture({ rgba, width: w, height: h, identity: id, source: { sopClassUid: id.sopClassUid, sopInstanceUid: id.sopInstanceUid, frameNumber: 4 }, caption: 'Clip 1, frame 4', createdAt: at, uidSeed: 't', index: 1, app });
    const f = path.join(dir, 'sc.dcm');
    writeFileSync(f, out.bytes);
    const v = dciodvfyErrors(f);
    expect(v.errors, v.all).toEqual([]);
    expect(v.all).toMatch(/SCImage/);
    expect(dump(f)).toContain(`[${id.studyInstanceUid}]`);
    expect(run('dcmdump', ['+P', '0008,1155', f]).stdout).toContain(id.sopInstanceUid);
    const ppm = path.join(dir, 'sc.ppm');
    run('dcm2pnm', [f, ppm]);
    const p = readFileSync(ppm);
    const header = `P6\n${w} ${h}\n255\n`;
    expect(p.subarray(0, header.length).toString('latin1')).toBe(header);
    const px = p.subarray(header.length);
    for (let i = 0; i < w * h; i++) expect([px[i * 3], px[i * 3 + 1], px[i * 3 + 2]]).toEqual([rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]]);
  });
});
