/**
 * The app's note export (renderer/services) against the CLI: both call core/app `exportNote`. The app
 * side runs here as in the app — the case store, the viewer's clip store with its decode worker (run
 * in-process with the app's decoder), the bridge — and its files are compared byte for byte with
 * `blockplan note` on the same case file at the same export time.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyImageRequests } from '../../../../core/app/index';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../../support/shared';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { decodeFrame } from '../../../../core/dicom/decode';
import { openDicom } from '../../../../core/dicom/parse';
import { toRgba } from '../../../../core/dicom/pixels';
import { renderKeyImage } from '../../../../core/notes/keyimages';
import { measureClip } from '../../../../core/plan/index';
import { setBridgeForTests } from '../../../../renderer/bridge';
import { useCase } from '../../../../renderer/state/case';
import { useFiles } from '../../../../renderer/state/files';
import { setNoteField, storedNote, useNoteUi } from '../../../../renderer/state/note';
import { setClipStoreForTests } from '../../../../renderer/viewer2d/clips';
import { conflictText, exportNoteFormats, exportStem, resolutionSteps } from '../../../../renderer/services/noteExport';
import { ensureClipOpen, renderKeyImages } from '../../../../renderer/services/frames';
import { fhirErrors } from '../../core/notes/fhirSchema';
import { dciodvfyErrors, normalise, pdfText, run } from '../../core/notes/tools';
import { DESKTOP_DIR, loadSample, recordingBridge, SAMPLE_DIR, sampleCase, testClipStore } from '../note/helpers';

const sample = sampleCase();
const plan = () => useCase.getState().history.present;

beforeEach(() => {
  useCase.getState().reset();
  useNoteUi.setState({ invalidFields: {}, progress: null });
  loadSample(sample);
});
afterEach(() => vi.useRealTimers());
afterAll(() => {
  setBridgeForTests(null);
  setClipStoreForTests(null);
});

/**
 * `blockplan note` on a case file, run as a real process (bin/blockplan.mjs, Node — not this jsdom
 * realm); returns the exit code, stderr lines and the written bytes.
 */
async function cli(casePath: string, format: string, side: string, generatedAt: string) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'note-cli-')), `note.${format}`);
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/blockplan.mjs'), 'note', casePath, '--format', format, '--out', out, '--confirm-side', side, '--generated-at', generatedAt], { encoding: 'utf8', cwd: path.dirname(casePath) });
  let bytes: Uint8Array | null = null;
  try {
    bytes = new Uint8Array(readFileSync(out));
  } catch {
    bytes = null;
  }
  return { code: r.status, err: r.stderr.split('\n').filter(Boolean), bytes };
}

/** A copy of the sample case beside its clip, with `edit` applied to its JSON. */
function sampleCopy(edit: (c: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'note-case-'));
  const c = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'thoracic-paravertebral.bpcase'), 'utf8'));
  edit(c);
  if (!path.isAbsolute(c.clips[0].path)) c.clips[0].path = path.join(SAMPLE_DIR, c.clips[0].path);
  const p = path.join(dir, 'thoracic-paravertebral.bpcase');
  writeFileSync(p, JSON.stringify(c));
  return p;
}

