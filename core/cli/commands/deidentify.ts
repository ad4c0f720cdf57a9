/**
 * `blockplan deidentify FILE… --out DIR`: a thin adapter over core/app/deidentify.ts. Reads the
 * files, supplies the Node ports (codecs, tesseract.js OCR, crypto random bytes, atomic writes) and
 * prints per file what was removed, replaced and masked. Exit 1 with the PHI check's finding when an
 * output still holds an identifying value.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { deidentify, type DeidentifyFileReport } from '../../app/deidentify';
import { DEID_KEY_BYTES } from '../../deid/keyed';
import type { MaskMode } from '../../deid/pixels';
import type { DeidOptions } from '../../deid/profile';
import { loadJpegLsEncoder } from '../jpegls-node';
import { createNodeCodecs } from '../node-codecs';
import { createNodeOcr } from '../ocr-node';
import { UsageError, type CliCommand, type CliIO } from '../types';

const usage = `usage: blockplan deidentify FILE… --out DIR [--mask auto|outside-regions|none]
                             [--options LIST] [--key-file FILE] [--json] [--show-text]

De-identifies DICOM clips per DICOM PS3.15 Annex E (Basic Application Level Confidentiality Profile)
and masks burned-in text, then checks every output for the identifying values of the originals
(header bytes and OCR of the output frames) before writing it. Outputs: DIR/deid-001.dcm, … (names
never come from the files). All files of one call share one key: UIDs stay consistent (one study
stays one study) and dates shift alike.
  --out DIR          output folder (created when missing)
  --mask MODE        auto (default): detected text, padded; outside-regions: everything outside the
                     ultrasound regions plus text found inside them; none: pixels unchanged
  --options LIST     comma-separated PS3.15 options, default none:
                     modified-dates (Retain Longitudinal Temporal Information with Modified Dates),
                     clean-descriptors (Clean Descriptors), device-identity (Retain Device Identity)
  --lossless CODEC   rle (default) or jpeg-ls: how masked frames are re-encoded (both lossless;
                     JPEG-LS is smaller on speckle)
  --key-file FILE    the 32-byte key in hex; created when missing. Keep it (privately) to de-identify
                     more clips of the same patients consistently later. Default: a new key each run.
  --json             the report as JSON (found words omitted unless --show-text)
  --show-text        also print the words OCR found (they may be identifying: not for logs)
Exit status: 0 all written, 1 a file failed or the PHI check stopped the export, 2 usage error.`;

const OPTION_NAMES: Record<string, keyof DeidOptions> = {
  'modified-dates': 'retainLongitudinalModifiedDates',
  'clean-descriptors': 'cleanDescriptors',
  'device-identity': 'retainDeviceIdentity',
};

export interface DeidentifyArgs {
  files: string[];
  out: string;
  mask: MaskMode;
  options: Partial<DeidOptions>;
  keyFile?: string;
  lossless: 'rle' | 'jpeg-ls';
  json: boolean;
  showText: boolean;
}

export function parseDeidentifyArgs(args: string[]): DeidentifyArgs {
  const a: DeidentifyArgs = { files: [], out: '', mask: 'auto', options: {}, lossless: 'rle', json: false, showText: false };
  const value = (i: number, name: string) => {
    const v = args[i];
    if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const next = () => inline ?? value(++i, flag);
    if (flag === '--out') a.out = next();
    else if (flag === '--mask') {
      const m = next();
      if (m !== 'auto' && m !== 'outside-regions' && m !== 'none') throw new UsageError(`--mask must be auto, outside-regions or none (got '${m}')`);
      a.mask = m;
    } else if (flag === '--options') {
      for (const o of next().split(',').map((s) => s.trim()).filter(Boolean)) {
        const k = OPTION_NAMES[o];
        if (!k) throw new UsageError(`unknown option '${o}' (known: ${Object.keys(OPTION_NAMES).join(', ')})`);
        a.options[k] = true;
      }
    } else if (flag === '--key-file') a.keyFile = next();
    else if (flag === '--lossless') {
      const c = next();
      if (c !== 'rle' && c !== 'jpeg-ls') throw new UsageError(`--lossless must be rle or jpeg-ls (got '${c}')`);
      a.lossless = c;
    }
    else if (flag === '--json') a.json = true;
    else if (flag === '--show-text') a.showText = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else a.files.push(arg);
  }
  if (a.files.length === 0) throw new UsageError('no FILE given');
  if (!a.out) throw new UsageError('--out DIR is required');
  return a;
}

async function loadKey(path: string): Promise<Uint8Array> {
  if (!existsSync(path)) {
    const key = new Uint8Array(randomBytes(DEID_KEY_BYTES));
    await writeFile(path, Buffer.from(key).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  }
  const hex = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${path}: a key file holds 64 hexadecimal digits (32 bytes)`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

function summary(f: DeidentifyFileReport, showText: boolean): string {
  const c = f.counts;
  const lines = [
    `${f.input} → ${f.output}`,
    `  header: ${c.removed} removed, ${c.emptied} emptied, ${c.dummy} replaced by dummies, ${c.uids} UIDs replaced, ${c.cleaned} cleaned, ${c.private} private removed${c.kept ? `, ${c.kept} kept by an option` : ''}`,
    `  new SOP Instance UID ${f.sopInstanceUid}${f.dateShiftDays !== undefined ? `; dates shifted by ${f.dateShiftDays} days` : ''}`,
    `  burned-in text: ${f.text.words.length} word(s) read on ${f.text.ocrFrames.length} frame(s) by OCR${f.text.ocrCapped ? ' (OCR frame cap reached)' : ''}`,
    f.masks.length
      ? `  masked ${f.masks.length} rectangle(s) on every frame: ${f.masks.map((r) => `${r.x0},${r.y0}–${r.x1},${r.y1}`).join('; ')}; re-encoded losslessly (${f.transferSyntaxUid === '1.2.840.10008.1.2.5' ? 'RLE' : 'JPEG-LS'}); Burned In Annotation NO`
      : `  pixels unchanged${f.burnedInAnnotation === 'YES' ? '; Burned In Annotation YES (text remains)' : ''}`,
  ];
  if (showText && f.text.words.length) {
    const uniq = [...new Set(f.text.words.map((w) => w.text))];
    lines.push(`  words: ${uniq.join(' ')}`);
  }
  return lines.join('\n');
}

export const deidentifyCommand: CliCommand = {
  summary: 'De-identify DICOM clips (PS3.15 Annex E header, burned-in text masked, PHI check)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const a = parseDeidentifyArgs(args);
    const outDir = resolve(io.cwd, a.out);
    const files = [];
    for (const f of a.files) {
      try {
        files.push({ name: basename(f), bytes: new Uint8Array(await readFile(resolve(io.cwd, f))) });
      } catch (e) {
        io.err(`error: ${f}: cannot read (${e instanceof Error ? e.message : String(e)})`);
        return 1;
      }
    }
    const key = a.keyFile ? await loadKey(resolve(io.cwd, a.keyFile)) : undefined;
    await mkdir(outDir, { recursive: true });
    const ocr = await createNodeOcr();
    try {
      const r = await deidentify(
        { files, mask: a.mask, options: a.options, ...(key ? { key } : {}) },
        {
          codecs: createNodeCodecs(),
          ocr,
          ...(a.lossless === 'jpeg-ls' ? { encoder: await loadJpegLsEncoder() } : {}),
          randomBytes: (n) => new Uint8Array(randomBytes(n)),
          write: async (name, bytes) => {
            const tmp = join(outDir, `.${name}.partial`);
            await writeFile(tmp, bytes);
            await rename(tmp, join(outDir, name));
          },
        },
      );
      if (!r.ok) {
        io.err(`error: ${r.error.title}`);
        if (r.error.detail) io.err(r.error.detail.split('\n').map((l) => `  ${l}`).join('\n'));
        if (r.error.action) io.err(r.error.action);
        if (r.error.written.length) io.err(`already written (they passed the check): ${r.error.written.join(', ')}`);
        if (a.json) io.out(JSON.stringify({ ok: false, error: { code: r.error.code, title: r.error.title, hits: r.error.hits, written: r.error.written } }, null, 2));
        return 1;
      }
      if (a.json) {
        const files = r.value.files.map((f) => ({ ...f, text: { ...f.text, words: a.showText ? f.text.words.map((w) => ({ frame: w.frame, text: w.text, confidence: w.confidence, rect: w.rect })) : undefined, wordCount: f.text.words.length } }));
        io.out(JSON.stringify({ ok: true, options: r.value.options, outDir, files }, null, 2));
      } else {
        for (const f of r.value.files) io.out(summary(f, a.showText));
        io.out(`PHI check passed for ${r.value.files.length} file(s); written to ${outDir}`);
      }
      return 0;
    } finally {
      await ocr.close();
    }
  },
};
