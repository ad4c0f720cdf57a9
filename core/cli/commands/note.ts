/**
 * `blockplan note CASE --format pdf|md|html|sr|fhir --out FILE [--confirm-side left|right|bilateral|n/a]`
 *
 * Writes the procedure note of a case (.bpcase, or a .bpcasez bundle) in one format, with the same
 * core code the app uses (core/notes). The clips are read beside the case (or from the bundle) for
 * key images, planned measurements (calibration) and the DICOM identity the SR links to.
 *
 * Stop Before You Block: without --confirm-side, or when the side does not match the case, nothing
 * is written and the command exits 1 with the reason.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import dicomParser from 'dicom-parser';
import { decodeFrame, openDicom, toRgba, type DicomImage } from '../../dicom/index';
import { writeFileAtomic } from '../../node/atomic';
import { nodePdfFontLoader } from '../../node/fonts';
import { confirmForExport } from '../../notes/document';
import { exportNote, isNoteFormat, NOTE_FORMATS, type NoteFormat } from '../../notes/export/index';
import { renderKeyImage, type KeyImage } from '../../notes/keyimages';
import { caseNoteDocument, keyImageRequests, lateralityOf } from '../../notes/prefill';
import { checkSide, parseConfirmSide } from '../../notes/sbyb';
import type { SourceInstance } from '../../notes/document';
import { measureClip, parseCase, readBundle, type Case, type ClipMeasurements } from '../../plan/index';
import { createNodeCodecs } from '../node-codecs';
import { UsageError, type CliCommand, type CliIO } from '../types';
import { oneLine } from './inspect';

const usage = `usage: blockplan note CASE --format pdf|md|html|sr|fhir --out FILE [--confirm-side left|right|bilateral|n/a]

Writes the procedure note of CASE (.bpcase or .bpcasez).
  --format F          pdf, md (Markdown), html (self-contained), sr (DICOM Comprehensive SR), fhir (R4 Bundle JSON)
  --out FILE          output file (written atomically)
  --confirm-side S    Stop Before You Block: the side you have checked against the consent and the site
                      mark (left, right, bilateral or n/a for midline blocks). Required; a side that does
                      not match the case stops the export.
  --confirmed-by NAME who confirmed the side (recorded in the note)
  --generated-at ISO  export time to record (default: now), e.g. 2025-03-01T15:00:00Z
Exit status: 0 written, 1 the case or a clip could not be read or the side check failed, 2 usage error.`;

const APP = { name: 'BlockPlan', version: '0.1.0' };

interface Args {
  casePath: string;
  format: NoteFormat;
  out: string;
  side?: string;
  confirmedBy?: string;
  generatedAt?: string;
}

function parseArgs(args: string[]): Args {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  const names = ['--format', '--out', '--confirm-side', '--confirmed-by', '--generated-at'];
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
  return { casePath: positional[0]!, format, out: opts['--out'], side: opts['--confirm-side'], confirmedBy: opts['--confirmed-by'], generatedAt: opts['--generated-at'] };
}

/** "+01:00" for a date in this process's time zone. */
function utcOffset(at: Date): string {
  const m = -at.getTimezoneOffset();
  const s = m >= 0 ? '+' : '-';
  const a = Math.abs(m);
  return `${s}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Laterality (0020,0060) or Image Laterality (0020,0062) of a DICOM file, when present. */
function readLaterality(bytes: Uint8Array): string | undefined {
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
    return ds.string('x00200062')?.trim() || ds.string('x00200060')?.trim() || undefined;
  } catch {
    return undefined;
  }
}

interface LoadedCase {
  plan: Case;
  clipBytes: Map<string, Uint8Array>;
}

async function loadCase(path: string, display: string): Promise<{ ok: true; value: LoadedCase } | { ok: false; reason: string }> {
  let bytes: Uint8Array;
  try {
    const b = await readFile(path);
    bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { ok: false, reason: code === 'ENOENT' ? 'file not found; check the path' : code === 'EACCES' ? 'permission denied' : `cannot read the file (${code ?? String(e)})` };
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) {
    const r = readBundle(bytes, display);
    if (!r.ok) return { ok: false, reason: oneLine(`${r.error.title}${r.error.action ? ` ${r.error.action}` : ''}`) };
    return { ok: true, value: { plan: r.value.plan, clipBytes: r.value.clipBytes } };
  }
  const r = parseCase(new TextDecoder().decode(bytes), display);
  if (!r.ok) return { ok: false, reason: oneLine(`${r.error.title}${r.error.action ? ` ${r.error.action}` : ''}`) };
  const plan = r.value.plan;
  const clipBytes = new Map<string, Uint8Array>();
  const base = dirname(path);
  for (const clip of plan.clips) {
    const clipPath = isAbsolute(clip.path) ? clip.path : resolve(base, clip.path);
    try {
      const b = await readFile(clipPath);
      clipBytes.set(clip.id, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    } catch {
      return { ok: false, reason: `clip '${clip.displayName}' not found at ${clip.path} (relative to the case); put the clip beside the case or export a .bpcasez bundle` };
    }
  }
  return { ok: true, value: { plan, clipBytes } };
}

export const note: CliCommand = {
  summary: 'Write the procedure note of a case (PDF, Markdown, HTML, DICOM SR, FHIR)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const a = parseArgs(args);
    const casePath = resolve(io.cwd, a.casePath);
    const loaded = await loadCase(casePath, a.casePath);
    if (!loaded.ok) {
      io.err(`error: ${a.casePath}: ${loaded.reason}`);
      return 1;
    }
    const { plan, clipBytes } = loaded.value;

    // Clips: identity, calibration, laterality.
    const images = new Map<string, DicomImage>();
    const sources: SourceInstance[] = [];
    const laterality = new Map<string, string | undefined>();
    for (const clip of plan.clips) {
      const bytes = clipBytes.get(clip.id)!;
      const opened = openDicom(bytes, { fileName: clip.displayName });
      if (!opened.ok) {
        io.err(`error: ${a.casePath}: clip '${clip.displayName}': ${oneLine(opened.error.message)}`);
        return 1;
      }
      const img = opened.value;
      images.set(clip.id, img);
      laterality.set(clip.id, readLaterality(bytes));
      const m = img.meta;
      sources.push({
        clipId: clip.id,
        label: clip.displayName,
        sopClassUid: m.sopClassUid,
        sopInstanceUid: m.sopInstanceUid ?? clip.sopInstanceUid ?? undefined,
        studyInstanceUid: m.studyInstanceUid ?? clip.studyInstanceUid ?? undefined,
        seriesInstanceUid: m.seriesInstanceUid ?? clip.seriesInstanceUid ?? undefined,
        studyDate: m.studyDate,
        studyDescription: m.studyDescription,
        patient: { name: m.patient.name, id: m.patient.id, birthDate: m.patient.birthDate, sex: m.patient.sex },
        frames: img.frameCount,
      });
    }

    // Stop Before You Block comes first: nothing is decoded or written for an unconfirmed side.
    const generatedAt = a.generatedAt ? new Date(a.generatedAt).toISOString().replace('.000Z', 'Z') : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const lat = lateralityOf(plan, laterality);
    const precheck = checkSide(parseConfirmSide(a.side), lat, { confirmedAt: generatedAt });
    if (!precheck.ok) {
      io.err(`error: ${a.casePath}: ${precheck.error.title} ${precheck.error.action ?? ''}`.trimEnd());
      return 1;
    }

    const measurements: ClipMeasurements[] = plan.clips.map((c) => measureClip(plan, c.id, images.get(c.id)!.calibration));
    const codecs = createNodeCodecs();
    const keyImages: KeyImage[] = [];
    for (const req of keyImageRequests(plan, measurements)) {
      const img = images.get(req.clipId);
      if (!img) continue;
      const frame = await decodeFrame(img, req.frameIndex, codecs);
      if (!frame.ok) {
        io.err(`error: ${a.casePath}: clip '${req.clipId}' frame ${req.frameIndex}: ${oneLine(frame.error.message)}`);
        return 1;
      }
      const rgba = toRgba(frame.value);
      keyImages.push(renderKeyImage({ width: frame.value.width, height: frame.value.height, data: rgba }, req.shapes, req.caption, { clipId: req.clipId, frameIndex: req.frameIndex }));
    }

    const built = caseNoteDocument({ plan, measurements, keyImages, sources, generatedAt, app: APP });
    if (!built.ok) {
      io.err(`error: ${a.casePath}: ${built.error.title} ${oneLine(built.error.detail ?? '')}`.trimEnd());
      return 1;
    }
    const confirmed = confirmForExport(built.value, parseConfirmSide(a.side), lat, { confirmedAt: generatedAt, confirmedBy: a.confirmedBy });
    if (!confirmed.ok) {
      io.err(`error: ${a.casePath}: ${confirmed.error.title} ${confirmed.error.action ?? ''}`.trimEnd());
      return 1;
    }
    const performed = confirmed.value.note.performedAt;
    const exported = await exportNote(confirmed.value, a.format, { localUtcOffset: utcOffset(performed ? new Date(performed) : new Date(generatedAt)), fonts: nodePdfFontLoader });
    if (!exported.ok) {
      io.err(`error: ${a.casePath}: ${exported.error.title} ${exported.error.action ?? ''}`.trimEnd());
      return 1;
    }
    const outPath = resolve(io.cwd, a.out);
    const data = exported.value.kind === 'text' ? exported.value.text : exported.value.bytes;
    const w = await writeFileAtomic(outPath, data);
    if (!w.ok) {
      io.err(`error: ${a.out}: ${w.error.title} ${w.error.action ?? ''}`.trimEnd());
      return 1;
    }
    const warnings = confirmed.value.dose.messages.filter((m) => m.level === 'over' || m.level === 'caution' || m.level === 'error');
    for (const m of warnings) io.err(`warning: ${a.casePath}: dose: ${m.text}`);
    io.out(`${a.casePath}: wrote ${NOTE_FORMATS[a.format].label} to ${a.out} (side confirmed: ${confirmed.value.note.sideConfirmation.confirmedSide}; ${keyImages.length} key image(s))`);
    return 0;
  },
};
