/**
 * Test and benchmark clips with burned-in text and an identifying header (invented values from
 * core/samples/synth/burned-text.ts), written as US Multi-frame JPEG Baseline by the project's writer.
 */
import { writeUsMultiframe } from '../../core/dicom/write/us-multiframe';
import type { DataElement } from '../../core/dicom/write/element';
import { burnedTextFrames, burnedTextLines, SYNTHETIC_PHI, type BurnedLine, type TextClipRect } from '../../core/samples/synth/burned-text';
import { loadNodeJpegEncoder } from '../../build/scripts/lib/jpeg-encoder-node';

export interface PhiClipOptions {
  columns?: number;
  rows?: number;
  frames?: number;
  /** Burn a word inside the region too. Default true. */
  inside?: boolean;
  /** Same seed → same Study/Series UIDs (uidSeed); clips of one study share `studySeed`. */
  uidSeed?: string;
  /** Study Instance UID shared by clips of one study (overrides the seed's). */
  studyUid?: string;
  lines?: BurnedLine[];
  jpegQuality?: number;
  extra?: DataElement[];
}

export interface PhiClip {
  bytes: Uint8Array;
  region: TextClipRect;
  frame: (i: number) => Uint8Array;
  lines: BurnedLine[];
  sopInstanceUid: string;
  studyInstanceUid: string;
}

export async function makePhiClip(o: PhiClipOptions = {}): Promise<PhiClip> {
  const columns = o.columns ?? 320;
  const rows = o.rows ?? 240;
  const frames = o.frames ?? 3;
  const region = { x0: 40, y0: 48, x1: columns - 40, y1: rows - 8 };
  const lines = o.lines ?? burnedTextLines({ inside: o.inside ?? true, region });
  const frame = burnedTextFrames({ columns, rows, frames, region, lines, seed: 'deid-test' });
  const p = SYNTHETIC_PHI;
  const extra: DataElement[] = [
    { tag: 0x00100030, vr: 'DA', value: p.birthDate },
    { tag: 0x00080080, vr: 'LO', value: p.institution },
    { tag: 0x00081070, vr: 'PN', value: p.operator },
    { tag: 0x00080050, vr: 'SH', value: p.accession },
    { tag: 0x00080090, vr: 'PN', value: 'WISNIEWSKI^JAN' },
    { tag: 0x00081010, vr: 'SH', value: 'USROOM3' },
    { tag: 0x00181000, vr: 'LO', value: 'SN7741902' },
    { tag: 0x00080021, vr: 'DA', value: '20240502' },
    { tag: 0x00080022, vr: 'DA', value: '20240502' },
    { tag: 0x00081030, vr: 'LO', value: 'US NERVE BLOCK KOWALSKI' },
    { tag: 0x00200052, vr: 'UI', value: '1.2.826.0.1.3680043.10.1234.77' },
    // A private block with an identifying value.
    { tag: 0x00090010, vr: 'LO', value: 'ACME SCANNER 1' },
    { tag: 0x00091001, vr: 'LO', value: p.patientName },
    ...(o.studyUid ? [{ tag: 0x0020000d, vr: 'UI' as const, value: o.studyUid }] : []),
    ...(o.extra ?? []),
  ];
  const enc = await loadNodeJpegEncoder();
  const r = writeUsMultiframe(
    {
      rows,
      columns,
      frameCount: frames,
      frame,
      frameTimeMs: 40,
      photometric: 'MONOCHROME2',
      regions: [{ x0: region.x0, y0: region.y0, x1: region.x1 - 1, y1: region.y1 - 1, mmPerPxX: 0.2, mmPerPxY: 0.2 }],
      jpegQuality: o.jpegQuality ?? 95,
      uidSeed: o.uidSeed ?? 'deid-test',
      date: '20240502',
      time: '101500',
      patientName: p.patientName,
      patientId: p.patientId,
      studyDescription: 'US NERVE BLOCK',
      extraElements: extra,
    },
    enc,
  );
  if (!r.ok) throw new Error(r.error.title + ' ' + (r.error.detail ?? ''));
  return { bytes: r.value.bytes, region, frame, lines, sopInstanceUid: r.value.sopInstanceUid, studyInstanceUid: o.studyUid ?? r.value.studyInstanceUid };
}
