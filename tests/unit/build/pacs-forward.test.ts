/** Browser mode's PACS forwarder (scripts/pacs-forward.ts inside scripts/serve.ts): never an open proxy. */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../scripts/serve';
import { startFaultServer, type FaultServer } from '../../support/pacs-fault-server';

let pacs: FaultServer;
let web: { server: Server; url: string };
const H = { 'X-BlockPlan-Pacs': '1' };

beforeAll(async () => {
  pacs = await startFaultServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-fwd-'));
  web = await startServer({ rendererRoot: dir, assetsRoot: dir, port: 0 });
});
afterAll(async () => {
  await pacs.close();
  await new Promise<void>((r) => web.server.close(() => r()));
});

const server = (baseUrl: string) => ({ id: 'orthanc', name: 'Test PACS', baseUrl, auth: { kind: 'basic', user: 'dr' }, timeouts: { responseMs: 5000, idleMs: 5000 }, maxRetrieveMb: 10 });

describe('PACS forwarder', () => {
  it('refuses requests without the header, from another origin, for unknown servers or resources', async () => {
    pacs.requests = [];
    expect((await fetch(`${web.url}pacs/servers`)).status).toBe(403);
    expect((await fetch(`${web.url}pacs/servers`, { headers: { ...H, Origin: 'http://evil.example' } })).status).toBe(403);
    const put = await fetch(`${web.url}pacs/servers`, { method: 'PUT', headers: { ...H, 'Content-Type': 'application/json' }, body: JSON.stringify({ server: server(pacs.url), secret: 'pw', remember: false }) });
    expect(put.status).toBe(200);
    const listed = await put.json();
    expect(listed[0].secret).toBe('session');
    expect(JSON.stringify(listed)).not.toContain('"pw"');
    for (const p of ['pacs/forward/other/studies', 'pacs/forward/orthanc/system', 'pacs/forward/orthanc/studies/..%2F..%2Fsystem', 'pacs/forward/orthanc/studies/abc']) {
      const r = await fetch(`${web.url}${p}`, { headers: { ...H, Accept: 'application/dicom+json' } });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.headers.get('x-blockplan-pacs-error'), p).toBe('refused-by-app');
    }
    const absolute = await fetch(`${web.url}pacs/forward/orthanc/http://evil.example/studies`, { headers: { ...H, Accept: 'application/dicom+json' } });
    expect(absolute.status).toBe(400);
    expect(pacs.requests.length).toBe(0);
  });

  it('forwards a DICOMweb request to the configured server with its credentials, and streams the answer back', async () => {
    pacs.requests = [];
    pacs.handler = (_q, r) => void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end('[]');
    const r = await fetch(`${web.url}pacs/forward/orthanc/studies?PatientID=X&limit=5`, { headers: { ...H, Accept: 'application/dicom+json' } });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('[]');
    expect(pacs.requests[0]!.url).toBe('/dicom-web/studies?PatientID=X&limit=5');
    expect(pacs.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('dr:pw').toString('base64')}`);
  });

  it('reports a failure below HTTP with its kind', async () => {
    const closed = await startFaultServer();
    await closed.close();
    await fetch(`${web.url}pacs/servers`, { method: 'PUT', headers: { ...H, 'Content-Type': 'application/json' }, body: JSON.stringify({ server: { ...server(closed.url), id: 'down' }, secret: null, remember: false }) });
    const r = await fetch(`${web.url}pacs/forward/down/studies`, { headers: { ...H, Accept: 'application/dicom+json' } });
    expect(r.status).toBe(502);
    expect(r.headers.get('x-blockplan-pacs-error')).toBe('refused');
  });
});
