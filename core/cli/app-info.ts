/**
 * Name and version written into exports by the CLI (the SR's equipment, the FHIR bundle): the
 * package's own version, as the desktop app reports it (Electron's app.getVersion and the browser
 * build's __APP_VERSION__ read the same field).
 */
import { createRequire } from 'node:module';

function packageVersion(): string {
  try {
    const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const APP_INFO: { name: string; version: string } = { name: 'BlockPlan', version: packageVersion() };
