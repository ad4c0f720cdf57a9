/**
 * `blockplan inspect FILE… [--json]`: what BlockPlan reads from each DICOM file (no pixel decoding).
 * Patient name, ID and birth date are never printed.
 */
import { openDicom, type DicomImage, type UltrasoundRegion } from '../../dicom/index';
import { MAX_INPUT_BYTES, readRegularFile } from '../../node/read';
import type { AppError } from '../../result';
import { UsageError, type CliCommand, type CliIO } from '../types';

const usage = `usage: blockplan inspect FILE… [--json]

Reads each DICOM file's header (no pixel decoding) and prints its transfer syntax, size, frames,
colour model, frame timing and ultrasound calibration regions.
  --json   print one JSON array with an object per file
Exit status: 0 every file read, 1 any file failed (one "error: <file>: <reason>" line each), 2 usage error.
Anything read leniently (a damaged length, a non-conformant encoding, an assumed frame rate) is
reported on stderr as one "warning: <file>: <what>" line each.`;

/** The JSON object printed per file (keys as documented in the issue and docs/DICOM.md). */
export interface InspectRecord {
  file: string;
  ok: boolean;
  error?: string;
  sopClassUid?: string | null;
  modality?: string | null;
  transferSyntaxUid?: string | null;
  rows?: number | null;
  columns?: number | null;
  frames?: number | null;
  samplesPerPixel?: number | null;
  photometricInterpretation?: string | null;
  bitsAllocated?: number | null;
  bitsStored?: number | null;
  planarConfiguration?: number | null;
  frameTimeMs?: number | null;
  frameTimeVectorMs?: number[] | null;
  frameRateSource?: string | null;
  /** The Sequence of Ultrasound Regions as stored (core/dicom/calibration.ts), absent reference pixels as null. */
  regions?: (Omit<UltrasoundRegion, 'index' | 'referencePixelX0' | 'referencePixelY0'> & { referencePixelX0: number | null; referencePixelY0: number | null })[];
}

export function inspectRecord(file: string, img: DicomImage): InspectRecord {
  const m = img.meta;
  return {
    file,
    ok: true,
    sopClassUid: m.sopClassUid ?? null,
    modality: m.modality ?? null,
    transferSyntaxUid: m.transferSyntaxUid,
    rows: m.rows,
    columns: m.columns,
    frames: m.frames,
    samplesPerPixel: m.samplesPerPixel,
    photometricInterpretation: m.photometricInterpretation,
    bitsAllocated: m.bitsAllocated,
    bitsStored: m.bitsStored,
    planarConfiguration: m.planarConfiguration ?? null,
    frameTimeMs: m.frameTimeMs ?? null,
    frameTimeVectorMs: m.frameTimeVectorMs ?? null,
    frameRateSource: m.frameRateSource,
    regions: m.regions.map((r) => ({
      x0: r.x0,
      y0: r.y0,
      x1: r.x1,
      y1: r.y1,
      spatialFormat: r.spatialFormat,
      dataType: r.dataType,
      unitsX: r.unitsX,
      unitsY: r.unitsY,
      deltaX: r.deltaX,
      deltaY: r.deltaY,
      referencePixelX0: r.referencePixelX0 ?? null,
      referencePixelY0: r.referencePixelY0 ?? null,
    })),
  };
}

/**
 * Read a file for a CLI command: bytes, or a one-line reason. Through core/node `readRegularFile`:
 * a device (/dev/zero), a FIFO or a folder is refused at once, and nothing over MAX_INPUT_BYTES is read.
 */
export async function readInput(path: string, maxBytes: number = MAX_INPUT_BYTES): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  const r = await readRegularFile(path, { maxBytes });
  if (r.ok) return { ok: true, bytes: r.value };
  return { ok: false, reason: readReason(r.error) };
}

/** The one-line reason the CLI prints for a file that could not be read. */
export function readReason(e: AppError): string {
  switch (e.code) {
    case 'file/not-found':
      return 'no such file';
    case 'file/no-permission':
      return 'permission denied';
    case 'file/not-a-file':
      return e.title.replace(/:.*$/, '').replace(/\.$/, '').replace(/^This /, '').replace(/, not a file$/, ', not a regular file');
    default:
      return oneLine(e.title.charAt(0).toLowerCase() + e.title.slice(1).replace(/\.$/, ''));
  }
}

const UNITS: Record<number, string> = { 0: 'none', 1: '%', 2: 'dB', 3: 'cm', 4: 's', 5: 'Hz', 6: 'dB/s', 7: 'cm/s', 8: 'cm²', 9: 'cm²/s', 10: 'cm³', 11: 'cm³/s', 12: 'deg' };

function table(records: InspectRecord[]): string {
  const lines: string[] = [];
  for (const r of records) {
    if (!r.ok) continue;
    lines.push(r.file);
    lines.push(`  modality ${r.modality ?? '-'}   transfer syntax ${r.transferSyntaxUid}`);
    lines.push(
      `  ${r.columns} × ${r.rows} px, ${r.frames} frame(s), ${r.photometricInterpretation}, ${r.samplesPerPixel} sample(s) × ${r.bitsStored}/${r.bitsAllocated} bits` +
        (r.planarConfiguration !== null ? `, planar ${r.planarConfiguration}` : ''),
    );
    const timing =
      r.frameTimeMs !== null
        ? `frame time ${r.frameTimeMs} ms`
        : r.frameTimeVectorMs
          ? `frame time vector (${r.frameTimeVectorMs.length} values, ms)`
          : 'no frame time';
    lines.push(`  timing: ${timing}; rate from ${r.frameRateSource}`);
    if (!r.regions?.length) lines.push('  ultrasound regions: none');
    r.regions?.forEach((g, i) => {
      lines.push(
        `  region ${i + 1}: (${g.x0},${g.y0})–(${g.x1},${g.y1}) px, format ${g.spatialFormat}, data type ${g.dataType}, ` +
          `Δx ${g.deltaX} ${UNITS[g.unitsX] ?? `unit ${g.unitsX}`}/px, Δy ${g.deltaY} ${UNITS[g.unitsY] ?? `unit ${g.unitsY}`}/px`,
      );
    });
  }
  return lines.join('\n');
}

export const inspect: CliCommand = {
  summary: 'Print what BlockPlan reads from DICOM files (size, frames, syntax, timing, calibration regions)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    let json = false;
    const files: string[] = [];
    for (const a of args) {
      if (a === '--json') json = true;
      else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
      else files.push(a);
    }
    if (files.length === 0) throw new UsageError('no FILE given');
    const records: InspectRecord[] = [];
    let failed = 0;
    for (const file of files) {
      const input = await readInput(file);
      let rec: InspectRecord;
      if (!input.ok) rec = { file, ok: false, error: input.reason };
      else {
        const r = openDicom(input.bytes);
        rec = r.ok ? inspectRecord(file, r.value) : { file, ok: false, error: r.error.message };
        if (r.ok) reportWarnings(io, file, r.value);
      }
      if (!rec.ok) {
        failed++;
        io.err(`error: ${file}: ${oneLine(rec.error!)}`);
      }
      records.push(rec);
    }
    if (json) io.out(JSON.stringify(records, null, 2));
    else {
      const t = table(records);
      if (t) io.out(t);
    }
    return failed > 0 ? 1 : 0;
  },
};

/** What openDicom read leniently, one `warning: <file>: …` line each on stderr: never silently. */
export function reportWarnings(io: CliIO, file: string, img: DicomImage): void {
  for (const w of img.warnings) io.err(`warning: ${file}: ${oneLine(w)}`);
}

export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
