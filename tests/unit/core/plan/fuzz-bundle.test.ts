/**
 * Fuzz: bundled cases (.bpcasez). Mutants of real bundles (buildBundle of the test case and of the
 * ganglion impar sample case, and a ZIP with deflated clips): damaged ZIP structures (headers,
 * directory, sizes, offsets, names), hostile case.json content, lying sizes, unsafe and duplicate
 * names. Each must open — every clip then matching its SHA-256 — or fail with an AppError that
 * names the file; nothing may throw, and nothing may allocate more than BUNDLE_LIMITS allows.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, parseCase, readBundle, serializeCase, type Case } from '../../../../core/plan/index';
import { rng } from '../dicom/fuzz-mutate';
import { buildDicom, imageElements } from '../dicom/build';
import { repoRoot } from '../dicom/reference';
import { sampleCase } from './fixtures';
import { mutateCaseText } from './fuzz-json';
import { craftZip, deflated, type CraftedEntry } from './zip-craft';

const CASES = 2000;
const CODES = ['bundle/damaged', 'bundle/no-case', 'bundle/missing-clip', 'bundle/clip-changed', 'bundle/unsafe-name', 'bundle/too-large', 'case/damaged-json', 'case/not-a-case', 'case/bad-version', 'case/newer-version', 'case/unsupported-version', 'case/invalid', 'case/too-large'];
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A small real clip: 8 × 8, 2 frames. */
const clipBytes = buildDicom([...imageElements({ rows: 8, columns: 8, pi: 'MONOCHROME2', frames: 2 }), { tag: 0x7fe00010, vr: 'OB', bytes: Uint8Array.from({ length: 128 }, (_, i) => i) }]);
const withClip = (plan: Case): Case => ({ ...plan, clips: plan.clips.map((c) => ({ ...c, sha256: sha(clipBytes), frameCount: Math.max(c.frameCount, 1) })) });

function seeds(): { name: string; bytes: Uint8Array; caseText: string }[] {
  const out: { name: string; bytes: Uint8Array; caseText: string }[] = [];
  const impar = parseCase(readFileSync(join(repoRoot, 'assets/samples/ganglion-impar.bpcase'), 'utf8'), 'impar');
  if (!impar.ok) throw new Error(impar.error.title);
  for (const [name, plan] of [['test case', withClip(sampleCase())], ['ganglion-impar sample', withClip(impar.value.plan)]] as const) {
    const z = buildBundle(plan, new Map(plan.clips.map((c) => [c.id, clipBytes])));
    if (!z.ok) throw new Error(z.error.title);
    out.push({ name, bytes: z.value, caseText: new TextDecoder().decode(unzipSync(z.value)['case.json']) });
  }
  // Deflated clips (another zipper's way), so the streaming inflate is fuzzed too.
  const plan = { ...withClip(sampleCase()), clips: withClip(sampleCase()).clips.map((c) => ({ ...c, path: 'clips/a.dcm' })) };
  const text = serializeCase(plan);
  out.push({ name: 'deflated clips', bytes: craftZip(entries(text, [{ name: 'clips/a.dcm', method: 8, data: deflated(clipBytes), declaredSize: clipBytes.length }])), caseText: text });
  return out;
}

function entries(caseText: string, clips: CraftedEntry[]): CraftedEntry[] {
  const t = strToU8(caseText);
  return [{ name: 'case.json', method: 8, data: deflated(t), declaredSize: t.length }, ...clips];
}

/** Offsets of the ZIP records' fields (signatures PK 01 02, PK 03 04, PK 05 06 and what follows). */
function recordFields(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && (b[i + 2] === 1 || b[i + 2] === 3 || b[i + 2] === 5) && b[i + 3] === b[i + 2] + 1) {
      for (let f = 4; f < 46 && i + f + 4 <= b.length; f += 2) out.push(i + f);
    }
  }
  return out;
}

