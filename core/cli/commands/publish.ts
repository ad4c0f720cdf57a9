/**
 * `blockplan publish CASE --out DIR`: a folder any static web server can serve — the built
 * browser-mode app (dist/renderer) plus the case as a de-identified teaching bundle
 * (core/app/teachingBundle.ts: clips de-identified, burned-in text masked, PHI check) at
 * DIR/teaching/case.bpcasez, opened by DIR/teach.html. Nothing is written unless the PHI check passed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTeachingBundle } from '../../app/teachingBundle';
import type { MaskMode } from '../../deid/pixels';
import { readBundle } from '../../plan/bundle';
import { readCaseFile, resolveClipPath } from '../../node/case-file';
import { createNodeCodecs } from '../node-codecs';
import { createNodeOcr } from '../ocr-node';
import { UsageError, type CliCommand, type CliIO } from '../types';

const usage = `usage: blockplan publish CASE --out DIR [--mask auto|outside-regions|none] [--objective TEXT]…

Writes DIR: the browser-mode app (from dist/renderer: run \`npm run build:renderer\` first) and the
case (.bpcase with its clips, or .bpcasez) as a de-identified teaching bundle, DIR/teaching/case.bpcasez.
Open DIR/teach.html from any static web server (e.g. \`blockplan serve DIR\`). The clips are
de-identified (PS3.15 Basic Profile, burned-in text masked) and the PHI check runs over the case and
every clip; a hit stops the publish and names it.
Exit status: 0 written, 1 the case could not be read or the PHI check stopped it, 2 usage error.`;

/**
 * The page that opens the teaching case: a plain redirect (no script, so any CSP allows it). It names
 * the app's icon so the browser does not ask a static server for a /favicon.ico it lacks (a 404).
 */
export const TEACH_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>BlockPlan teaching case</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<meta http-equiv="refresh" content="0; url=index.html?teaching=teaching/case.bpcasez"></head>
<body><p><a href="index.html?teaching=teaching/case.bpcasez">Open the teaching case</a></p></body></html>
`;

/** The built renderer (dist/renderer beside core/). */
export function rendererDist(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/renderer');
}

export const publish: CliCommand = {
  summary: 'Publish a case as a de-identified teaching case in a static web folder',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    let out = '';
    let mask: MaskMode = 'auto';
    const objectives: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--out') out = args[++i] ?? '';
      else if (a === '--mask') {
        const m = args[++i];
        if (m !== 'auto' && m !== 'outside-regions' && m !== 'none') throw new UsageError(`--mask must be auto, outside-regions or none (got '${m}')`);
        mask = m;
      } else if (a === '--objective') objectives.push(args[++i] ?? '');
      else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
      else files.push(a);
    }
    if (files.length !== 1) throw new UsageError('give exactly one CASE');
    if (!out) throw new UsageError('--out DIR is required');
    const dist = rendererDist();
    if (!existsSync(join(dist, 'index.html'))) {
      io.err(`error: the browser app is not built (${dist}/index.html missing): run \`npm run build:renderer\` first`);
      return 1;
    }
    const casePath = resolve(io.cwd, files[0]!);
    let plan;
    const clipBytes = new Map<string, Uint8Array>();
    if (casePath.toLowerCase().endsWith('.bpcasez')) {
      const b = readBundle(new Uint8Array(await readFile(casePath)), casePath);
      if (!b.ok) return (io.err(`error: ${files[0]}: ${b.error.title}`), 1);
      plan = b.value.plan;
      for (const [k, v] of b.value.clipBytes) clipBytes.set(k, v);
    } else {
      const c = await readCaseFile(casePath);
      if (!c.ok) return (io.err(`error: ${files[0]}: ${c.error.title}`), 1);
      plan = c.value.plan;
      for (const clip of plan.clips) {
        try {
          clipBytes.set(clip.id, new Uint8Array(await readFile(resolveClipPath(casePath, clip))));
        } catch {
          io.err(`error: ${files[0]}: the clip ${clip.displayName} (${clip.path}) could not be read`);
          return 1;
        }
      }
    }
    const ocr = await createNodeOcr();
    try {
      const r = await buildTeachingBundle(
        { plan, clipBytes, mask, ...(objectives.length ? { learningObjectives: objectives } : {}) },
        { codecs: createNodeCodecs(), ocr, randomBytes: (n) => new Uint8Array(randomBytes(n)) },
      );
      if (!r.ok) {
        io.err(`error: ${r.error.title}`);
        if (r.error.detail) io.err(r.error.detail.split('\n').map((l) => `  ${l}`).join('\n'));
        if (r.error.action) io.err(r.error.action);
        return 1;
      }
      const dir = resolve(io.cwd, out);
      await mkdir(join(dir, 'teaching'), { recursive: true });
      await cp(dist, dir, { recursive: true });
      await writeFile(join(dir, 'teaching/case.bpcasez'), r.value.bytes);
      await writeFile(join(dir, 'teach.html'), TEACH_HTML);
      io.out(`published ${plan.clips.length} de-identified clip(s) to ${dir}; open teach.html (e.g. blockplan serve ${out})`);
      return 0;
    } finally {
      await ocr.close();
    }
  },
};
