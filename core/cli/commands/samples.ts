/**
 * `blockplan samples [--json]`: the sample cases bundled with BlockPlan (the registry in
 * core/samples/index.ts; files in assets/samples), with absolute paths. The folder is found relative
 * to this file, not the working directory.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { getBlockTemplate } from '../../blocks/index';
import { readCaseFile, resolveClipPath } from '../../node/index';
import { SAMPLE_IDS, SAMPLES_FOLDER, sampleCaseFile } from '../../samples/index';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan samples [--json]

Lists the sample cases bundled with BlockPlan, with absolute paths (open one in the app, or pass it
to \`blockplan measure\`).
  --json   print one JSON array with an object per case
Exit status: 0 all listed, 1 a sample case could not be read, 2 usage error.`;

/** Absolute path of the bundled samples folder (assets/samples beside core/). */
export function samplesDir(): string {
  return fileURLToPath(new URL(`../../../${SAMPLES_FOLDER}/`, import.meta.url));
}

export interface SampleRecord {
  /** Absolute path of the .bpcase file. */
  path: string;
  id: string;
  title: string;
  blockTemplateId: string | null;
  blockName: string | null;
  /** Absolute paths of the case's clips. */
  clips: string[];
}

export const samples: CliCommand = {
  summary: 'List the bundled sample cases (absolute paths)',
  usage,
  async run(args, io) {
    let json = false;
    for (const a of args) {
      if (a === '--json') json = true;
      else throw new UsageError(`unexpected argument '${a}'`);
    }
    const dir = samplesDir();
    const records: SampleRecord[] = [];
    let failed = 0;
    for (const id of SAMPLE_IDS) {
      const path = join(dir, sampleCaseFile(id));
      const r = await readCaseFile(path);
      if (!r.ok) {
        io.err(`error: ${path}: ${r.error.title}`);
        failed++;
        continue;
      }
      const p = r.value.plan;
      const t = p.block.templateId ? getBlockTemplate(p.block.templateId) : undefined;
      records.push({ path, id: p.id, title: p.title, blockTemplateId: p.block.templateId, blockName: t?.name ?? null, clips: p.clips.map((c) => resolveClipPath(path, c)) });
    }
    if (json) io.out(JSON.stringify(records, null, 2));
    else if (records.length === 0) io.out(`no sample cases in ${dir}`);
    else for (const r of records) io.out(`${r.blockName ?? r.blockTemplateId ?? '(no block)'}\n  ${r.title}\n  ${r.path}`);
    return failed ? 1 : 0;
  },
};
