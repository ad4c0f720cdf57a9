/**
 * A small DICOMweb server on 127.0.0.1 that misbehaves on purpose (status codes, stalls, cut-off
 * bodies, malformed multipart, oversize answers, self-signed TLS), for the PACS fault tests.
 * Each test sets `handler`; requests are recorded in `requests`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export interface FaultServer {
  url: string;
  handler: Handler;
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[];
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 made with openssl (fails loudly when openssl is missing). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blockplan-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'k.pem')), cert: readFileSync(path.join(dir, 'c.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startFaultServer(opts: { tls?: boolean } = {}): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const state: FaultServer = {
    url: '',
    handler: (_q, r) => void r.writeHead(404).end(),
    requests: [],
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      void Promise.resolve(state.handler(req, res, body)).catch(() => res.destroy());
    });
  };
  const server: Server = opts.tls ? createTlsServer(selfSigned(), onRequest) : createServer(onRequest);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
  return state;
}

/** A multipart/related body of DICOM parts, with part Content-Length headers (as Orthanc sends). */
export function multipartBody(parts: readonly Uint8Array[], boundary = 'FAULTB', withLength = true): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    out.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n${withLength ? `Content-Length: ${p.length}\r\n` : ''}\r\n`));
    out.push(Buffer.from(p));
    out.push(Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(out);
}

export const MULTIPART_TYPE = (boundary = 'FAULTB') => `multipart/related; type="application/dicom"; boundary=${boundary}`;

/** DICOM JSON for an instance listing. */
export function instanceJson(list: { study: string; series: string; sop: string; frames?: number }[]): string {
  return JSON.stringify(
    list.map((i) => ({
      '0020000D': { vr: 'UI', Value: [i.study] },
      '0020000E': { vr: 'UI', Value: [i.series] },
      '00080018': { vr: 'UI', Value: [i.sop] },
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.6.1'] },
      '00080060': { vr: 'CS', Value: ['US'] },
      '00280008': { vr: 'IS', Value: [i.frames ?? 1] },
    })),
  );
}
