/**
 * Main-process PACS channels (Electron mocked: safeStorage by a reversible stand-in, Chromium's fetch
 * by Node's): settings with encrypted secrets, requests validated before anything is sent, credentials
 * added in main only, bodies read in pieces.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyNodeError } from '../../../core/dicomweb/transport-errors';
import type { FetchLike } from '../../../core/dicomweb/fetch-transport';
import { guard, requestSchemas } from '../../../electron/main/ipc';
import { createPacsHandlers } from '../../../electron/main/pacs';
import { PacsSettings, type SecretCipher } from '../../../electron/main/pacs-settings';
import { startFaultServer, type FaultServer } from '../../support/pacs-fault-server';

const cipher: SecretCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
};
const server = (url: string, auth: { kind: 'none' } | { kind: 'basic'; user: string } = { kind: 'none' }) => ({ id: 'test', name: 'Test PACS', baseUrl: url, auth, timeouts: { responseMs: 5000, idleMs: 5000 }, maxRetrieveMb: 100 });
const trusted = { senderFrame: { url: 'app://blockplan/index.html' } };
const isTrusted = () => true;

let srv: FaultServer;
beforeAll(async () => {
  srv = await startFaultServer();
});
afterAll(async () => srv.close());

describe('PACS settings (main)', () => {
  it('a remembered password is stored encrypted, a session one only in memory; neither is listed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-pacs-settings-'));
    const s = new PacsSettings(dir, cipher);
    let list = await s.save(server('http://127.0.0.1:1/dicom-web', { kind: 'basic', user: 'dr' }), 'S3cret-pw', true);
    expect(list[0]!.secret).toBe('saved');
    expect(JSON.stringify(list)).not.toContain('S3cret-pw');
    const onDisk = readFileSync(path.join(dir, 'pacs-servers.json'), 'utf8');
    expect(onDisk).not.toContain('S3cret-pw');
    expect(await new PacsSettings(dir, cipher).secretOf('test')).toBe('S3cret-pw'); // survives a restart
    list = await s.save(server('http://127.0.0.1:1/dicom-web', { kind: 'basic', user: 'dr' }), 'other-pw', false);
    expect(list[0]!.secret).toBe('session');
    expect(readFileSync(path.join(dir, 'pacs-servers.json'), 'utf8')).not.toContain('other-pw');
    expect(await new PacsSettings(dir, cipher).secretOf('test')).toBeNull(); // gone after a restart
    // Without OS encryption "remember" falls back to memory.
    const plain = new PacsSettings(mkdtempSync(path.join(os.tmpdir(), 'bp-pacs-settings-')), { ...cipher, isEncryptionAvailable: () => false });
    expect((await plain.save(server('http://x.example/dw', { kind: 'basic', user: 'a' }), 'pw', true))[0]!.secret).toBe('session');
  });
});

describe('PACS requests (main)', () => {
  const make = async (auth: { kind: 'none' } | { kind: 'basic'; user: string } = { kind: 'none' }, secret: string | null = null) => {
    const settings = new PacsSettings(mkdtempSync(path.join(os.tmpdir(), 'bp-pacs-')), cipher);
    await settings.save(server(srv.url, auth), secret, false);
    return createPacsHandlers({ settings, fetch: fetch as unknown as FetchLike, classify: classifyNodeError });
  };

  it('refuses anything but a DICOMweb resource of a configured server before sending', async () => {
    const h = await make();
    const g = guard('pacsRequest', h.pacsRequest, isTrusted);
    srv.requests = [];
    const bad = [
      { serverId: 'test', method: 'GET', path: '../../etc/passwd', query: [], accept: 'application/dicom+json', contentType: null, body: null },
      { serverId: 'test', method: 'GET', path: 'studies/1.2.3/../../x', query: [], accept: 'application/dicom+json', contentType: null, body: null },
      { serverId: 'test', method: 'POST', path: 'studies/1.2', query: [], accept: 'application/dicom+json', contentType: null, body: null },
      { serverId: 'test', method: 'GET', path: 'studies', query: [['X-Evil\r\n', 'a']], accept: 'application/dicom+json', contentType: null, body: null },
      { serverId: 'test', method: 'GET', path: 'studies', query: [], accept: 'text/html', contentType: null, body: null },
      { serverId: 'test', method: 'GET', path: 'studies', query: [], accept: 'application/dicom+json', contentType: null, body: null, url: 'http://evil.example/' },
    ];
    for (const b of bad) {
      const r = await g(trusted, b);
      expect(r.ok, JSON.stringify(b)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('ipc/bad-arguments');
    }
    const unknown = await h.pacsRequest({ serverId: 'nope', method: 'GET', path: 'studies', query: [], accept: 'application/dicom+json', contentType: null, body: null });
    expect(!unknown.ok && unknown.error.code).toBe('pacs/transport-refused-by-app');
    expect(srv.requests.length).toBe(0);
    expect(Object.keys(requestSchemas)).toContain('pacsRequest');
  });

  it('adds the credentials in main and hands the body back in pieces until the end', async () => {
    const h = await make({ kind: 'basic', user: 'dr' }, 'pw');
    const body = Buffer.alloc(3 * 1024 * 1024 + 7, 7);
    srv.requests = [];
    srv.handler = (_q, r) => void r.writeHead(200, { 'Content-Type': 'application/dicom+json', 'Content-Length': String(body.length) }).end(body);
    const r = await h.pacsRequest({ serverId: 'test', method: 'GET', path: 'studies', query: [['PatientID', 'X']], accept: 'application/dicom+json', contentType: null, body: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.contentLength).toBe(body.length);
    expect(srv.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('dr:pw').toString('base64')}`);
    expect(srv.requests[0]!.url).toBe('/dicom-web/studies?PatientID=X');
    let n = 0;
    for (;;) {
      const c = await h.pacsRead({ handle: r.value.handle });
      expect(c.ok).toBe(true);
      if (!c.ok || !c.value.chunk) break;
      n += c.value.chunk.length;
    }
    expect(n).toBe(body.length);
    const after = await h.pacsRead({ handle: r.value.handle });
    expect(!after.ok && after.error.code).toBe('pacs/transport-cancelled');
  });

  it('a connection refused comes back as a transport error the renderer can name', async () => {
    const closed = await startFaultServer();
    await closed.close();
    const settings = new PacsSettings(mkdtempSync(path.join(os.tmpdir(), 'bp-pacs-')), cipher);
    await settings.save(server(closed.url), null, false);
    const h = createPacsHandlers({ settings, fetch: fetch as unknown as FetchLike, classify: classifyNodeError });
    const r = await h.pacsRequest({ serverId: 'test', method: 'GET', path: 'studies', query: [], accept: 'application/dicom+json', contentType: null, body: null });
    expect(!r.ok && r.error.code).toBe('pacs/transport-refused');
  });
});
