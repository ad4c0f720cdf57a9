/**
 * `blockplan publish CASE --out DIR`: a folder any static web server can serve — the built
 * browser-mode app (dist/renderer) plus the case as a de-identified teaching bundle
 * (core/app/teachingBundle.ts: clips de-identified, burned-in text masked, PHI check) at
 * DIR/teaching/case.bpcasez, opened by DIR/teach.html. Nothing is written unless the PHI check passed.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_FILES_MANIFEST, publishTeachingCase, type PublishSitePort } from '../../app/publish';
import type { MaskMode } from '../../deid/pixels';
import { readBundle } from '../../plan/bundle';
import { readCaseFile, resolveClipPath } from '../../node/case-file';
import { createNodeCodecs } from '../node-codecs';
import { createNodeOcr } from '../ocr-node';
import { appError, err, ok } from '../../result';
import { UsageError, type CliCommand, type CliIO } from '../types';

const usage = `usage: blockplan publish CASE --out DIR [--mask auto|outside-regions|none] [--objective TEXT]…

Writes DIR: the browser-mode app (from dist/renderer: run \`npm run build:renderer\` first) and the
case (.bpcase with its clips, or .bpcasez) as a de-identified teaching bundle, DIR/teaching/case.bpcasez.
Open DIR/teach.html from any static web server (e.g. \`blockplan serve DIR\`). The clips are
de-identified (PS3.15 Basic Profile, burned-in text masked) and the PHI check runs over the case and
every clip; a hit stops the publish and names it.
Exit status: 0 written, 1 the case could not be read or the PHI check stopped it, 2 usage error.`;

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
    const dir = resolve(io.cwd, out);
    const ocr = await createNodeOcr();
    try {
      const r = await publishTeachingCase(
        { plan, clipBytes, mask, ...(objectives.length ? { learningObjectives: objectives } : {}) },
        { codecs: createNodeCodecs(), ocr, randomBytes: (n) => new Uint8Array(randomBytes(n)), site: folderSite(dist, dir) },
      );
      if (!r.ok) {
        io.err(`error: ${r.error.title}`);
        if (r.error.detail) io.err(r.error.detail.split('\n').map((l) => `  ${l}`).join('\n'));
        if (r.error.action) io.err(r.error.action);
        return 1;
      }
      io.out(`published ${plan.clips.length} de-identified clip(s) to ${dir}; open teach.html (e.g. blockplan serve ${out})`);
      return 0;
    } finally {
      await ocr.close();
    }
  },
};

/** The site as a folder on disk, the app's files copied from the built renderer `dist`. */
export function folderSite(dist: string, dir: string): PublishSitePort {
  const put = async (rel: string) => {
    const to = join(dir, rel);
    await mkdir(dirname(to), { recursive: true });
    return to;
  };
  return {
    async manifest() {
      try {
        return ok(await readFile(join(dist, APP_FILES_MANIFEST), 'utf8'));
      } catch {
        return err(appError('publish/app-not-built', `The browser app is not built (${join(dist, APP_FILES_MANIFEST)} is missing).`, { action: 'Run `npm run build:renderer` first, then publish again.', file: dist }));
      }
    },
    copyAppFile: async (rel) => copyFile(join(dist, rel), await put(rel)),
    write: async (rel, bytes) => writeFile(await put(rel), bytes),
  };
}
