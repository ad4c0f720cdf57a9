/**
 * Fault tests: the DICOMweb client and the retrieve workflow against a local server that misbehaves
 * on purpose. Every failure must come back as a clear message naming the server, and nothing cut
 * off may be handed on as complete.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrieveInstances, type RetrievedInstance } from '../../../../core/app/pacsRetrieve';
import { connect } from '../../../../core/dicomweb/connect';
import { connectNode } from '../../../../core/node/dicomweb-http';
import { CancelSource } from '../../../../core/dicomweb/transport';
import { storeInstances } from '../../../../core/dicomweb/stow';
import { ok } from '../../../../core/result';
import { dicomFixturesDir } from '../../../support/shared';
import { instanceJson, multipartBody, MULTIPART_TYPE, startFaultServer, type FaultServer } from '../../../support/pacs-fault-server';

const FILES = ['dwv/gdcm-US-RGB-8-esopecho.dcm', 'orthanc-tests/US_Philips-HDI5000_JPEGBaseline_YBR422_TS-1.2.840.10008.1.2.4.50.dcm', 'pydicom-data/OBXXXX1A_rle.dcm'].map((f) => new Uint8Array(readFileSync(path.join(dicomFixturesDir(), f))));
const SOPS = FILES.map((b) => dicomParser.parseDicom(b).string('x00080018')!.trim());
const STUDY = '1.2.3.4';
const SERIES = '1.2.3.4.5';
const LISTING = instanceJson(SOPS.map((sop) => ({ study: STUDY, series: SERIES, sop })));

let srv: FaultServer;
const FAST = { timeouts: { responseMs: 600, idleMs: 600 }, backoffMs: [20, 40] };
/** Both transports Node runs: the global fetch (undici, as Electron's net.fetch is a fetch too) and node:http (the CLI, the forwarder). */
const TRANSPORTS = { fetch: connect, 'node:http': connectNode } as const;
let connectWith: typeof connect = connect;
const client = (over: Partial<Parameters<typeof connect>[2]> = {}) => connectWith({ name: 'Test PACS', baseUrl: srv.url, auth: { kind: 'none' } }, null, { ...FAST, ...over });

function sinkOf(list: RetrievedInstance[]) {
  return { put: async (i: RetrievedInstance) => (list.push(i), ok(undefined)) };
}

beforeAll(async () => {
  srv = await startFaultServer();
});
afterAll(async () => srv.close());

