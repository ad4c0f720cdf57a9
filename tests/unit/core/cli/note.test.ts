import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { fhirErrors } from '../notes/fhirSchema';
import { dciodvfyErrors, normalise, pdfText, run } from '../notes/tools';
import { FIXTURE, FIXTURE_MM_PER_PX, interscaleneCase, repoRoot, writeCase } from './noteCase';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd: repoRoot };
  return { io: value, out, err };
}

const FORMATS = ['pdf', 'md', 'html', 'sr', 'fhir'] as const;
const GENERATED = '2025-03-01T15:00:00Z';

async function note(casePath: string, format: string, out: string, extra: string[]) {
  const c = io();
  const code = await main(['note', casePath, '--format', format, '--out', out, '--generated-at', GENERATED, ...extra], c.io);
  return { code, ...c };
}

/** Checks one written file with its format's validator; returns its text for content checks. */
function validate(format: (typeof FORMATS)[number], file: string): string {
  switch (format) {
    case 'pdf': {
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      return normalise(pdfText(file));
    }
    case 'md':
      return readFileSync(file, 'utf8');
    case 'html': {
      const html = readFileSync(file, 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
      return normalise(html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&'));
    }
    case 'sr': {
      const v = dciodvfyErrors(file);
      expect(v.errors, v.all).toEqual([]);
      return run('dsrdump', ['-Ph', file]).stdout;
    }
    case 'fhir': {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      expect(fhirErrors(json)).toEqual([]);
      const docRef = json.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'DocumentReference').resource;
      expect(Buffer.from(docRef.content[0].attachment.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      return JSON.stringify(json);
    }
  }
}

describe('blockplan note on a case built from the case schema (real calibrated clip)', () => {
  const casePath = writeCase();
  const dir = path.dirname(casePath);
  // Hand-computed from the drawing: skin line y = 80 px, target (500, 300), entry (900, 80), 0.1392 mm/px.
  const depthMm = 220 * FIXTURE_MM_PER_PX;
  const pathMm = Math.hypot(400, 220) * FIXTURE_MM_PER_PX;
  const angleDeg = (Math.atan2(220, 400) * 180) / Math.PI;

  for (const format of FORMATS) {
    it(`writes ${format} and it passes its validator`, async () => {
      const out = path.join(dir, `note.${format}`);
      // The typed identity differs from the fixture's header (see the SR identity test): the SR takes the clips'.
      const r = await note(casePath, format, out, ['--confirm-side', 'right', ...(format === 'sr' ? ['--sr-identity', 'clips'] : [])]);
      expect(r.err.filter((l) => l.startsWith('error')), r.err.join('\n')).toEqual([]);
      expect(r.code).toBe(0);
      const text = validate(format, out);
      if (format === 'sr') {
        // At display precision (issue 20 item 6): mm to 0.1, degrees to 1.
        expect(text).toContain(`="${Number(depthMm.toFixed(1))}" (mm,UCUM`);
        expect(text).toContain(`="${Number(pathMm.toFixed(1))}" (mm,UCUM`);
        expect(text).toContain(`="${Number(angleDeg.toFixed(0))}" (deg,UCUM`);
      } else if (format === 'fhir') {
        const json = JSON.parse(text);
        const depth = json.entry.map((e: { resource: Record<string, unknown> }) => e.resource).find((r: { code?: { text?: string } }) => r.code?.text === 'Planned skin-to-target depth');
        expect(depth.valueQuantity.code).toBe('mm');
        expect(depth.valueQuantity.value).toBe(Number(depthMm.toFixed(1)));
        expect(text).toContain('"code":"24028007"'); // SNOMED CT Right
      } else {
        expect(text).toContain('Interscalene brachial plexus block');
        expect(text).toMatch(/Side( \|)? Right/);
        expect(text).toContain('Ropivacaine');
        expect(text).toContain('75 mg'); // 0.5% × 15 mL
        expect(text).toContain(`${depthMm.toFixed(1)} mm`);
        expect(text).toContain(`${pathMm.toFixed(1)} mm`);
        expect(text).toContain(`${angleDeg.toFixed(0)}°`);
        expect(text).toContain('Planned skin-to-target depth');
      }
    });
  }

  it('SR identity: the note names another patient than the clips → stops, names what differs (not the values), writes nothing; the user may choose the clips\' patient', async () => {
    const out = path.join(dir, 'identity.dcm');
    const r = await note(casePath, 'sr', out, ['--confirm-side', 'right']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/The patient name, ID typed in the note differ from the clips' DICOM header/);
    expect(r.err.join('\n')).not.toMatch(/Test Patient|BP-0001/);
    expect(existsSync(out)).toBe(false);
    const chosen = await note(casePath, 'sr', out, ['--confirm-side', 'right', '--sr-identity', 'clips']);
    expect(chosen.code, chosen.err.join('\n')).toBe(0);
    // The SR carries the clips' patient and study (DCMTK reads both files).
    const values = (f: string) => [...run('dcmdump', ['+P', 'PatientID', '+P', 'StudyInstanceUID', f]).stdout.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
    expect(values(FIXTURE)).toHaveLength(2);
    expect(new Set(values(out))).toEqual(new Set(values(FIXTURE))); // the study UID also appears in the evidence sequence
    // Same identity typed as in the header (in another word order and case): no question asked.
    const same = interscaleneCase({ patient: {} });
    const header = run('dcmdump', ['+P', 'PatientName', FIXTURE]).stdout.match(/\[(.*)\]/)?.[1] ?? '';
    same.note = { ...(same.note as object), identity: { patientName: header.split('^').reverse().join(' ').toUpperCase() } };
    const p2 = writeCase(same);
    expect((await note(p2, 'sr', path.join(path.dirname(p2), 'same.dcm'), ['--confirm-side', 'right'])).code).toBe(0);
  });

  it('stops on a side that does not match the case and writes nothing', async () => {
    const out = path.join(dir, 'mismatch.pdf');
    const r = await note(casePath, 'pdf', out, ['--confirm-side', 'left']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/^error: .*Side check at export: you stated Left, but the plan's block side is Right\./m);
    expect(existsSync(out)).toBe(false);
  });

  it('stops when an annotation names the other side', async () => {
    const c = interscaleneCase();
    c.annotations = [...(c.annotations ?? []), { id: 'a-x', clipId: 'clip-1', kind: 'point', points: [{ x: 10, y: 10 }], role: 'landmark', label: 'left SCM', frameIndex: null }];
    const p = writeCase(c);
    const out = path.join(path.dirname(p), 'ann.md');
    const r = await note(p, 'md', out, ['--confirm-side', 'right']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('the annotation “left SCM” names the left side');
    expect(existsSync(out)).toBe(false);
  });

  it('requires --confirm-side (exit 1, nothing written)', async () => {
    const out = path.join(dir, 'unconfirmed.md');
    const r = await note(casePath, 'md', out, []);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/Side check at export: no side was stated\./);
    expect(existsSync(out)).toBe(false);
  });

  it('usage errors exit 2', async () => {
    expect((await note(casePath, 'docx', path.join(dir, 'x'), ['--confirm-side', 'right'])).code).toBe(2);
    expect((await note(casePath, 'md', path.join(dir, 'x'), ['--confirm-side', 'top'])).code).toBe(2);
    const c = io();
    expect(await main(['note', '--format', 'md', '--out', 'x'], c.io)).toBe(2);
  });

  it('a missing case or clip is one error line and exit 1', async () => {
    const r = await note(path.join(dir, 'nope.bpcase'), 'md', path.join(dir, 'x.md'), ['--confirm-side', 'right']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^error: .*nope\.bpcase: The case file does not exist\./);
    const c = interscaleneCase();
    c.clips = c.clips!.map((k) => ({ ...k, path: 'missing.dcm' }));
    const p = writeCase(c);
    const m = await note(p, 'md', path.join(dir, 'y.md'), ['--confirm-side', 'right']);
    expect(m.code).toBe(1);
    // The clip's own line (where it was looked for), then the refusal naming the clip.
    expect(m.err[0]).toMatch(/missing\.dcm: The clip file was not found \(moved or renamed\?\)/);
    expect(m.err[1]).toMatch(/A clip of the case could not be used \(“GE V830 clip”: The clip file was not found/);
  });
});

describe('a sample plan nothing was recorded as done', () => {
  it('FHIR holds a ServiceRequest (intent plan) and no Procedure claiming completed', async () => {
    const c = JSON.parse(readFileSync(path.join(repoRoot, 'assets/samples/thoracic-paravertebral.bpcase'), 'utf8'));
    delete c.note.status;
    c.clips[0].path = path.join(repoRoot, 'assets/samples', c.clips[0].path);
    const p = path.join(path.dirname(writeCase()), 'planned.bpcase');
    writeFileSync(p, JSON.stringify(c));
    const out = path.join(path.dirname(p), 'planned.json');
    const r = await note(p, 'fhir', out, ['--confirm-side', 'right']);
    expect(r.code, r.err.join('\n')).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(fhirErrors(json)).toEqual([]);
    const types = json.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types).toContain('ServiceRequest');
    expect(types).not.toContain('Procedure');
    expect(json.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'ServiceRequest').resource.intent).toBe('plan');
    expect(readFileSync(out, 'utf8')).not.toContain('"completed"');
  });
});

describe('blockplan note on every sample case (assets/samples)', () => {
  const samplesDir = path.join(repoRoot, 'assets/samples');
  const samples = existsSync(samplesDir) ? readdirSync(samplesDir).filter((f) => f.endsWith('.bpcase') || f.endsWith('.bpcasez')) : [];
  // Until sample cases exist, the built case above stands in (it is checked with the same validators).
  const cases = samples.length ? samples.map((f) => path.join(samplesDir, f)) : [writeCase()];
  for (const c of cases) {
    it(`${path.basename(c)}: all five formats pass their validators`, async () => {
      let side = 'right';
      if (c.endsWith('.bpcase')) {
        const s = JSON.parse(readFileSync(c, 'utf8')).block?.side;
        side = s === 'midline' || s === 'n/a' ? 'n/a' : s;
      }
      const outDir = path.dirname(writeCase());
      for (const format of FORMATS) {
        const out = path.join(outDir, `${path.basename(c)}.${format}`);
        const r = await note(c, format, out, ['--confirm-side', side]);
        expect(r.code, `${format}: ${r.err.join('\n')}`).toBe(0);
        const text = validate(format, out);
        // Issue 11: the first line of every sample export says it is synthetic; no export cites an internal file.
        const banner = 'SYNTHETIC TEACHING CASE — not a patient record.';
        if (format === 'md') expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(`**${banner}**`);
        if (format === 'html') expect(text.replace(/^.*?<body>/s, '').trim().startsWith(banner) || normalise(readFileSync(out, 'utf8').replace(/^[\s\S]*?<body>/, '').replace(/<[^>]+>/g, ' ')).trim().startsWith(banner)).toBe(true);
        if (format === 'pdf') expect(pdfText(out).split('\n').find((l) => l.trim())!.trim()).toBe(banner);
        if (format === 'sr') {
          expect(run('dcmdump', ['+P', 'SeriesDescription', out]).stdout).toContain('[SYNTHETIC TEACHING CASE.');
          expect(run('dsrdump', ['-Ph', '+Pl', out]).stdout).toContain(banner);
        }
        if (format === 'fhir') expect(JSON.parse(readFileSync(out, 'utf8')).meta.tag[0].code).toBe('synthetic-teaching-case');
        const raw = format === 'pdf' || format === 'sr' ? text : readFileSync(out, 'utf8');
        expect(raw).not.toContain('blocks.md');
      }
    }, 120_000);
  }
});
