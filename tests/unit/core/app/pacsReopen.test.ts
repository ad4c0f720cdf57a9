/**
 * Reopening a case's PACS clips (core/app/pacsReopen) against the test Orthanc: the clip's origin
 * survives save and reopen (serializeCase → parseCase), the clip comes back from the configured
 * server it came from (the same bytes), then from the local cache without any request; a case naming
 * a server the user did not configure makes no request at all; a PACS copy that is not the planned
 * clip is refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../../../core/app/openCase';
import { InstanceCache, memoryCacheStore } from '../../../../core/app/pacsCache';
import { dicomWebRootKey, pacsClipsOf, reopenPacsClips, serverForOrigin, type ConfiguredServer, type PacsOrigin } from '../../../../core/app/pacsReopen';
import { connect } from '../../../../core/dicomweb/connect';
import { clipFacts, clipRecord } from '../../../../core/plan/clip-facts';
import { createCase, parseCase, serializeCase, sha256Hex, type Case } from '../../../../core/plan/index';
import { appError, err, ok } from '../../../../core/result';
import { useOrthanc, type OrthancState } from '../../../support/orthanc';

const root = path.resolve(__dirname, '../../../..');
const CLIP = new Uint8Array(readFileSync(path.join(root, 'assets/samples/celiac-plexus.dcm')));
let orthanc: { state: OrthancState; release(): Promise<void> };

beforeAll(async () => {
  orthanc = await useOrthanc();
}, 120_000);
afterAll(async () => {
  await orthanc?.release();
});

/** A case with the sample clip as the PACS panel records it (origin: the server's DICOMweb root and the clip's UIDs). */
function caseWithPacsClip(wadoRoot: string, bytes = CLIP): Case {
  const facts = clipFacts(bytes, 'celiac-plexus.dcm');
  if (!facts.ok) throw new Error(facts.error.title);
  const f = facts.value;
  const origin: PacsOrigin = { kind: 'dicomweb', wadoRoot, studyUid: f.studyInstanceUid!, seriesUid: f.seriesInstanceUid!, instanceUid: f.sopInstanceUid! };
  const clip = { ...clipRecord('clip-1', `pacs://orthanc/${f.studyInstanceUid}/${f.seriesInstanceUid}/${f.sopInstanceUid}.dcm`, 'Celiac clip', f), origin };
  return { ...createCase({ id: 'case-pacs', now: '2025-03-01T12:00:00Z' }), clips: [clip] };
}

/** Saved and opened again, as a .bpcase is. */
function saveAndReopen(plan: Case): Case {
  const r = parseCase(serializeCase(plan), 'case.bpcase');
  if (!r.ok) throw new Error(r.error.title);
  return r.value.plan;
}

describe('the DICOMweb root of a configured server', () => {
  it('matches the same root however it is spelt, and nothing else', () => {
    expect(dicomWebRootKey('HTTP://PACS.example.org:80/dicom-web/')).toBe('http://pacs.example.org/dicom-web');
    expect(dicomWebRootKey('ftp://pacs.example.org/x')).toBeNull();
    expect(dicomWebRootKey('https://user@pacs.example.org/dicom-web')).toBeNull();
    expect(dicomWebRootKey('https://pacs.example.org/dicom-web?x=1')).toBeNull();
    expect(dicomWebRootKey('http://127.0.0.1:8042/dicom-web')).toBe('http://127.0.0.1:8042/dicom-web');
    const servers: ConfiguredServer[] = [{ id: 'a', name: 'A', baseUrl: 'https://pacs.example.org/dicom-web' }];
    const origin = (wadoRoot: string): PacsOrigin => ({ kind: 'dicomweb', wadoRoot, studyUid: '1', seriesUid: '2', instanceUid: '3' });
    expect(serverForOrigin(origin('https://pacs.example.org:443/dicom-web/'), servers)?.id).toBe('a');
    for (const other of ['http://pacs.example.org/dicom-web', 'https://pacs.example.org/other', 'https://pacs.example.org:8443/dicom-web', 'https://evil.example.org/dicom-web', 'not a url']) {
      expect(serverForOrigin(origin(other), servers), other).toBeNull();
    }
  });
});

