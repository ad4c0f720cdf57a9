/**
 * The teaching bundle: de-identified clips, the expert plan, objectives and rehearsal settings in a
 * .bpcasez read back by core/plan/bundle's public readBundle; the case's patient fields cleared; a
 * case title holding the patient's name stops the export naming case.json.
 */
import { describe, expect, it } from 'vitest';
import { buildTeachingBundle } from '../../../../core/app/teachingBundle';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { readBundle } from '../../../../core/plan/bundle';
import { createCase } from '../../../../core/plan/case';
import { sha256Hex } from '../../../../core/plan/hash';
import type { Case } from '../../../../core/plan/schema';
import { makePhiClip } from '../../../support/deid-clip';
import { nodeOcrPerFile } from '../../../support/node-ocr';

const ocr = nodeOcrPerFile();

async function teachingCase(title: string): Promise<{ plan: Case; bytes: Uint8Array }> {
  const clip = await makePhiClip({ frames: 1, inside: false });
  const base = createCase({ title, now: '2026-01-02T03:04:05.000Z' });
  const plan: Case = {
    ...base,
    patient: { name: 'Anna Kowalski', id: 'PID48213579', birthDate: '1975-03-14', weightKg: 70 },
    clips: [
      {
        id: 'c1',
        path: 'KOWALSKI_ANNA.dcm',
        displayName: 'KOWALSKI_ANNA.dcm',
        sopInstanceUid: clip.sopInstanceUid,
        studyInstanceUid: clip.studyInstanceUid,
        seriesInstanceUid: null,
        sha256: sha256Hex(clip.bytes),
        byteLength: clip.bytes.length,
        frameCount: 1,
        rows: 240,
        columns: 320,
        beam: { kind: 'unknown' },
        origin: { kind: 'file' },
      },
    ],
  };
  return { plan, bytes: clip.bytes };
}

const ports = () => ({ codecs: createNodeCodecs(), ocr: ocr(), randomBytes: (n: number) => new Uint8Array(n).fill(9) });

describe('teaching bundle', () => {
  it('bundles de-identified clips, the plan, objectives and rehearsal settings; no identifying value anywhere', async () => {
    const { plan, bytes } = await teachingCase('TPVB teaching case');
    const r = await buildTeachingBundle(
      { plan, clipBytes: new Map([['c1', bytes]]), mask: 'auto', learningObjectives: ['Identify the pleura'], rehearsalSettings: { tasks: ['find-view'] } },
      ports(),
    );
    if (!r.ok) throw new Error(`${r.error.title}\n${r.error.detail}`);
    const back = readBundle(r.value.bytes, 'case.bpcasez');
    if (!back.ok) throw new Error(back.error.title);
    const p = back.value.plan;
    expect(p.patient).toEqual({});
    expect(p.teaching?.deidentified).toBe(true);
    expect(p.teaching?.learningObjectives).toEqual(['Identify the pleura']);
    expect(p.teaching?.rehearsal).toEqual({ tasks: ['find-view'] });
    expect(p.clips[0]!.displayName).toBe('Clip 1');
    expect(p.clips[0]!.sopInstanceUid).not.toBe(plan.clips[0]!.sopInstanceUid);
    const all = Buffer.from(r.value.bytes).toString('latin1') + [...back.value.clipBytes.values()].map((b) => Buffer.from(b).toString('latin1')).join('');
    for (const v of ['KOWALSKI', 'Kowalski', 'PID48213579', '1975-03-14', '19750314', 'ST MARY']) expect(all.includes(v), v).toBe(false);
  }, 180_000);

  it('stops when the case title names the patient', async () => {
    const { plan, bytes } = await teachingCase('Block for Anna Kowalski');
    const r = await buildTeachingBundle({ plan, clipBytes: new Map([['c1', bytes]]), mask: 'auto' }, ports());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('teaching/phi-found');
    expect(r.error.hits.map((h) => h.artefact)).toContain('case.json');
  }, 180_000);
});