function mutateBundle(seed: { bytes: Uint8Array; caseText: string }, fields: number[], r: () => number): { bytes: Uint8Array; kind: string } {
  const pick = (n: number) => Math.floor(r() * n);
  const kinds = ['field', 'field', 'field', 'bitflip', 'truncate', 'splice', 'garbage', 'case', 'case', 'name', 'lie', 'method', 'duplicate'];
  const kind = kinds[pick(kinds.length)]!;
  let b: Uint8Array = seed.bytes.slice();
  const dv = () => new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (kind) {
    case 'field': {
      const at = fields[pick(fields.length)]!;
      const v = [0, 1, 0xffff, 0xffffffff, 0x7fffffff, b.length, b.length * 2, pick(1 << 24), 1024 ** 3][pick(9)]!;
      if (r() < 0.5 && at + 4 <= b.length) dv().setUint32(at, v >>> 0, true);
      else if (at + 2 <= b.length) dv().setUint16(at, v & 0xffff, true);
      break;
    }
    case 'bitflip':
      for (let k = 1 + pick(8); k > 0; k--) b[pick(b.length)]! ^= 1 << pick(8);
      break;
    case 'truncate':
      b = b.subarray(0, pick(b.length));
      break;
    case 'splice': {
      const at = pick(b.length);
      b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1 + pick(64))]);
      break;
    }
    case 'garbage':
      b = Uint8Array.from([...b, ...Array.from({ length: 1 + pick(100) }, () => pick(256))]);
      break;
    default: {
      // Rebuild the archive with one structural change.
      const files = unzipSync(seed.bytes);
      const clipNames = Object.keys(files).filter((n) => n !== 'case.json');
      let caseText = seed.caseText;
      let clips: CraftedEntry[] = clipNames.map((name) => ({ name, method: 0, data: files[name]! }));
      if (kind === 'case') caseText = mutateCaseText(caseText, r).text;
      if (kind === 'name' && clips.length) {
        const bad = ['clips/C:/evil.bat', '../evil.dcm', 'clips/CON', 'clips/x.dcm:ads', 'clips\\x.dcm', 'clips/x.dcm.', '/abs.dcm', 'clips/X.DCM'][pick(8)]!;
        caseText = caseText.split(JSON.stringify(clips[0]!.name)).join(JSON.stringify(bad));
        clips[0] = { ...clips[0]!, name: bad };
      }
      if (kind === 'lie' && clips.length) clips[0] = { ...clips[0]!, method: 8, data: deflated(clips[0]!.data), declaredSize: [0, 1, clips[0]!.data.length - 1, clips[0]!.data.length + 1, 1024 ** 3][pick(5)] };
      if (kind === 'method' && clips.length) clips[0] = { ...clips[0]!, method: [1, 9, 12, 99][pick(4)] as 0 };
      if (kind === 'duplicate' && clips.length) clips = [...clips, { ...clips[0]!, data: clips[0]!.data.slice(0, 10) }];
      b = craftZip(entries(caseText, clips));
    }
  }
  return { bytes: b, kind };
}

describe('fuzz: mutated bundles open or fail with a clear message, never throw', () => {
  it(`${CASES} mutants`, { timeout: 120_000 }, () => {
    const all = seeds().map((s) => ({ ...s, fields: recordFields(s.bytes) }));
    for (const s of all) expect(readBundle(s.bytes, s.name).ok, s.name).toBe(true);
    const r = rng(20261208);
    const stats = { opened: 0, refused: 0 };
    const byCode = new Map<string, number>();
    const failures: string[] = [];
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const t0 = performance.now();
    for (let c = 0; c < CASES; c++) {
      const seed = all[c % all.length]!;
      const { bytes, kind } = mutateBundle(seed, seed.fields, r);
      const file = `mutant-${c}.bpcasez`;
      const where = `case ${c} (${seed.name}, ${kind})`;
      try {
        const o = readBundle(bytes, file);
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
        if (!o.ok) {
          stats.refused++;
          byCode.set(o.error.code, (byCode.get(o.error.code) ?? 0) + 1);
          const e = o.error;
          const named = e.file === file || e.file === `${file} › case.json`;
          if (!CODES.includes(e.code) || !named || !e.title || /undefined|\[object Object\]|NaN/.test(e.title)) failures.push(`${where}: unclear error ${JSON.stringify(e).slice(0, 300)}`);
          continue;
        }
        stats.opened++;
        for (const clip of o.value.plan.clips) {
          const got = o.value.clipBytes.get(clip.id);
          if (!got || sha(got) !== clip.sha256) failures.push(`${where}: clip ${clip.id} opened without matching its SHA-256`);
        }
        serializeCase(o.value.plan);
      } catch (e) {
        failures.push(`${where}: threw ${e instanceof Error ? (e.stack ?? e.message).slice(0, 500) : String(e)}`);
      }
    }
    const ms = performance.now() - t0;
    console.log(
      `fuzz (bundles): ${CASES} mutants of ${all.length} bundles in ${(ms / 1000).toFixed(1)} s: ${stats.opened} opened (every clip matching its SHA-256), ${stats.refused} refused ` +
        `(${[...byCode].map(([k, v]) => `${k} ${v}`).join(', ')}); array buffers grew at most ${(peak / 2 ** 20).toFixed(1)} MB`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(stats.opened).toBeGreaterThan(CASES / 10);
    expect(stats.refused).toBeGreaterThan(CASES / 3);
    for (const code of ['bundle/damaged', 'bundle/unsafe-name', 'bundle/too-large', 'case/invalid']) expect(byCode.get(code) ?? 0, code).toBeGreaterThan(10);
    expect(peak).toBeLessThan(256 * 2 ** 20);
  });
});
