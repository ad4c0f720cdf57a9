/**
 * `blockplan note CASE --format pdf|md|html|sr|fhir --out FILE --confirm-side left|right|bilateral|n/a`
 *
 * A thin adapter over core/app `exportNote` — the workflow the app's Export dialog calls: the case and
 * its clips are opened (core/app `openCase`), the side stated with --confirm-side is checked against
 * every source of laterality, key images are drawn with the Node codecs, and the format is written
 * atomically. A refusal prints the workflow's message (the same words the app shows) and writes nothing.
 */
import { resolve } from 'node:path';
import { codecFrameDecoder, exportNote, fixedClock, openCase, systemClock } from '../../app/index';
import { writeFileAtomic } from '../../node/atomic';
import { nodePdfFontLoader } from '../../node/fonts';
import { isNoteFormat, NOTE_FORMATS, type NoteFormat } from '../../notes/export/index';
import { parseConfirmSide } from '../../notes/sbyb';
import { APP_INFO } from '../app-info';
import { createNodeCodecs } from '../node-codecs';
import { nodeFileBytes } from '../file-bytes';
import { UsageError, type CliCommand, type CliIO } from '../types';
import { oneLine } from './inspect';

const usage = `usage: blockplan note CASE --format pdf|md|html|sr|fhir --out FILE --confirm-side left|right|bilateral|n/a

Writes the procedure note of CASE (.bpcase or .bpcasez), with the same workflow as the app.
  --format F          pdf, md (Markdown), html (self-contained), sr (DICOM Comprehensive SR), fhir (R4 Bundle JSON)
  --out FILE          output file (written atomically)
  --confirm-side S    the side you state at export, checked against the consent and the site mark
                      (left, right, bilateral or n/a for midline blocks). Required. It is compared with
                      the plan, the note, annotation labels, clip names and the clips' DICOM laterality;
                      any disagreement stops the export. This export check is not the Stop moment
                      before needle insertion: record that in the note.
  --confirmed-by NAME who stated the side (recorded as the export check)
  --generated-at ISO  export time to record (default: now), e.g. 2025-03-01T15:00:00Z
  --sr-identity clips with --format sr, when the identity typed in the note differs from the clips'
                      patient: write the SR with the clips' patient and study (where an SR belongs).
                      Without it such an export stops and says which attributes differ.
Exit status: 0 written, 1 the case, a clip or a check stopped the export (nothing written), 2 usage error.`;

interface Args {
  casePath: string;
  format: NoteFormat;
  out: string;
  side?: string;
  confirmedBy?: string;
  generatedAt?: string;
  srIdentity?: 'clips';
}

function parseArgs(args: string[]): Args {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  const names = ['--format', '--out', '--confirm-side', '--confirmed-by', '--generated-at', '--sr-identity'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (names.includes(name)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      opts[name] = v;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? 'no CASE given' : 'give exactly one CASE');
  const format = opts['--format'];
  if (!format) throw new UsageError('--format is required');
  if (!isNoteFormat(format)) throw new UsageError(`--format must be one of ${Object.keys(NOTE_FORMATS).join(', ')}, got '${format}'`);
  if (!opts['--out']) throw new UsageError('--out FILE is required');
  if (opts['--confirm-side'] !== undefined && parseConfirmSide(opts['--confirm-side']) === undefined) {
    throw new UsageError(`--confirm-side must be left, right, bilateral or n/a, got '${opts['--confirm-side']}'`);
  }
  if (opts['--generated-at'] !== undefined && Number.isNaN(new Date(opts['--generated-at']).getTime())) {
    throw new UsageError(`--generated-at must be an ISO date-time, got '${opts['--generated-at']}'`);
  }
  if (opts['--sr-identity'] !== undefined && opts['--sr-identity'] !== 'clips') throw new UsageError(`--sr-identity must be 'clips', got '${opts['--sr-identity']}'`);
  return {
    casePath: positional[0]!,
    format,
    out: opts['--out'],
    side: opts['--confirm-side'],
    confirmedBy: opts['--confirmed-by'],
    generatedAt: opts['--generated-at'],
    ...(opts['--sr-identity'] ? { srIdentity: 'clips' as const } : {}),
  };
}

const line = (e: { title: string; action?: string }) => oneLine(`${e.title}${e.action ? ` ${e.action}` : ''}`);

export const note: CliCommand = {
  summary: 'Write the procedure note of a case (PDF, Markdown, HTML, DICOM SR, FHIR)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const a = parseArgs(args);
    const opened = await openCase(resolve(io.cwd, a.casePath), nodeFileBytes, { name: a.casePath });
    if (!opened.ok) {
      io.err(`error: ${a.casePath}: ${line(opened.error)}`);
      return 1;
    }
    for (const p of opened.value.problems) io.err(`error: ${p.location}: ${line(p.error)}`);
    const codecs = createNodeCodecs();
    const exported = await exportNote(
      opened.value,
      { formats: [a.format], confirmSide: parseConfirmSide(a.side), confirmedBy: a.confirmedBy, srIdentity: a.srIdentity },
      {
        frames: codecFrameDecoder(new Map(opened.value.clips.map((c) => [c.clip.id, c.image])), codecs),
        clock: a.generatedAt ? fixedClock(a.generatedAt) : systemClock,
        app: APP_INFO,
        // Copied into a Uint8Array of this realm (a Node Buffer is not one under jsdom, where the parity test runs).
        pdfFonts: async (f) => new Uint8Array(await nodePdfFontLoader(f)),
      },
    );
    if (!exported.ok) {
      io.err(`error: ${a.casePath}: ${line(exported.error)}`);
      return 1;
    }
    const file = exported.value.files[0]!;
    if ('error' in file) {
      io.err(`error: ${a.casePath}: ${line(file.error)}`);
      return 1;
    }
    const w = await writeFileAtomic(resolve(io.cwd, a.out), file.bytes);
    if (!w.ok) {
      io.err(`error: ${a.out}: ${line(w.error)}`);
      return 1;
    }
    for (const m of exported.value.warnings) io.err(`warning: ${a.casePath}: ${m}`);
    const doc = exported.value.document;
    io.out(`${a.casePath}: wrote ${NOTE_FORMATS[a.format].label} to ${a.out} (side stated at export: ${doc.note.sideConfirmation.confirmedSide}; ${doc.keyImages.length} key image(s))`);
    return 0;
  },
};
