/**
 * Study/series grouping and clip summaries, on real fixture files (expected UIDs, rates and
 * calibration read with DCMTK's dcmdump, not with our parser).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDicom } from '../../../../core/dicom/parse';
import { regionScaleProblem } from '../../../../core/dicom/calibration';
import { calibrationStatus, groupDicomFiles, summarizeDicom, useFiles, type LoadedFile } from '../../../../renderer/state/files';
import { dicomFixturesDir } from '../../../support/shared';

const FIXTURES = dicomFixturesDir();
const ECHO10 = 'wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm';
const ECHO11 = 'dbdicom/US-PAL-8-11x-echo_0020.dcm';
const IM1 = 'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm';
const OB = 'pydicom-data/OBXXXX1A_2frame.dcm';

/** A tag's value as DCMTK prints it. Fails loudly when dcmdump is missing. */
function dcm(rel: string, tag: string): string {
  const out = execFileSync('dcmdump', ['-q', '+P', tag, path.join(FIXTURES, rel)], { encoding: 'utf8' });
  const line = out.split('\n')[0] ?? '';
  const m = /\[(.*)\]/.exec(line) ?? /^\([0-9a-f,]+\) [A-Z]{2} ([^ ]+)/.exec(line);
  return m && !line.includes('no value available') ? m[1]! : '';
}

function load(rel: string): LoadedFile {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, rel)));
  const [f] = useFiles.getState().add([{ name: path.basename(rel), path: rel, bytes }], 'dicom', 'reading');
  const r = openDicom(bytes, { fileName: f!.name });
  if (!r.ok) {
    useFiles.getState().update(f!.id, { status: 'failed', error: { code: `dicom/${r.error.code}`, title: r.error.message, file: f!.name } });
  } else {
    useFiles.getState().update(f!.id, { status: 'ready', dicom: summarizeDicom(r.value, rel) });
  }
  return useFiles.getState().files.find((x) => x.id === f!.id)!;
}

beforeEach(() => useFiles.setState({ files: [] }));

describe('study and series grouping', () => {
  it('puts clips of the same series together and keeps other studies apart', () => {
    const a = load(ECHO10);
    const b = load(ECHO11);
    const c = load(IM1);
    const d = load(OB);
    // The two echo clips share Study and Series Instance UID (per dcmdump).
    expect(dcm(ECHO10, '0020,000d')).toBe(dcm(ECHO11, '0020,000d'));
    expect(dcm(ECHO10, '0020,000e')).toBe(dcm(ECHO11, '0020,000e'));
    const g = groupDicomFiles(useFiles.getState().files);
    expect(g.failed).toEqual([]);
    expect(g.reading).toEqual([]);
    expect(g.studies).toHaveLength(3);
    const echo = g.studies.find((s) => s.studyUid === dcm(ECHO10, '0020,000d'))!;
    expect(echo.description).toBe(dcm(ECHO10, '0008,1030'));
    expect(echo.series).toHaveLength(1);
    expect(echo.series[0]!.seriesNumber).toBe(Number(dcm(ECHO10, '0020,0011')));
    expect(echo.series[0]!.files.map((f) => f.id)).toEqual([a.id, b.id]);
    expect(g.studies.find((s) => s.studyUid === dcm(IM1, '0020,000d'))!.series[0]!.files[0]!.id).toBe(c.id);
    expect(g.studies.find((s) => s.studyUid === dcm(OB, '0020,000d'))!.series[0]!.files[0]!.id).toBe(d.id);
  });

  it('lists a file that fails with its reason and does not disturb the others', () => {
    load(IM1);
    const [bad] = useFiles.getState().add([{ name: 'notes.dcm', path: 'notes.dcm', bytes: new TextEncoder().encode('not a dicom file at all') }], 'dicom', 'reading');
    const r = openDicom(bad!.bytes, { fileName: 'notes.dcm' });
    expect(r.ok).toBe(false);
    if (!r.ok) useFiles.getState().update(bad!.id, { status: 'failed', error: { code: `dicom/${r.error.code}`, title: 'Not a DICOM file', action: r.error.message, file: 'notes.dcm' } });
    const g = groupDicomFiles(useFiles.getState().files);
    expect(g.failed.map((f) => f.name)).toEqual(['notes.dcm']);
    expect(g.failed[0]!.error?.code).toBe('dicom/not-dicom');
    expect(g.studies).toHaveLength(1);
  });

  it('lists files still being read apart', () => {
    useFiles.getState().add([{ name: 'x.dcm', path: 'x.dcm', bytes: new Uint8Array(0) }], 'dicom', 'reading');
    expect(groupDicomFiles(useFiles.getState().files).reading).toHaveLength(1);
  });
});

