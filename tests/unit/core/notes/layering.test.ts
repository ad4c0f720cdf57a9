/**
 * core/notes is the note model and its exporters; core/plan's case schema imports NoteSchema from it,
 * so core/notes must import nothing from core/plan or core/app (the case → note mapping lives in
 * core/app/note). This broke once: core/notes/prefill.ts imported core/plan (a package cycle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('core/notes layering', () => {
  it('no file of core/notes imports core/plan or core/app', () => {
    const offenders: string[] = [];
    for (const f of tsFiles(path.join(root, 'core/notes'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
        const target = path.resolve(path.dirname(f), m[1]!);
        const rel = path.relative(path.join(root, 'core'), target).split(path.sep)[0];
        if (m[1]!.startsWith('.') && (rel === 'plan' || rel === 'app')) offenders.push(`${path.relative(root, f)} → ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
