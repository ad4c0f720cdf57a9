/** Runs a Debian tool; a missing tool fails the test loudly (the CI script installs them). */
import { execFileSync, spawnSync } from 'node:child_process';

export function run(tool: string, args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: install it (apt-get install ${tool.startsWith('pdf') ? 'poppler-utils' : tool === 'dciodvfy' ? 'dicom3tools' : 'dcmtk'}) to run this test`);
  }
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

export function pdfText(file: string): string {
  return run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout;
}

/** dciodvfy prints to stderr; returns the lines that start with "Error". */
export function dciodvfyErrors(file: string): { errors: string[]; all: string } {
  const r = run('dciodvfy', [file]);
  const all = `${r.stdout}\n${r.stderr}`;
  return { errors: all.split('\n').filter((l) => /^Error/.test(l)), all };
}

export const normalise = (s: string) => s.replace(/\s+/g, ' ');
export { execFileSync };
