/**
 * The Content-Security-Policy of the app, shared by the Electron protocol handler, the Vite build
 * (meta tag) and the browser-mode server (header).
 *
 * No remote origins at all. 'wasm-unsafe-eval' is needed to compile the bundled WebAssembly DICOM
 * decoders (@cornerstonejs/codec-*); 'unsafe-eval' is never allowed. Workers and decoded images use
 * blob: URLs created by the app itself.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self' blob: data:",
  'media-src': "'self' blob:",
  'font-src': "'self'",
  'connect-src': "'self' blob: data:",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-src': "'none'",
};

/** Directives only valid in an HTTP header (ignored in a meta tag). */
export const CSP_HEADER_ONLY: Readonly<Record<string, string>> = {
  'frame-ancestors': "'none'",
};

export function cspString(includeHeaderOnly: boolean): string {
  const all = includeHeaderOnly ? { ...CSP_DIRECTIVES, ...CSP_HEADER_ONLY } : CSP_DIRECTIVES;
  return Object.entries(all)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}