describe('clip summary', () => {
  it('takes the rate from the Frame Time (dcmdump) and the duration from the frame count', () => {
    const f = load(ECHO10);
    const ftMs = Number(dcm(ECHO10, '0018,1063'));
    const frames = Number(dcm(ECHO10, '0028,0008'));
    expect(f.dicom!.frameCount).toBe(frames);
    expect(f.dicom!.fps).toBeCloseTo(1000 / ftMs, 6);
    expect(f.dicom!.durationMs).toBeCloseTo(frames * ftMs, 6);
    expect(f.dicom!.rateSource).toBe('frame-time');
    expect(f.dicom!.rateAssumed).toBe(false);
    expect(f.dicom!.calibration.unit).toBe('px');
  });

  it('marks an assumed rate when the file gives none', () => {
    const f = load(OB);
    expect(dcm(OB, '0018,1063')).toBe('');
    expect(f.dicom!.rateAssumed).toBe(true);
    expect(f.dicom!.fps).toBe(30);
  });

  it('calibrates in mm from the ultrasound region (Physical Delta in cm × 10)', () => {
    const f = load(OB);
    const deltaCm = Number(dcm(OB, '0018,602c'));
    const cal = f.dicom!.calibration;
    expect(cal.unit).toBe('mm');
    if (cal.unit === 'mm') {
      expect(cal.source).toBe('us-region');
      expect(cal.mmPerPxX).toBeCloseTo(deltaCm * 10, 9);
      expect(cal.region).toBeDefined();
    }
  });

  it('says why a clip is not calibrated', () => {
    const s = calibrationStatus({ regions: [] });
    expect(s.unit).toBe('px');
    if (s.unit === 'px') expect(s.reason).toMatch(/no calibration/);
    const doppler = calibrationStatus({ regions: [{ index: 0, x0: 0, y0: 0, x1: 9, y1: 9, spatialFormat: 3, dataType: 3, unitsX: 4, unitsY: 7, deltaX: 0.01, deltaY: 1 }] });
    expect(doppler.unit).toBe('px');
    if (doppler.unit === 'px') expect(doppler.reason).toMatch(/calibrated in cm/);
  });

  it('names a damaged region scale as the reason (core regionScaleProblem), not "no region in cm"', () => {
    // Physical Delta X = 5e-324 cm: a region in cm whose scale no ultrasound image has.
    const region = { index: 0, x0: 0, y0: 0, x1: 639, y1: 479, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 5e-324, deltaY: 5e-324 };
    const s = calibrationStatus({ regions: [region] });
    expect(s.unit).toBe('px');
    if (s.unit === 'px') expect(s.reason).toBe(regionScaleProblem(region));
    if (s.unit === 'px') expect(s.reason).toMatch(/^Ultrasound region 1 gives a scale of 4\.94e-324 cm per pixel, outside the plausible range/);
  });

  it('never carries patient data', () => {
    const f = load(ECHO11);
    const name = dcm(ECHO11, '0010,0010');
    expect(name.length).toBeGreaterThan(0);
    expect(JSON.stringify(f.dicom)).not.toContain(name);
  });
});
