import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';
import { cspString } from './csp';
import { mimeFor } from './mime';

export { mimeFor };


/**
 * Map an app:// URL to a file inside one of the allowed roots, or null.
 * `roots` maps a first path segment to a directory, with '' for the renderer build; e.g.
 * app://blockplan/assets/anatomy/x.glb → <assetsRoot>/anatomy/x.glb when roots['assets'] is set.
 * Rejects other hosts, encoded traversal, absolute paths and anything resolving outside its root.
 */
export function resolveAppPath(url: string, roots: Readonly<Record<string, string>>): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  rel = rel.replace(/^\/+/, '');
  if (rel.split('/').some((seg) => seg === '..' || seg === '.')) return null;
  if (rel === '') rel = 'index.html';
  const first = rel.split('/')[0]!;
  // Own properties only: `first in roots` also sees Object.prototype (`constructor`, `__proto__`, `toString`).
  const named = first !== '' && Object.hasOwn(roots, first) ? roots[first] : undefined;
  const [root, inner] = typeof named === 'string' ? [named, rel.slice(first.length + 1)] : [Object.hasOwn(roots, '') ? roots[''] : undefined, rel];
  if (typeof root !== 'string' || root === '') return null;
  const resolved = path.resolve(root, inner);
  const rootResolved = path.resolve(root);
  if (resolved !== rootResolved && !resolved.startsWith(rootResolved + path.sep)) return null;
  return resolved;
}

/**
 * The app:// request handler: the file the URL names inside `roots`, fetched with `fetchFile`
 * (Electron's net.fetch of a file: URL), else 404. Never throws: whatever a URL contains, the
 * answer is a Response.
 */
export function createAppProtocolHandler(
  roots: Readonly<Record<string, string>>,
  fetchFile: (file: string) => Promise<Response>,
): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    try {
      const file = resolveAppPath(request.url, roots);
      if (!file) return new Response('Not found', { status: 404 });
      const res = await fetchFile(file);
      if (!res.ok) return new Response('Not found', { status: 404 });
      return new Response(res.body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}

/** Response headers for every app:// response. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeFor(file),
    'Content-Security-Policy': cspString(true),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
