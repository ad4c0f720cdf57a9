/** Content types of the files the app serves (app:// protocol, browser-mode server, dev server). Imports nothing. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.glb': 'model/gltf-binary',
  '.dcm': 'application/dicom',
  '.bpcase': 'application/json',
  '.woff2': 'font/woff2',
};

export function mimeFor(file: string): string {
  return MIME[(/\.[^./\\]+$/.exec(file)?.[0] ?? '').toLowerCase()] ?? 'application/octet-stream';
}
