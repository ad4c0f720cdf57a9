import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { decodeFrame } from '../../../../core/dicom/decode';
import { openDicom } from '../../../../core/dicom/parse';
import { toRgba } from '../../../../core/dicom/pixels';
import { renderKeyImage } from '../../../../core/notes/keyimages';
import { keyImageRequests } from '../../../../core/notes/prefill';
import { measureClip } from '../../../../core/plan/index';
import { setBridgeForTests } from '../../../../renderer/bridge';
import { useCase } from '../../../../renderer/state/case';
import { setNoteField, storedNote, useNoteUi } from '../../../../renderer/state/note';
import { setClipStoreForTests } from '../../../../renderer/viewer2d/clips';
import { conflictText, exportNoteFormats, exportStem, resolutionSteps, sideCheck, utcOffset } from '../../../../renderer/ui/note/exporting';
import { ensureClipOpen, renderKeyImages } from '../../../../renderer/ui/note/frames';
import { fhirErrors } from '../../core/notes/fhirSchema';
import { dciodvfyErrors, normalise, pdfText, run } from '../../core/notes/tools';
import { DESKTOP_DIR, loadSample, recordingBridge, sampleCase, testClipStore } from './helpers';

const sample = sampleCase();
const plan = () => useCase.getState().history.present;
const noLaterality = new Map<string, string | undefined>();

beforeEach(() => {
  useCase.getState().reset();
  useNoteUi.setState({ invalidFields: {}, progress: null });
  loadSample(sample);
});
afterAll(() => {
  setBridgeForTests(null);
  setClipStoreForTests(null);
});

describe('Stop Before You Block in the app', () => {
  it('the planned side matches; any other side is refused with what disagrees and how to resolve it', () => {
    expect(sideCheck(plan(), 'right', noLaterality, 'now')).toBeNull();
    const e = sideCheck(plan(), 'left', noLaterality, 'now')!;
    expect(e.code).toBe('note/side-mismatch');
    expect(e.conflicts).toEqual([{ what: 'block', label: 'block', caseSide: 'right' }]);
    expect(conflictText(e.conflicts[0]!)).toBe("The plan's block side is Right.");
    expect(resolutionSteps(e.conflicts)).toContain('If the plan is wrong: set the block side in the Plan tab (Choose block…), then export again.');
    expect(sideCheck(plan(), undefined, noLaterality, 'now')?.code).toBe('note/side-not-confirmed');
  });

  it('a side typed in the note that differs from the confirmation is a conflict too', () => {
    setNoteField(['procedure', 'side'], 'left');
    const e = sideCheck(plan(), 'right', noLaterality, 'now')!;
    expect(e.conflicts).toEqual([{ what: 'annotation', id: 'note-procedure-side', label: 'side typed in the note (Procedure)', caseSide: 'left' }]);
    expect(conflictText(e.conflicts[0]!)).toBe('The side typed in the note (Procedure) is Left.');
    // Confirming left now disagrees with the plan's block side only.
    expect(sideCheck(plan(), 'left', noLaterality, 'now')!.conflicts.map((c) => c.what)).toEqual(['block']);
  });

  it('a clip whose DICOM laterality is the other side is named', () => {
    const e = sideCheck(plan(), 'right', new Map([[plan().clips[0]!.id, 'L']]), 'now')!;
    expect(e.conflicts).toEqual([{ what: 'clip', id: plan().clips[0]!.id, label: plan().clips[0]!.displayName, caseSide: 'left' }]);
    expect(conflictText(e.conflicts[0]!)).toMatch(/records Left laterality in its DICOM header/);
  });

  it('a plan without a block side cannot be confirmed', () => {
    useCase.getState().apply({ type: 'set-block', block: { ...plan().block, side: null } });
    const e = sideCheck(plan(), 'right', noLaterality, 'now')!;
    expect(e.conflicts[0]!.what).toBe('block-side-missing');
    expect(conflictText(e.conflicts[0]!)).toBe('The plan has no block side.');
  });
});

describe('file names and time offsets', () => {
  it('names exports after the case file, else block, side and level', () => {
    expect(exportStem(plan(), { name: 'thoracic-paravertebral.bpcase' })).toBe('thoracic-paravertebral');
    expect(exportStem(plan(), { name: 'my case?.bpcasez' })).toBe('my case');
    expect(exportStem({ ...plan(), block: { ...plan().block, level: 'T4' } }, { name: null })).toBe('thoracic-paravertebral-right-T4');
  });
  it('formats the UTC offset as ±HH:MM', () => {
    const at = (minutesWestOfUtc: number) => ({ getTimezoneOffset: () => minutesWestOfUtc }) as Date;
    expect(utcOffset(at(-60))).toBe('+01:00');
    expect(utcOffset(at(-330))).toBe('+05:30');
    expect(utcOffset(at(300))).toBe('-05:00');
    expect(utcOffset(at(0))).toBe('+00:00');
  });
});

