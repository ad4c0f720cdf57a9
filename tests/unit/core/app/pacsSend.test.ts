/**
 * Send-back objects carry the SOURCE study's identity — Patient module, Study Date/Time, Study ID,
 * Accession Number — not only its Study Instance UID. The source is the sample clip given an
 * accession number, a study ID, a birth date, a sex and a non-ASCII name by DCMTK's dcmodify; every
 * object built (SR, PDF, key images) is read back by dcmdump and checked by dciodvfy.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildResultObjects } from '../../../../core/app/pacsSend';
import { nodePdfFontLoader } from '../../../../core/node/fonts';
import { parseCase } from '../../../../core/plan/index';
import { confirmedNote } from '../../../support/pacs-note';
import { dciodvfyErrors, run } from '../notes/tools';

const root = path.resolve(__dirname, '../../../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'blockplan-pacs-send-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Attributes the source study gets (dcmodify) and every object sent back must repeat. */
const SOURCE: Record<string, string> = {
  '0008,0050': 'ACC-2025-0042', // Accession Number
  '0020,0010': 'ST77', // Study ID
  '0008,0020': '20250101', // Study Date (as in the sample)
  '0008,0030': '120000', // Study Time (as in the sample)
  '0010,0010': 'Müller^Zoë', // Patient's Name
  '0010,0020': 'BLOCKPLAN-SAMPLE', // Patient ID
  '0010,0030': '19700215', // Patient's Birth Date
  '0010,0040': 'F', // Patient's Sex
};

function value(file: string, tag: string): string {
  const line = run('dcmdump', ['+U8', '+P', tag, file]).stdout.split('\n')[0] ?? '';
  return /\[(.*)\]/.exec(line)?.[1] ?? '';
}

describe('send-back objects carry the source study’s identity', () => {
  it('SR, Encapsulated PDF and key images: patient, study date/time, study ID and accession from the source; the SR passes dciodvfy', async () => {
    const src = path.join(dir, 'source.dcm');
    copyFileSync(path.join(root, 'assets/samples/celiac-plexus.dcm'), src);
    run('dcmodify', ['-nb', '-i', '(0008,0005)=ISO_IR 192', ...Object.entries(SOURCE).flatMap(([t, v]) => ['-i', `(${t})=${v}`]), src]);
    for (const [t, v] of Object.entries(SOURCE)) expect(value(src, t), t).toBe(v);
    const source = new Uint8Array(readFileSync(src));

    const parsed = parseCase(readFileSync(path.join(root, 'assets/samples/celiac-plexus.bpcase'), 'utf8'), 'celiac-plexus.bpcase');
    if (!parsed.ok) throw new Error(parsed.error.title);
    const plan = parsed.value.plan;
    const clip = new Uint8Array(readFileSync(path.join(root, 'assets/samples/celiac-plexus.dcm')));
    const doc = await confirmedNote(plan, new Map([[plan.clips[0]!.id, clip]]), 'n/a');
    const built = await buildResultObjects({ doc, studyInstance: source, createdAt: new Date('2025-03-01T16:00:00Z'), fonts: nodePdfFontLoader });
    if (!built.ok) throw new Error(built.error.title);
    expect(built.value.items.length).toBe(2 + doc.keyImages.length);

    for (const [k, item] of built.value.items.entries()) {
      const f = path.join(dir, `out-${k}.dcm`);
      writeFileSync(f, item.bytes);
      for (const [t, v] of Object.entries(SOURCE)) expect(value(f, t), `${item.label}: (${t})`).toBe(v);
      expect(value(f, '0020,000d'), item.label).toBe(value(src, '0020,000d'));
      expect(value(f, '0008,0005'), item.label).toBe('ISO_IR 192');
      const v = dciodvfyErrors(f);
      expect(v.errors, `${item.label}\n${v.all}`).toEqual([]);
    }
    // The SR keeps its content: the report container and its evidence are unchanged.
    const sr = path.join(dir, 'out-0.dcm');
    expect(run('dsrdump', [sr]).stdout).toMatch(/Comprehensive SR/);
  });
});