describe('one workflow: the app and the CLI', () => {
  it('write byte-identical Markdown, HTML, FHIR and DICOM SR for the same case at the same export time', async () => {
    const generatedAt = '2025-03-01T15:00:00Z';
    useCase.getState().reset();
    loadSample(sampleCase('thoracic-paravertebral', { workedNote: true }));
    testClipStore();
    const { saved } = recordingBridge();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(generatedAt));
    const app = await exportNoteFormats(['md', 'html', 'fhir', 'sr'], 'right', undefined);
    vi.useRealTimers();
    expect(app.kind, JSON.stringify(app)).toBe('done');
    for (const [k, format] of (['md', 'html', 'fhir', 'sr'] as const).entries()) {
      const c = await cli(path.join(SAMPLE_DIR, 'thoracic-paravertebral.bpcase'), format, 'right', generatedAt);
      expect(c.code, c.err.join('\n')).toBe(0);
      if (!Buffer.from(saved[k]!.bytes).equals(Buffer.from(c.bytes!))) {
        writeFileSync(`/tmp/parity-app.${format}`, saved[k]!.bytes);
        writeFileSync(`/tmp/parity-cli.${format}`, c.bytes!);
      }
      if (format === 'fhir') {
        // The bundle carries the note's PDF (not one of the byte-identical formats: pdf-lib's output
        // differs by a byte between the two runtimes); everything else must be identical, and the
        // two PDFs must say the same (pdftotext).
        const strip = (b: Uint8Array) => {
          const j = JSON.parse(new TextDecoder().decode(b));
          const att = j.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'DocumentReference').resource.content[0].attachment;
          const pdf = Buffer.from(att.data, 'base64');
          delete att.data;
          delete att.size;
          const f = path.join(mkdtempSync(path.join(tmpdir(), 'fhir-pdf-')), 'n.pdf');
          writeFileSync(f, pdf);
          return { json: JSON.stringify(j), text: pdfText(f) };
        };
        const [x, y] = [strip(saved[k]!.bytes), strip(c.bytes!)];
        expect(x.json).toBe(y.json);
        expect(x.text).toBe(y.text);
        continue;
      }
      expect(Buffer.from(saved[k]!.bytes).equals(Buffer.from(c.bytes!)), `${format} differs between the app and the CLI`).toBe(true);
    }
    // Not trivially equal: the files hold the case's key image and planned numbers.
    expect(new TextDecoder().decode(saved[0]!.bytes)).toMatch(/data:image\/png;base64,/);
  }, 240_000);

  it('refuse a case whose note says left while the plan says right, with the same message; nothing written', async () => {
    // The case of issue 11: `procedure.side = "left"` in the note of the right-sided sample.
    const casePath = sampleCopy((c) => (c.note = { ...(c.note as object), procedure: { ...((c.note as { procedure?: object })?.procedure ?? {}), side: 'left' } }));
    const c = await cli(casePath, 'md', 'right', '2025-03-01T15:00:00Z');
    expect(c.code).toBe(1);
    expect(c.bytes).toBeNull();

    testClipStore();
    const { saved } = recordingBridge();
    setNoteField(['procedure', 'side'], 'left');
    const app = await exportNoteFormats(['md'], 'right');
    expect(app.kind).toBe('refused');
    expect(saved).toEqual([]);
    if (app.kind !== 'refused') return;
    expect(app.error.title).toBe('Side check at export: you stated Right, but the side typed in the note (Procedure) is Left.');
    expect(c.err).toEqual([`error: ${casePath}: ${app.error.title} ${app.error.action}`]);
  });

  it('refuse a clip whose DICOM laterality is the other side (both read the same header)', async () => {
    const dcm = readFileSync(path.join(SAMPLE_DIR, 'thoracic-paravertebral.dcm'));
    expect(run('dcmdump', ['+P', '0020,0060', path.join(SAMPLE_DIR, 'thoracic-paravertebral.dcm')]).stdout).toBe(''); // the sample has none
    const dir = mkdtempSync(path.join(tmpdir(), 'note-lat-'));
    const clip = path.join(dir, 'clip.dcm');
    writeFileSync(clip, dcm);
    run('dcmodify', ['-nb', '-i', '(0020,0060)=L', clip]);
    const bytes = new Uint8Array(readFileSync(clip));
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const casePath = sampleCopy((c) => ((c.clips as { path: string; sha256: string; byteLength: number }[])[0] = { ...(c.clips as object[])[0], path: clip, sha256, byteLength: bytes.length } as never));
    const c = await cli(casePath, 'md', 'right', '2025-03-01T15:00:00Z');
    expect(c.code).toBe(1);
    expect(c.err[0]).toContain('records Left laterality in its DICOM header');

    testClipStore();
    recordingBridge();
    const s = { ...sample, bytes, plan: { ...sample.plan, clips: sample.plan.clips.map((k) => ({ ...k, sha256, byteLength: bytes.length })) } };
    loadSample(s);
    const app = await exportNoteFormats(['md'], 'right');
    expect(app.kind === 'refused' && c.err[0]!.includes(app.error.title)).toBe(true);
  });
});

describe('side check messages in the dialog', () => {
  it('names what disagrees and how to resolve it', async () => {
    testClipStore();
    recordingBridge();
    setNoteField(['procedure', 'side'], 'left');
    const r = await exportNoteFormats(['md'], 'left');
    expect(r.kind).toBe('refused');
    if (r.kind !== 'refused' || !('conflicts' in r.error)) throw new Error('expected a side check refusal');
    expect(r.error.conflicts).toEqual([{ what: 'block', label: 'block', caseSide: 'right' }]);
    expect(conflictText(r.error.conflicts[0]!)).toBe("The plan's block side is Right.");
    expect(resolutionSteps(r.error.conflicts)).toContain('If the plan is wrong: set the block side in the Plan tab (Choose block…), then export again.');
    const none = await exportNoteFormats(['md'], undefined);
    expect(none.kind === 'refused' && none.error.code).toBe('note/side-not-confirmed');
  });
});

describe('file names', () => {
  it('names exports after the case file, else block, side and level', () => {
    expect(exportStem(plan(), { name: 'thoracic-paravertebral.bpcase' })).toBe('thoracic-paravertebral');
    expect(exportStem(plan(), { name: 'my case?.bpcasez' })).toBe('my case');
    expect(exportStem({ ...plan(), block: { ...plan().block, level: 'T4' } }, { name: null })).toBe('thoracic-paravertebral-right-T4');
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
    for (const r of reqs) expect(await store.request(id.value, r.frameIndex, 0)).toBeDefined();
    const before = decodes();
    const out = await renderKeyImages(plan(), measurements, useCase.getState().clips);
    expect(decodes()).toBe(before);
    expect(out.errors).toEqual([]);
    expect(out.images).toHaveLength(reqs.length);

    // Independent path: core decodeFrame with Node's codecs, core renderKeyImage.
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
    // The export check is kept in the case's note.
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
    const md = new TextDecoder().decode(saved[1]!.bytes);
    expect(md).toMatch(/!\[[^\]]*frame \d+[^\]]*\]\(data:image\/png;base64,/); // key images embedded
    const sr = file(3);
    const v = dciodvfyErrors(sr);
    expect(v.errors, v.all).toEqual([]);
    expect(run('dsrdump', ['-Ph', sr]).stdout).toContain('(mm,UCUM');
    const fhir = JSON.parse(new TextDecoder().decode(saved[4]!.bytes));
    expect(fhirErrors(fhir)).toEqual([]);
  }, 120_000);

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

  it('refuses when a clip of the case is not available (its laterality cannot be checked)', async () => {
    testClipStore();
    const { saved } = recordingBridge();
    useCase.getState().reset();
    useFiles.setState({ files: [] }); // no open file holds the clip either
    loadSample(sample, false);
    const r = await exportNoteFormats(['md'], 'right');
    expect(r.kind === 'refused' && r.error.code).toBe('note/clips-unavailable');
    expect(saved).toEqual([]);
  });
});
