import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, cspString } from '../../../electron/main/csp';

function parse(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

describe('Content-Security-Policy', () => {
  const header = parse(cspString(true));
  const meta = parse(cspString(false));

  it('allows no remote origin in any directive', () => {
    for (const [, sources] of header) {
      for (const s of sources) expect(s).toMatch(/^('self'|'none'|'wasm-unsafe-eval'|blob:|data:)$/);
    }
  });

  it('never allows eval or inline script', () => {
    const script = header.get('script-src')!;
    expect(script).not.toContain("'unsafe-eval'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).toContain("'wasm-unsafe-eval'"); // the bundled WebAssembly decoders
  });

  it('blocks plugins, framing and base/form hijacking', () => {
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('form-action')).toEqual(["'none'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header.get('default-src')).toEqual(["'self'"]);
  });

  it('keeps header-only directives out of the meta tag', () => {
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.size).toBe(Object.keys(CSP_DIRECTIVES).length);
  });
});