describe('key images from the viewer’s frames', () => {
  it('uses frames the viewer already decoded (no second decode) and draws the same pixels as core/the CLI', async () => {
    const { store, decodes } = testClipStore();
    const clip = plan().clips[0]!;
    const id = await ensureClipOpen(clip, useCase.getState().clips[clip.id]);
    expect(id.ok).toBe(true);
    if (!id.ok) return;
    const measurements = [measureClip(plan(), clip.id, sample.calibration)];
    const reqs = keyImageRequests(plan(), measurements);
    expect(reqs.map((r) => r.frameIndex)).toEqual(plan().keyFrames.map((k) => k.frameIndex));
    // The viewer has decoded these frames (e.g. while playing).
    for (const r of reqs) expect(await store.request(id.value, r.frameIndex, 0)).toBeDefined();
    const before = decodes();
    const out = await renderKeyImages(plan(), measurements, useCase.getState().clips);
    expect(decodes()).toBe(before);
    expect(out.errors).toEqual([]);
    expect(out.images).toHaveLength(reqs.length);

    // Independent path: core decodeFrame with Node's codecs, core renderKeyImage (what `blockplan note` does).
    const img = openDicom(sample.bytes, {});
    if (!img.ok) throw new Error(img.error.message);
    const codecs = createNodeCodecs();
    for (const [k, r] of reqs.entries()) {
      const f = await decodeFrame(img.value, r.frameIndex, codecs);
      if (!f.ok) throw new Error(f.error.message);
      const ref = renderKeyImage({ width: f.value.width, height: f.value.height, data: toRgba(f.value) }, r.shapes, r.caption);
      expect(Buffer.from(out.images[k]!.png).equals(Buffer.from(ref.png)), `key image ${k}`).toBe(true);
    }
  });
});

describe('exportNoteFormats', () => {
  it('refuses the wrong side and writes nothing; the right side writes all five formats, each valid', async () => {
    testClipStore();
    const { saved } = recordingBridge();
    setNoteField(['preChecks', 'weightKg'], 70);
    setNoteField(['injectate'], [{ agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 20, adrenaline: false }]);

    const wrong = await exportNoteFormats(['pdf', 'md', 'html', 'sr', 'fhir'], 'left', 'Dr A');
    expect(wrong.kind).toBe('refused');
    expect(saved).toEqual([]);
    expect(storedNote(plan()).sideConfirmation).toBeUndefined();

    const r = await exportNoteFormats(['pdf', 'md', 'html', 'sr', 'fhir'], 'right', 'Dr A');
    expect(r.kind).toBe('done');
    expect(saved.map((f) => [f.kind, f.suggestedName])).toEqual([
      ['note-pdf', 'thoracic-paravertebral-note.pdf'],
      ['note-md', 'thoracic-paravertebral-note.md'],
      ['note-html', 'thoracic-paravertebral-note.html'],
      ['note-sr', 'thoracic-paravertebral-note.dcm'],
      ['note-fhir', 'thoracic-paravertebral-note.fhir.json'],
    ]);
    // The confirmation is kept in the case's note.
    expect(storedNote(plan()).sideConfirmation).toMatchObject({ confirmedSide: 'right', confirmedBy: 'Dr A', result: 'match' });

    const dir = mkdtempSync(path.join(tmpdir(), 'note-ui-'));
    const file = (i: number) => {
      const p = path.join(dir, saved[i]!.suggestedName);
      writeFileSync(p, saved[i]!.bytes);
      return p;
    };
    const pdf = normalise(pdfText(file(0)));
    expect(pdf).toContain('Ropivacaine');
    expect(pdf).toContain('100 mg'); // 0.5 % × 10 × 20 mL
    expect(pdf).toMatch(/Right \(matches the plan\)/);
    const md = new TextDecoder().decode(saved[1]!.bytes);
    expect(md).toMatch(/!\[[^\]]*frame 1[^\]]*\]\(data:image\/png;base64,/); // key images embedded
    const sr = file(3);
    const v = dciodvfyErrors(sr);
    expect(v.errors, v.all).toEqual([]);
    expect(run('dsrdump', ['-Ph', sr]).stdout).toContain('(mm,UCUM');
    const fhir = JSON.parse(new TextDecoder().decode(saved[4]!.bytes));
    expect(fhirErrors(fhir)).toEqual([]);
  }, 90_000); // five exports, two of them PDFs with embedded fonts, and the FHIR schema check

  it('on the desktop asks where once and writes the other formats beside the first', async () => {
    testClipStore();
    const { saved } = recordingBridge('electron');
    const r = await exportNoteFormats(['md', 'html', 'fhir'], 'right');
    expect(r.kind === 'done' && r.results.map((x) => x.path)).toEqual([`${DESKTOP_DIR}/thoracic-paravertebral-note.md`, `${DESKTOP_DIR}/thoracic-paravertebral-note.html`, `${DESKTOP_DIR}/thoracic-paravertebral-note.fhir.json`]);
    expect(saved.map((f) => [f.saveAs, f.path ?? null])).toEqual([
      [true, null],
      [false, `${DESKTOP_DIR}/thoracic-paravertebral-note.html`],
      [false, `${DESKTOP_DIR}/thoracic-paravertebral-note.fhir.json`],
    ]);
  });

  it('refuses while a field holds an invalid value', async () => {
    recordingBridge();
    setNoteField(['preChecks', 'weightKg'], 900);
    const r = await exportNoteFormats(['md'], 'right');
    expect(r.kind === 'refused' && r.error.code).toBe('note/invalid');
  });
});
