/**
 * Issue 12 item 13: shell.openExternal only for the https links the app shows (template sources),
 * right after a user gesture the main process saw; anything else is refused.
 */
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../../core/blocks/index';
import { EXTERNAL_LINKS, externalUrlToOpen, GESTURE_WINDOW_MS, GestureClock } from '../../../electron/main/external';

const source = Object.values(SOURCES).flatMap((s) => s.urls).find((u) => u.startsWith('https://'))!;
const httpSource = Object.values(SOURCES).flatMap((s) => s.urls).find((u) => u.startsWith('http://'))!;

function clock() {
  let t = 10_000;
  const c = new GestureClock(() => t);
  return { c, advance: (ms: number) => (t += ms) };
}

describe('external links', () => {
  it('the allow-list is exactly the https template sources', () => {
    const https = new Set(Object.values(SOURCES).flatMap((s) => s.urls).filter((u) => u.startsWith('https://')).map((u) => new URL(u).href));
    expect(EXTERNAL_LINKS).toEqual(https);
    expect(EXTERNAL_LINKS.size).toBeGreaterThan(10);
  });

  it('a template source opens only right after a click or key press', () => {
    const { c, advance } = clock();
    expect(externalUrlToOpen(source, c)).toBeNull(); // no gesture yet: a script's window.open
    c.input('mouseMove');
    expect(externalUrlToOpen(source, c)).toBeNull();
    c.input('mouseUp');
    expect(externalUrlToOpen(source, c)).toBe(new URL(source).href);
    advance(GESTURE_WINDOW_MS + 1);
    expect(externalUrlToOpen(source, c)).toBeNull();
    c.input('keyDown');
    expect(externalUrlToOpen(source, c)).toBe(new URL(source).href);
  });

  it('anything else is refused, even right after a gesture', () => {
    const { c } = clock();
    c.input('mouseDown');
    for (const url of [
      httpSource, // shown by the app, but not https
      'https://evil.example/',
      `${source}?x=1`,
      source.replace('https://', 'https://user:pw@'),
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
    ]) {
      expect(externalUrlToOpen(url, c), url).toBeNull();
    }
  });
});