describe('reopening a case’s clips from the PACS (Orthanc)', () => {
  const server = () => ({ id: 'orthanc', name: 'Test Orthanc', baseUrl: orthanc.state.open.dicomweb });

  it('origin saved → reopened → the clip from its server (same bytes) → then from the cache with no request', async () => {
    const plan = saveAndReopen(caseWithPacsClip(orthanc.state.open.dicomweb));
    expect(plan.clips[0]!.origin).toMatchObject({ kind: 'dicomweb', wadoRoot: orthanc.state.open.dicomweb, instanceUid: clipRecordUid() });
    const clips = pacsClipsOf(plan, () => false);
    expect(clips.map((c) => c.id)).toEqual(['clip-1']);
    expect(pacsClipsOf(plan, (id) => id === 'clip-1')).toEqual([]);

    const cache = new InstanceCache(memoryCacheStore(), 1024 ** 3);
    const asked: string[] = [];
    // The configured address spelt with a trailing slash still matches the recorded root.
    const configured = [{ ...server(), baseUrl: `${server().baseUrl}/` }];
    const client = (s: ConfiguredServer) => (asked.push(s.id), connect({ name: s.name, baseUrl: s.baseUrl, auth: { kind: 'none' } }, null));
    const first = await reopenPacsClips({ servers: configured, client, cache }, clips);
    expect(first.problems).toEqual([]);
    expect(first.opened).toHaveLength(1);
    expect(first.opened[0]!.server?.id).toBe('orthanc');
    expect(sha256Hex(first.opened[0]!.bytes)).toBe(sha256Hex(CLIP));
    expect(asked).toEqual(['orthanc']);

    // Kept in the cache: the next reopen asks no server (even with none configured).
    const again = await reopenPacsClips({ servers: [], client, cache }, clips);
    expect(again.problems).toEqual([]);
    expect(again.opened[0]!.server).toBeNull();
    expect(sha256Hex(again.opened[0]!.bytes)).toBe(sha256Hex(CLIP));
    expect(asked).toEqual(['orthanc']);
  });

  it('a case naming a server the user did not configure: no request, a message naming the address', async () => {
    // The case says the open Orthanc; the user configured only the other one (basic auth, another port).
    const plan = saveAndReopen(caseWithPacsClip(orthanc.state.open.dicomweb));
    const asked: string[] = [];
    const r = await reopenPacsClips({ servers: [{ id: 'locked', name: 'Locked', baseUrl: orthanc.state.auth.dicomweb }], client: (s) => (asked.push(s.id), connect({ name: s.name, baseUrl: s.baseUrl, auth: { kind: 'none' } }, null)) }, pacsClipsOf(plan, () => false));
    expect(asked).toEqual([]);
    expect(r.opened).toEqual([]);
    expect(r.problems[0]!.error.code).toBe('pacs/unknown-server');
    expect(r.problems[0]!.error.title).toContain(orthanc.state.open.dicomweb);
  });

  it('a PACS copy that is not the clip the case was planned on is not used', async () => {
    const plan = caseWithPacsClip(orthanc.state.open.dicomweb);
    const changed = { ...plan, clips: [{ ...plan.clips[0]!, sha256: sha256Hex(new Uint8Array([1, 2, 3])) }] };
    const r = await reopenPacsClips({ servers: [server()], client: (s) => connect({ name: s.name, baseUrl: s.baseUrl, auth: { kind: 'none' } }, null) }, pacsClipsOf(changed, () => false));
    expect(r.opened).toEqual([]);
    expect(r.problems[0]!.error.code).toBe('pacs/clip-changed');
    expect(r.problems[0]!.error.title).toContain('Test Orthanc');
  });
});

describe('the CLI opening such a case (openCase)', () => {
  it('names the PACS the missing clip came from and how to fetch it', async () => {
    const plan = caseWithPacsClip('https://pacs.example.org/dicom-web');
    const files = {
      read: async (p: string) => (p === '/cases/a.bpcase' ? ok(new TextEncoder().encode(serializeCase(plan))) : err(appError('file/not-found', 'not found'))),
      resolve: (_casePath: string, rel: string) => rel,
    };
    const r = await openCase('/cases/a.bpcase', files);
    if (!r.ok) throw new Error(r.error.title);
    const e = r.value.problems[0]!.error;
    expect(e.code).toBe('clip/missing');
    expect(e.title).toContain('https://pacs.example.org/dicom-web');
    expect(e.action).toContain(`blockplan pacs get --url https://pacs.example.org/dicom-web --study ${plan.clips[0]!.studyInstanceUid}`);
  });
});

function clipRecordUid(): string {
  const f = clipFacts(CLIP, 'celiac-plexus.dcm');
  if (!f.ok) throw new Error(f.error.title);
  return f.value.sopInstanceUid!;
}
