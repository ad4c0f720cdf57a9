import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, resolveAppPath } from '../../../electron/main/protocol';

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
