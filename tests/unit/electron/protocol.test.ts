import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, createAppProtocolHandler, resolveAppPath } from '../../../electron/main/protocol';

const roots = { '': '/opt/bp/dist/renderer', assets: '/opt/bp/assets' };

describe('app:// protocol path resolution', () => {
  it('serves files inside the renderer build and the assets folder', () => {
    expect(resolveAppPath('app://blockplan/', roots)).toBe(path.resolve('/opt/bp/dist/renderer/index.html'));
    expect(resolveAppPath('app://blockplan/static/index-1.js', roots)).toBe(path.resolve('/opt/bp/dist/renderer/static/index-1.js'));
    expect(resolveAppPath('app://blockplan/assets/anatomy/thorax.glb', roots)).toBe(path.resolve('/opt/bp/assets/anatomy/thorax.glb'));
  });

  it('rejects traversal, encoded traversal, other hosts and schemes', () => {
    // The URL parser folds plain '..' away; whatever remains must stay inside the root.
    expect(resolveAppPath('app://blockplan/../../etc/passwd', roots)).toBe(path.resolve('/opt/bp/dist/renderer/etc/passwd'));
    expect(resolveAppPath('app://blockplan/%2e%2e/%2e%2e/etc/passwd', roots)).toBe(path.resolve('/opt/bp/dist/renderer/etc/passwd'));
    expect(resolveAppPath('app://blockplan/assets/%2e%2e/%2e%2e/secret', roots)).toBe(path.resolve('/opt/bp/dist/renderer/secret'));
    // Encoded slashes survive URL parsing and decode to real '..' segments: refused.
    expect(resolveAppPath('app://blockplan/static/..%2f..%2f..%2fetc%2fpasswd', roots)).toBeNull();
    expect(resolveAppPath('app://blockplan/assets/..%2F..%2Fsecret', roots)).toBeNull();
    expect(resolveAppPath('app://blockplan/static%5c..%5c..%5csecret', roots)).toBeNull();
    expect(resolveAppPath('app://blockplan/a%00b', roots)).toBeNull();
    expect(resolveAppPath('app://other/index.html', roots)).toBeNull();
    expect(resolveAppPath('file:///etc/passwd', roots)).toBeNull();
    expect(resolveAppPath('app://blockplan/%E0%A4%A', roots)).toBeNull();
  });

  it('sends the CSP and nosniff with every response', () => {
    const h = appResponseHeaders('/x/index.html');
    expect(h['Content-Security-Policy']).toContain("default-src 'self'");
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Content-Type']).toMatch(/text\/html/);
    expect(appResponseHeaders('/x/a.wasm')['Content-Type']).toBe('application/wasm');
  });
});

describe('app:// handler and Object.prototype names (issue 12 item 12)', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

  it('resolves prototype names as ordinary paths inside the renderer build, never as roots', () => {
    for (const n of names) {
      expect(resolveAppPath(`app://blockplan/${n}`, roots)).toBe(path.resolve(`/opt/bp/dist/renderer/${n}`));
      expect(resolveAppPath(`app://blockplan/${n}/x.js`, roots)).toBe(path.resolve(`/opt/bp/dist/renderer/${n}/x.js`));
    }
    // No '' root and a prototype name: nothing to serve, and no throw.
    expect(resolveAppPath('app://blockplan/constructor/x', { assets: '/opt/bp/assets' })).toBeNull();
  });

  it('answers 404 (never throws) for them, and serves a real file with the CSP', async () => {
    const fetched: string[] = [];
    const handler = createAppProtocolHandler(roots, async (file) => {
      fetched.push(file);
      return file.endsWith('index.html') ? new Response('<html></html>') : new Response('no', { status: 404 });
    });
    for (const n of names) {
      const res = await handler({ url: `app://blockplan/${n}/x` });
      expect(res.status, n).toBe(404);
    }
    const ok = await handler({ url: 'app://blockplan/' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    // A fetch that throws is a 404 too.
    const throwing = createAppProtocolHandler(roots, async () => {
      throw new Error('boom');
    });
    expect((await throwing({ url: 'app://blockplan/index.html' })).status).toBe(404);
    expect(fetched.every((f) => f.startsWith(path.resolve('/opt/bp/dist/renderer')))).toBe(true);
  });
});
