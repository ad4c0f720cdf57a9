/**
 * `blockplan deidentify`: the adapter prints what was removed, replaced and masked, writes
 * DIR/deid-001.dcm, creates and reuses a key file (same UIDs), and exits 1 naming the attribute
 * when the PHI check stops the export.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { makePhiClip } from '../../../support/deid-clip';

const tmp = mkdtempSync(join(tmpdir(), 'bp-cli-deid-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: tmp };
}

describe('blockplan deidentify', () => {
  it('writes the de-identified clip and reports, creates the key file; with mask none the PHI check stops it', async () => {
    const clip = await makePhiClip({ frames: 1, inside: false });
    writeFileSync(join(tmp, 'KOWALSKI.dcm'), clip.bytes);
    const io = capture();
    expect(await main(['deidentify', 'KOWALSKI.dcm', '--out', 'out', '--key-file', 'k.hex', '--json'], io)).toBe(0);
    const rep = JSON.parse(io.stdout.join('\n'));
    expect(rep.ok).toBe(true);
    expect(rep.files[0].output).toBe('deid-001.dcm');
    expect(rep.files[0].counts.removed).toBeGreaterThan(0);
    expect(rep.files[0].masks.length).toBeGreaterThan(0);
    expect(rep.files[0].text.words).toBeUndefined(); // words only with --show-text
    expect(JSON.stringify(rep)).not.toContain('KOWALSKI^');
    expect(existsSync(join(tmp, 'out/deid-001.dcm'))).toBe(true);
    expect(readFileSync(join(tmp, 'k.hex'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);

    const io2 = capture();
    expect(await main(['deidentify', 'KOWALSKI.dcm', '--out', 'out2', '--key-file', 'k.hex', '--mask', 'none'], io2)).toBe(1);
    const err = io2.stderr.join('\n');
    expect(err).toMatch(/Export stopped/);
    expect(err).toMatch(/PatientName \(name\) was found in the burned-in text/);
    expect(existsSync(join(tmp, 'out2/deid-001.dcm'))).toBe(false);
  }, 180_000);

  it('rejects unknown options with exit 2', async () => {
    const io = capture();
    expect(await main(['deidentify', 'x.dcm', '--out', 'o', '--options', 'retain-everything'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown option 'retain-everything'/);
  });
});