describe.each(Object.keys(TRANSPORTS) as (keyof typeof TRANSPORTS)[])('over %s', (name) => {
  beforeAll(() => {
    connectWith = TRANSPORTS[name];
  });

  describe('errors name the server and say what to do', () => {
    const cases: [number, RegExp][] = [
      [401, /asked for a login \(HTTP 401\)/],
      [403, /refused access \(HTTP 403\)/],
      [404, /Not found .* \(HTTP 404\)/],
      [500, /server error \(HTTP 500\)/],
    ];
    for (const [status, re] of cases) {
      it(`HTTP ${status}`, async () => {
        srv.requests = [];
        srv.handler = (_q, r) => void r.writeHead(status, { 'Content-Type': 'text/plain' }).end('no');
        const r = await client().searchStudies({ patientId: 'X' });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.error.title).toMatch(re);
        expect(r.error.title).toContain('“Test PACS”');
        expect(r.error.title).toContain(srv.url);
        expect(r.error.action).toBeTruthy();
        // GET is retried only on 5xx.
        expect(srv.requests.length).toBe(status >= 500 ? 3 : 1);
      });
    }

    it('a 503 that recovers is retried and succeeds', async () => {
      let n = 0;
      srv.handler = (_q, r) => void (n++ < 1 ? r.writeHead(503).end() : r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end('[]'));
      const r = await client().searchStudies({});
      expect(r.ok && r.value.studies).toEqual([]);
      expect(n).toBe(2);
    });

    it('connection refused (nothing listens)', async () => {
      const closed = await startFaultServer();
      const url = closed.url;
      await closed.close();
      const c = connectWith({ name: 'Down PACS', baseUrl: url, auth: { kind: 'none' } }, null, FAST);
      const r = await c.searchStudies({});
      expect(!r.ok && r.error.code).toBe('pacs/refused');
      expect(!r.ok && r.error.title).toContain(`“Down PACS” (${url}) refused the connection`);
    });

    it('no response headers in time (a server that hangs)', async () => {
      srv.handler = () => undefined; // never answers
      const t0 = Date.now();
      const r = await client({ attempts: 1 }).searchStudies({});
      expect(!r.ok && r.error.code).toBe('pacs/timeout');
      expect(!r.ok && r.error.title).toMatch(/did not answer within 1 s while searching for studies/);
      expect(Date.now() - t0).toBeLessThan(3000);
    });

    it('malformed JSON and oversize answers', async () => {
      srv.handler = (_q, r) => void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end('{"half":');
      const bad = await client().searchStudies({});
      expect(!bad.ok && bad.error.code).toBe('pacs/malformed');
      srv.handler = (_q, r) => void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(`[${'{},'.repeat(400)}{}]`);
      const big = await client({ maxJsonBytes: 1000 }).searchStudies({});
      expect(!big.ok && big.error.code).toBe('pacs/too-large');
      expect(!big.ok && big.error.title).toMatch(/larger than the limit/);
    });

    it('a TLS certificate that is not trusted', async () => {
      const tls = await startFaultServer({ tls: true });
      try {
        const c = connectWith({ name: 'TLS PACS', baseUrl: tls.url, auth: { kind: 'none' } }, null, FAST);
        const r = await c.searchStudies({});
        expect(!r.ok && r.error.code).toBe('pacs/tls');
        expect(!r.ok && r.error.title).toMatch(/secure connection to the PACS “TLS PACS”/);
        expect(tls.requests.length).toBe(0); // nothing was sent
      } finally {
        await tls.close();
      }
    });

    it('redirects are not followed', async () => {
      srv.handler = (_q, r) => void r.writeHead(302, { Location: 'http://elsewhere.invalid/' }).end();
      const r = await client().searchStudies({});
      expect(!r.ok && r.error.title).toMatch(/redirects to http:\/\/elsewhere\.invalid/);
    });
  });

  describe('retrieve: nothing cut off is handed on', () => {
    const listing = (q: { url?: string }) => q.url?.includes('/instances?');

    it('a whole series in one streamed request, as stored (transfer-syntax=*)', async () => {
      srv.requests = [];
      srv.handler = (q, r) => {
        if (listing(q)) return void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(LISTING);
        r.writeHead(200, { 'Content-Type': MULTIPART_TYPE() });
        r.end(multipartBody(FILES, 'FAULTB', false));
      };
      const got: RetrievedInstance[] = [];
      const r = await retrieveInstances({ client: client(), sink: sinkOf(got) }, { target: { studyUid: STUDY } });
      expect(r.ok && r.value.complete).toBe(true);
      expect(got.map((g) => g.sopInstanceUid)).toEqual(SOPS);
      got.forEach((g, i) => expect(Buffer.from(g.bytes).equals(Buffer.from(FILES[i]!))).toBe(true));
      const wado = srv.requests.filter((x) => !listing(x));
      expect(wado.map((x) => x.url)).toEqual([`/dicom-web/studies/${STUDY}/series/${SERIES}`]);
      expect(wado[0]!.headers.accept).toBe('multipart/related; type="application/dicom"; transfer-syntax=*');
    });

    it('one series: the listing and the retrieve go out together; a listing that finds nothing cancels the retrieve', async () => {
      const seen: string[] = [];
      let empty = false;
      srv.handler = (q, r) => {
        if (listing(q)) {
          seen.push('listing asked');
          // The listing answers late: the retrieve must not wait for it to start.
          return void setTimeout(() => {
            seen.push('listing answered');
            r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(empty ? '[]' : LISTING);
          }, 300);
        }
        seen.push('retrieve asked');
        r.writeHead(200, { 'Content-Type': MULTIPART_TYPE() });
        r.end(multipartBody(FILES, 'FAULTB', false));
      };
      const got: RetrievedInstance[] = [];
      const r = await retrieveInstances({ client: client({ timeouts: { responseMs: 5000, idleMs: 5000 } }), sink: sinkOf(got) }, { target: { studyUid: STUDY, seriesUid: SERIES } });
      expect(r.ok && r.value.complete).toBe(true);
      expect(got.map((g) => g.sopInstanceUid)).toEqual(SOPS);
      expect(seen.indexOf('retrieve asked')).toBeLessThan(seen.indexOf('listing answered'));

      empty = true;
      seen.length = 0;
      const none: RetrievedInstance[] = [];
      const r2 = await retrieveInstances({ client: client({ timeouts: { responseMs: 5000, idleMs: 5000 } }), sink: sinkOf(none) }, { target: { studyUid: STUDY, seriesUid: SERIES } });
      expect(!r2.ok && r2.error.code).toBe('pacs/nothing');
      expect(none).toEqual([]);
    });

    it('a response cut off in the middle: complete instances kept, the rest fetched one by one', async () => {
      srv.requests = [];
      srv.handler = (q, r) => {
        if (listing(q)) return void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(LISTING);
        const inst = /instances\/([\d.]+)$/.exec(q.url ?? '')?.[1];
        if (inst) return void r.writeHead(200, { 'Content-Type': MULTIPART_TYPE() }).end(multipartBody([FILES[SOPS.indexOf(inst)]!]));
        const body = multipartBody(FILES);
        r.writeHead(200, { 'Content-Type': MULTIPART_TYPE(), 'Content-Length': String(body.length) });
        // The first instance and half of the second, then the connection drops.
        r.write(body.subarray(0, FILES[0]!.length + 200 + FILES[1]!.length / 2));
        setTimeout(() => r.socket?.destroy(), 50);
      };
      const got: RetrievedInstance[] = [];
      const r = await retrieveInstances({ client: client(), sink: sinkOf(got) }, { target: { studyUid: STUDY } });
      expect(r.ok && r.value.complete).toBe(true);
      expect(new Set(got.map((g) => g.sopInstanceUid))).toEqual(new Set(SOPS));
      for (const g of got) expect(Buffer.from(g.bytes).equals(Buffer.from(FILES[SOPS.indexOf(g.sopInstanceUid)]!))).toBe(true);
      expect(srv.requests.filter((x) => /instances\/[\d.]+$/.test(x.url)).length).toBe(2);
    });

    it('malformed multipart, a stalled server, a truncated part: reported per instance, never delivered', async () => {
      const modes = ['malformed', 'stall', 'truncate', 'too-large'] as const;
      for (const mode of modes) {
        srv.handler = (q, r) => {
          if (listing(q)) return void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(LISTING);
          if (mode === 'malformed') return void r.writeHead(200, { 'Content-Type': MULTIPART_TYPE() }).end('--FAULTB\r\nContent-Type: text/html\r\n\r\n<html>login</html>\r\n--FAULTB--');
          if (mode === 'too-large') return void r.writeHead(200, { 'Content-Type': MULTIPART_TYPE(), 'Content-Length': String(10 * 1024 ** 3) }).end();
          const body = multipartBody([FILES[0]!]);
          r.writeHead(200, { 'Content-Type': MULTIPART_TYPE() });
          r.write(body.subarray(0, body.length - 400));
          if (mode === 'truncate') r.end();
          // stall: keep the connection open, send nothing more
        };
        const got: RetrievedInstance[] = [];
        const r = await retrieveInstances({ client: client({ attempts: 1, maxRetrieveBytes: 1024 ** 3 }), sink: sinkOf(got) }, { target: { studyUid: STUDY } });
        expect(r.ok, mode).toBe(true);
        if (!r.ok) continue;
        expect(r.value.complete, mode).toBe(false);
        expect(got.length, mode).toBe(0);
        expect(r.value.missing.length, mode).toBe(3);
        const e = r.value.missing[0]!.error;
        const expected = { malformed: /malformed/, stall: /did not answer|no data/, truncate: /only part of the data|malformed/, 'too-large': /larger than the limit/ }[mode];
        expect(`${e.title} ${e.detail ?? ''}`, mode).toMatch(expected);
        expect(e.title, mode).toContain('Test PACS');
      }
    });

    it('cancel stops a slow retrieve at once and keeps nothing half-read', async () => {
      srv.handler = (q, r) => {
        if (listing(q)) return void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(LISTING);
        r.writeHead(200, { 'Content-Type': MULTIPART_TYPE() });
        r.write(multipartBody([FILES[0]!]).subarray(0, 1000)); // then nothing (a slow server)
      };
      const cs = new CancelSource();
      const got: RetrievedInstance[] = [];
      setTimeout(() => cs.cancel(), 150);
      const t0 = Date.now();
      const r = await retrieveInstances({ client: client({ timeouts: { responseMs: 10_000, idleMs: 10_000 } }), sink: sinkOf(got) }, { target: { studyUid: STUDY }, signal: cs.signal });
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(r.ok && r.value.complete).toBe(false);
      expect(r.ok && r.value.missing[0]!.error.code).toBe('pacs/cancelled');
      expect(got.length).toBe(0);
    });
  });

  describe('store', () => {
    const item = (i: number) => ({ label: `object ${i}`, bytes: FILES[i]!, sopInstanceUid: SOPS[i]!, sopClassUid: '1.2.840.10008.5.1.4.1.1.7' });

    it('per-instance status from a 409 answer, and the multipart body carries the objects', async () => {
      srv.requests = [];
      srv.handler = (_q, r) =>
        void r.writeHead(409, { 'Content-Type': 'application/dicom+json' }).end(
          JSON.stringify({
            '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: [SOPS[0]] } }] },
            '00081198': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: [SOPS[1]] }, '00081197': { vr: 'US', Value: [0xa900] } }] },
          }),
        );
      const r = await storeInstances(client(), STUDY, [item(0), item(1), item(2)]);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.map((x) => x.status)).toEqual(['stored', 'failed', 'unconfirmed']);
      expect(r.value[1]!.message).toMatch(/does not match its SOP Class \(0xA900\)/);
      const req = srv.requests[0]!;
      expect(req.method).toBe('POST');
      expect(req.url).toBe(`/dicom-web/studies/${STUDY}`);
      expect(req.body.includes(Buffer.from(FILES[2]!))).toBe(true);
    });

    it('a store is not repeated after a 500 (the server may have stored part of it), but is after 503', async () => {
      srv.requests = [];
      srv.handler = (_q, r) => void r.writeHead(500).end();
      const r = await storeInstances(client(), STUDY, [item(0)]);
      expect(!r.ok && r.error.title).toMatch(/“Test PACS”.*server error \(HTTP 500\) while storing object 0/);
      expect(srv.requests.length).toBe(1);
      srv.requests = [];
      srv.handler = (_q, r) => void r.writeHead(503).end();
      await storeInstances(client(), STUDY, [item(0)]);
      expect(srv.requests.length).toBe(3);
    });
  });
});
