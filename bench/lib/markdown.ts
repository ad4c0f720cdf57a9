/** Replace (or append) one `## Title` section of docs/BENCHMARKS.md with a benchmark's results. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeBenchmarkSection(root: string, title: string, md: string): string {
  const doc = path.join(root, 'docs/BENCHMARKS.md');
  const text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(`\n## ${title}\n`);
  let next: string;
  if (start >= 0) {
    const rest = text.slice(start + 1);
    const end = rest.indexOf('\n## ', 1);
    next = text.slice(0, start + 1) + md + (end >= 0 ? rest.slice(end) : '');
  } else {
    next = text.replace(/\s*$/, '\n\n') + md;
  }
  writeFileSync(doc, next);
  return doc;
}
