/**
 * core/app/publish.ts, the one publishing workflow of the CLI and the app, over an in-memory site:
 * the app's files (as the manifest lists them, without source maps), the de-identified bundle and
 * teach.html are written; a PHI hit (the case title names the patient) or a missing app file list
 * writes nothing at all and says why.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseAppManifest, publishTeachingCase, SITE_BUNDLE_PATH, TEACH_HTML, type PublishProgress, type PublishSitePort } from '../../../../core/app/publish';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { createCase } from '../../../../core/plan/case';
import { sha256Hex } from '../../../../core/plan/hash';
import type { Case } from '../../../../core/plan/schema';
import { appError, err, ok } from '../../../../core/result';
import { makePhiClip } from '../../../support/deid-clip';
import { nodeOcrPerFile } from '../../../support/node-ocr';

const ocr = nodeOcrPerFile();

const APP = { files: ['index.html', 'static/app.js', 'static/app.js.map', 'favicon.svg'] };

function memorySite(manifest: string | null) {
  const files = new Map<string, Uint8Array>();
  const site: PublishSitePort = {
    manifest: async () => (manifest === null ? err(appError('publish/app-not-built', 'not built')) : ok(manifest)),
    copyAppFile: async (rel) => void files.set(rel, new TextEncoder().encode(`app:${rel}`)),
    write: async (rel, bytes) => void files.set(rel, bytes),
  };
  return { site, files };
}

async function phiCase(title: string): Promise<{ plan: Case; clipBytes: Map<string, Uint8Array> }> {
  const clip = await makePhiClip({ frames: 1, inside: false });
  const plan: Case = {
    ...createCase({ title, now: '2026-01-02T03:04:05.000Z' }),
    patient: { name: 'Anna Kowalski', id: 'PID48213579' },
    clips: [{ id: 'c1', path: 'KOWALSKI.dcm', displayName: 'KOWALSKI.dcm', sopInstanceUid: clip.sopInstanceUid, studyInstanceUid: clip.studyInstanceUid, seriesInstanceUid: null, sha256: sha256Hex(clip.bytes), byteLength: clip.bytes.length, frameCount: 1, rows: 240, columns: 320, beam: { kind: 'unknown' }, origin: { kind: 'file' } }],
  };
  return { plan, clipBytes: new Map([['c1', clip.bytes]]) };
}

const ports = () => ({ codecs: createNodeCodecs(), ocr: ocr(), randomBytes: (n: number) => new Uint8Array(n).fill(7) });

describe('publishTeachingCase', () => {
  it('writes the app (no source maps), the de-identified bundle and teach.html, with progress', async () => {
    const { site, files } = memorySite(JSON.stringify(APP));
    const progress: PublishProgress[] = [];
    const r = await publishTeachingCase({ ...(await phiCase('TPVB teaching case')), mask: 'auto' }, { ...ports(), site, progress: (p) => progress.push(p) });
    if (!r.ok) throw new Error(`${r.error.title}\n${r.error.detail ?? ''}`);
    expect([...files.keys()].sort()).toEqual(['favicon.svg', 'index.html', 'static/app.js', SITE_BUNDLE_PATH, 'teach.html'].sort());
    expect(new TextDecoder().decode(files.get('teach.html'))).toBe(TEACH_HTML);
    const inner = unzipSync(files.get(SITE_BUNDLE_PATH)!);
    const text = Object.values(inner).map((b) => Buffer.from(b).toString('latin1')).join('\n');
    for (const v of ['KOWALSKI', 'Kowalski', 'PID48213579']) expect(text.includes(v), v).toBe(false);
    expect(progress.some((p) => p.stage === 'deidentify' && p.step === 'scan')).toBe(true);
    expect(progress.at(-1)).toEqual({ stage: 'app', done: 3, total: 3 });
  }, 120_000);

  it('a case title naming the patient stops it before anything is written', async () => {
    const { site, files } = memorySite(JSON.stringify(APP));
    const r = await publishTeachingCase({ ...(await phiCase('Anna Kowalski, TPVB')), mask: 'auto' }, { ...ports(), site });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('teaching/phi-found');
    expect(r.error.detail).toMatch(/case\.json/);
    expect(files.size).toBe(0);
  }, 120_000);

  it('without the app file list nothing is de-identified or written', async () => {
    const { site, files } = memorySite(null);
    let called = false;
    const r = await publishTeachingCase({ ...(await phiCase('x')), mask: 'auto' }, { ...ports(), site, progress: () => void (called = true) });
    expect(!r.ok && r.error.code).toBe('publish/app-not-built');
    expect(called).toBe(false);
    expect(files.size).toBe(0);
  });

  it('reads only a list naming index.html, and never a path out of the site', () => {
    expect(parseAppManifest('{"files":["static/a.js"]}').ok).toBe(false);
    expect(parseAppManifest('not json').ok).toBe(false);
    const r = parseAppManifest(JSON.stringify({ files: ['index.html', '../x', 'a//b', 'teach.html', 'teaching/case.bpcasez', 'app-files.json', 'x.js.map', 'ocr/eng.gz'] }));
    expect(r.ok && r.value).toEqual(['index.html', 'ocr/eng.gz']);
  });
});
