/**
 * The note's DICOM SR (the ordinary export, not only the PACS send-back) files into the source clip's
 * study: Study Instance UID, Study ID, Accession Number, Study Date and Time and Referring Physician's
 * Name (PS3.3 C.7.2.1 General Study) are copied from the clip as it carries them. Real fixtures that
 * have those attributes; DCMTK (dcmdump) reads the source and the SR independently, dciodvfy checks
 * the SR against the IOD.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openClips } from '../../../../core/app/openCase';
import { noteToDicomSr } from '../../../../core/notes/export/dicomSr';
import { clipFacts, clipRecord } from '../../../../core/plan/clip-facts';
import { createCase } from '../../../../core/plan/case';
import { ok } from '../../../../core/result';
import { dicomFixturesDir } from '../../../support/shared';
import { confirmedSample } from '../notes/sampleDocument';
import { dciodvfyErrors, run } from '../notes/tools';

const tmp = mkdtempSync(path.join(tmpdir(), 'bp-sr-study-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const STUDY = ['StudyInstanceUID', 'StudyID', 'AccessionNumber', 'StudyDate', 'StudyTime', 'ReferringPhysicianName'] as const;

/** Each General Study attribute as DCMTK prints it ("[value]" or "(no value available)"). */
function studyAttributes(file: string): Record<string, string> {
  const dump = run('dcmdump', ['-q', ...STUDY.flatMap((k) => ['+P', k]), file]).stdout;
  const out: Record<string, string> = {};
  for (const k of STUDY) {
    // +P searches nested sequences too: the first (top-level) match is the study's.
    const line = dump.split('\n').find((l) => new RegExp(`#.*\\b${k}$`).test(l.trim()));
    out[k] = line?.match(/\[([^\]]*)\]/)?.[1] ?? '';
  }
  return out;
}

describe('the note’s DICOM SR carries the source clip’s study identity', () => {
  for (const [fixture, expected] of [
    // US, Study ID 10, Accession Number NONE, Study Time 115122
    ['orthanc-tests/US_Philips-HDI5000_JPEGBaseline_YBR422_TS-1.2.840.10008.1.2.4.50.dcm', { StudyID: '10', AccessionNumber: 'NONE', StudyTime: '115122' }],
    // Referring Physician's Name, Accession Number and Study ID all present
    ['fo-dicom/GH538-jpeg1.dcm', { StudyID: '1', AccessionNumber: '1', ReferringPhysicianName: 'Reffering^Doe' }],
  ] as const) {
    it(`${fixture}: copied verbatim; the SR passes dciodvfy`, () => {
      const source = path.join(dicomFixturesDir(), fixture);
      const bytes = new Uint8Array(readFileSync(source));
      const facts = clipFacts(bytes, fixture);
      if (!facts.ok) throw new Error(facts.error.title);
      const plan = { ...createCase({ now: '2025-03-01T12:00:00Z' }), clips: [clipRecord('clip-1', fixture, 'Clip 1', facts.value)] };
      const opened = openClips(plan, { location: 'case.bpcase', name: 'case.bpcase', bundled: false }, [{ clip: plan.clips[0]!, location: source, bytes: ok(bytes) }]);
      expect(opened.problems).toEqual([]);
      const doc = { ...confirmedSample({ images: false }), sources: [opened.clips[0]!.source] };
      const sr = noteToDicomSr(doc);
      if (!sr.ok) throw new Error(sr.error.title);
      const file = path.join(tmp, `${path.basename(fixture)}-sr.dcm`);
      writeFileSync(file, sr.value);

      const want = studyAttributes(source);
      for (const [k, v] of Object.entries(expected)) expect(want[k], `the fixture's ${k}`).toBe(v); // the fixture has what this test is about
      expect(studyAttributes(file)).toEqual(want);
      const v = dciodvfyErrors(file);
      expect(v.errors, v.all).toEqual([]);
      // dsrdump reads the report's header: the referring physician is the study's.
      const header = run('dsrdump', [file]).stdout;
      expect(header).toContain('Comprehensive SR Document');
      if (want.ReferringPhysicianName) expect(header).toContain(`Referring Physician : ${want.ReferringPhysicianName}`);
    });
  }
});
