/**
 * The PDF note (issue 12 item 2; issue 20 item 6): nothing drawn outside the body area, rows split
 * across pages, long words wrapped, Unicode text kept (checked with pdftotext), loud failure for a
 * character no font has, empty sections collapsed, tagged for screen readers (pdfinfo and a parse of
 * the structure tree with pdf-lib).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFNumber, type PDFRawStream, type PDFRef, PDFString, decodePDFRawStream } from 'pdf-lib';
import { buildNoteDocument, confirmForExport, type ConfirmedNoteDocument } from '../../../../core/notes/document';
import { renderNote } from '../../../../core/notes/export/index';
import { noteToPdf } from '../../../../core/notes/export/pdf';
import type { NoteInput } from '../../../../core/notes/schema';
import './pdfFonts';
import { sampleDocument, sampleNoteInput } from './sampleDocument';
import { normalise, pdfText, run } from './tools';

let tmp: string;
beforeAll(() => void (tmp = mkdtempSync(path.join(os.tmpdir(), 'bp-pdf-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function confirmed(patch: (n: NoteInput) => NoteInput, images = true): ConfirmedNoteDocument {
  const base = sampleDocument({ images });
  const r = buildNoteDocument({ ...base, note: patch(sampleNoteInput()) });
  if (!r.ok) throw new Error(r.error.detail);
  const c = confirmForExport(r.value, 'right', { blockSide: 'right', annotations: [], clips: [] }, { confirmedAt: '2025-03-01T14:00:00Z', confirmedBy: 'Dr A. Operator' });
  if (!c.ok) throw new Error(c.error.title);
  return c.value;
}

async function write(name: string, doc: ConfirmedNoteDocument): Promise<string> {
  const file = path.join(tmp, name);
  writeFileSync(file, await noteToPdf(doc));
  return file;
}

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Every word with its box (pdftotext -bbox; origin top-left, pt). */
function words(file: string): { pages: { width: number; height: number }[]; words: Word[] } {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']).stdout;
  const pages: { width: number; height: number }[] = [];
  const out: Word[] = [];
  for (const p of html.split('<page ').slice(1)) {
    pages.push({ width: Number(p.match(/width="([\d.]+)"/)![1]), height: Number(p.match(/height="([\d.]+)"/)![1]) });
    for (const m of p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      out.push({ page: pages.length, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') });
    }
  }
  return { pages, words: out };
}

/** Asserts every word lies within the page margins and every body word above the footer of its page. */
function expectInsideBody(file: string): Word[] {
  const { pages, words: ws } = words(file);
  const MARGIN = 50;
  for (const [k, pg] of pages.entries()) {
    const on = ws.filter((w) => w.page === k + 1);
    const label = on.find((w, i) => w.text === 'Page' && on[i + 1]?.text === String(k + 1) && on[i + 2]?.text === 'of');
    expect(label, `page ${k + 1} has its footer label`).toBeDefined();
    for (const w of on) {
      expect(w.xMin, `${w.text} p${w.page}`).toBeGreaterThanOrEqual(MARGIN - 0.5);
      expect(w.xMax, `${w.text} p${w.page}`).toBeLessThanOrEqual(pg.width - MARGIN + 0.5);
      expect(w.yMin, `${w.text} p${w.page}`).toBeGreaterThanOrEqual(MARGIN - 0.5);
      expect(w.yMax, `${w.text} p${w.page}`).toBeLessThanOrEqual(pg.height - MARGIN + 0.5);
      const inFooter = w.yMin >= label!.yMin - 1;
      // Body text ends above the footer (8 pt gap + the footer rule).
      if (!inFooter) expect(w.yMax, `"${w.text}" on page ${w.page} runs into the footer`).toBeLessThanOrEqual(label!.yMin - 8);
    }
  }
  return ws;
}

describe('PDF layout (issue 12 item 2)', () => {
  it('a consent note of 800 short lines prints every line inside the body, the row split across pages', async () => {
    const lines = Array.from({ length: 800 }, (_, i) => `L${String(i + 1).padStart(3, '0')}`);
    const file = await write('consent.pdf', confirmed((n) => ({ ...n, consent: { ...n.consent, notes: lines.join('\n') } }), false));
    const ws = expectInsideBody(file);
    const found = ws.filter((w) => /^L\d{3}$/.test(w.text)).map((w) => w.text);
    expect(found).toEqual(lines); // all 800, once each, in order
    const pagesUsed = new Set(ws.filter((w) => /^L\d{3}$/.test(w.text)).map((w) => w.page));
    expect(pagesUsed.size).toBeGreaterThan(5);
  });

  it('a 4,000-character word wraps and every piece is inside the body', async () => {
    const word = 'Qz'.repeat(2000);
    const file = await write('word.pdf', confirmed((n) => ({ ...n, comments: word }), false));
    const ws = expectInsideBody(file);
    expect(ws.filter((w) => /^[Qz]+$/.test(w.text)).map((w) => w.text).join('')).toBe(word);
  });
});

describe('PDF fonts (issue 12 item 2)', () => {
  it('Latin, Greek, Cyrillic and CJK text survives: pdftotext gets it back', async () => {
    const file = await write(
      'unicode.pdf',
      confirmed((n) => ({
        ...n,
        identity: { ...n.identity, patientName: '山田 太郎' },
        staff: { ...n.staff, operator: 'Dr Đorđević', assistant: 'Ж. Иванова' },
        injectate: [{ ...n.injectate![0]!, adjuncts: 'dexmedetomidine 50 μg; 김민준' }],
        comments: 'Ωmega test: Ελληνικά, Кириллица, 日本語のテキスト, 中文.',
      })),
    );
    const text = normalise(pdfText(file));
    for (const s of ['山田 太郎', 'Đorđević', 'Ж. Иванова', '50 μg', '김민준', 'Ελληνικά', 'Кириллица', '日本語のテキスト', '中文']) expect(text).toContain(s);
    expect(text).not.toMatch(/\?g\b/);
    const fonts = run('pdffonts', [file]).stdout;
    expect(fonts).toMatch(/DejaVuSans/);
    expect(fonts).toMatch(/DroidSansFallback/);
    expect(fonts.split('\n').filter((l) => /TrueType/.test(l)).every((l) => / yes +(yes|no) +yes /.test(l))).toBe(true); // embedded, with ToUnicode
  });

  it('a note without CJK does not embed the CJK font', async () => {
    const fonts = run('pdffonts', [await write('latin.pdf', confirmed((n) => n, false))]).stdout;
    expect(fonts).not.toMatch(/DroidSansFallback/);
  });

  it('a character no font has stops the export with its code point, never a "?"', async () => {
    const doc = confirmed((n) => ({ ...n, comments: 'unicorn 🦄 here' }), false);
    await expect(noteToPdf(doc)).rejects.toThrow(/U\+1F984/);
    const r = await renderNote(doc, 'pdf');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('note/pdf-missing-glyph');
      expect(r.error.detail).toMatch(/U\+1F984.*unicorn/);
    }
  });
});

/** The catalog's structure tree, parsed with pdf-lib. */
async function structure(file: string) {
  const pdf = await PDFDocument.load(readFileSync(file));
  const ctx = pdf.context;
  const cat = pdf.catalog;
  const root = ctx.lookup(cat.get(PDFName.of('StructTreeRoot')), PDFDict);
  const elems: { type: string; alt?: string; mcids: { page: PDFRef; mcid: number }[] }[] = [];
  const walk = (d: PDFDict) => {
    const type = (d.get(PDFName.of('S')) as PDFName).decodeText();
    const altObj = d.get(PDFName.of('Alt'));
    const e = { type, alt: altObj instanceof PDFHexString || altObj instanceof PDFString ? altObj.decodeText() : undefined, mcids: [] as { page: PDFRef; mcid: number }[] };
    elems.push(e);
    for (const k of ctx.lookup(d.get(PDFName.of('K')), PDFArray).asArray()) {
      const kid = ctx.lookup(k);
      if (kid instanceof PDFDict && kid.get(PDFName.of('Type'))?.toString() === '/MCR') e.mcids.push({ page: kid.get(PDFName.of('Pg')) as PDFRef, mcid: (kid.get(PDFName.of('MCID')) as PDFNumber).asNumber() });
      else if (kid instanceof PDFDict) walk(kid);
    }
  };
  for (const k of ctx.lookup(root.get(PDFName.of('K')), PDFArray).asArray()) walk(ctx.lookup(k, PDFDict));
  return { pdf, cat, root, elems };
}

describe('tagged PDF for screen readers (issue 20 item 6)', () => {
  let file: string;
  beforeAll(async () => void (file = await write('tagged.pdf', confirmed((n) => n))));

  it('pdfinfo says Tagged: yes; the catalog has the language and MarkInfo', async () => {
    expect(run('pdfinfo', [file]).stdout).toMatch(/^Tagged:\s+yes$/m);
    const { cat } = await structure(file);
    expect((cat.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('en-GB');
    expect(cat.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    const tree = run('pdfinfo', ['-struct', file]).stdout;
    for (const t of ['Document', 'H1', 'Sect', 'H2', 'Table', 'TR', 'TD', 'TH', 'Figure', 'L', 'LI']) expect(tree).toMatch(new RegExp(`^\\s*${t}\\b`, 'm'));
  });

  it('every key image is a Figure whose alt text is its caption', async () => {
    const doc = confirmed((n) => n);
    const { elems } = await structure(file);
    const figures = elems.filter((e) => e.type === 'Figure');
    expect(figures).toHaveLength(doc.keyImages.length);
    figures.forEach((f, k) => expect(f.alt).toBe(`Figure ${k + 1}: ${doc.keyImages[k]!.caption}`));
  });

  it('every marked-content id in the pages belongs to exactly one structure element', async () => {
    const { pdf, elems } = await structure(file);
    const tagged = new Map<string, number>();
    for (const e of elems) for (const m of e.mcids) tagged.set(`${m.page.toString()}#${m.mcid}`, (tagged.get(`${m.page.toString()}#${m.mcid}`) ?? 0) + 1);
    let inStreams = 0;
    for (const page of pdf.getPages()) {
      const contents = page.node.Contents();
      const streams = contents instanceof PDFArray ? contents.asArray().map((r) => pdf.context.lookup(r)) : [contents];
      const ops = streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
      for (const m of ops.matchAll(/\/MCID (\d+)/g)) {
        inStreams++;
        expect(tagged.get(`${page.ref.toString()}#${m[1]}`), `${page.ref.toString()} MCID ${m[1]}`).toBe(1);
      }
      expect(ops).toMatch(/\/Artifact/); // footers are artifacts
    }
    expect(inStreams).toBe(tagged.size);
  });
});

describe('PDF content (issue 20 item 6)', () => {
  it('a section with nothing recorded collapses to one line', async () => {
    const file = await write('empty.pdf', confirmed((n) => ({ ...n, events: {} }), false));
    const text = normalise(pdfText(file));
    expect(text).toContain('Injection events: not recorded');
    expect(text).not.toMatch(/Negative aspiration/); // no table of "not recorded" rows
    const full = normalise(pdfText(await write('full.pdf', confirmed((n) => n, false))));
    expect(full).toMatch(/Injection events Negative aspiration yes/);
  });

  it('numbers with units are shown at display precision', async () => {
    const file = await write('numbers.pdf', confirmed((n) => ({ ...n, planned: n.planned!.map((p) => ({ ...p, value: p.value + 0.123456789 })) }), false));
    const text = normalise(pdfText(file));
    expect(text).not.toMatch(/\d\.\d{3,}\s*(mm|mg|mL|kg|%|°)/);
  });
});
