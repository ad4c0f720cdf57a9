/**
 * `blockplan pacs search|get|store`: DICOMweb with the same core workflows the app uses
 * (core/app/pacsSearch, pacsRetrieve; core/dicomweb storeInstances), over Node's fetch.
 *
 * Patient names and IDs are hidden unless --show-patient is given (as in the app); passwords and
 * tokens are read from an environment variable, never from the command line.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { checkInstance, describeRetrieve, retrieveInstances } from '../../app/pacsRetrieve';
import { searchStudies, studyImages, type SearchForm } from '../../app/pacsSearch';
import { writeEncapsulatedPdf } from '../../dicom/write/encapsulated-pdf';
import { writeSecondaryCapture } from '../../dicom/write/secondary-capture';
import { studyIdentityOf } from '../../dicom/write/study-identity';
import { BaseUrlSchema, type PacsAuth } from '../../dicomweb/server';
import { storeInstances, type StoreItem } from '../../dicomweb/stow';
import type { DicomWebClient } from '../../dicomweb/client';
import { writeFileAtomic } from '../../node/atomic';
import { connectNode } from '../../node/dicomweb-http';
import { ok } from '../../result';
import { UsageError, type CliCommand, type CliIO } from '../types';
import { oneLine } from './inspect';

const usage = `usage: blockplan pacs search --url URL [auth] [filters] [--json] [--show-patient]
       blockplan pacs get    --url URL [auth] --study UID [--series UID] --out DIR [--all-modalities]
       blockplan pacs store  --url URL [auth] [--like CLIP.dcm] FILE…

Talks DICOMweb to the PACS at URL (its DICOMweb root, e.g. https://pacs.example.org/dicom-web).
auth:   --user NAME --password-env VAR   HTTP basic; the password is read from the environment variable VAR
        --token-env VAR                  bearer token read from VAR
        --timeout S                      seconds to wait for an answer and between pieces of it (default 30)
search: --patient-name TEXT (prefix; * and ? allowed) --patient-id ID --from YYYY-MM-DD --to YYYY-MM-DD
        --accession N --modality US (default; "any" for every modality) --limit N (default 25) --offset N
        --counts   also count each study's ultrasound instances and frames
        --json     one JSON array; patient fields only with --show-patient
get:    retrieves the study's ultrasound images (every modality with --all-modalities) into DIR as
        <SOP Instance UID>.dcm, each written only once complete and checked (atomic write)
store:  stores DICOM files into their study (STOW-RS); with --like CLIP.dcm, .pdf files are wrapped as
        Encapsulated PDF and .png files as Secondary Capture into the study of CLIP.dcm
Exit status: 0 done, 1 the server or a file failed (each reason printed), 2 usage error.`;

interface Args {
  sub: 'search' | 'get' | 'store';
  url: string;
  auth: PacsAuth;
  secret: string | null;
  timeoutS: number;
  opts: Record<string, string>;
  flags: Set<string>;
  files: string[];
}

const VALUED = ['--url', '--user', '--password-env', '--token-env', '--timeout', '--patient-name', '--patient-id', '--from', '--to', '--accession', '--modality', '--limit', '--offset', '--study', '--series', '--out', '--like', '--name'];
const FLAGS = ['--json', '--show-patient', '--counts', '--all-modalities'];

function parseArgs(args: string[]): Args {
  const [sub, ...rest] = args;
  if (sub !== 'search' && sub !== 'get' && sub !== 'store') throw new UsageError(sub ? `unknown pacs command '${sub}'` : 'give search, get or store');
  const opts: Record<string, string> = {};
  const flags = new Set<string>();
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (VALUED.includes(name)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      opts[name] = v;
    } else if (FLAGS.includes(a)) flags.add(a);
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else files.push(a);
  }
  if (!opts['--url']) throw new UsageError('--url URL is required');
  const url = BaseUrlSchema.safeParse(opts['--url']);
  if (!url.success) throw new UsageError(`--url ${url.error.issues[0]?.message ?? 'is not valid'}`);
  let auth: PacsAuth = { kind: 'none' };
  let secret: string | null = null;
  if (opts['--user']) {
    const env = opts['--password-env'];
    if (!env) throw new UsageError('--user needs --password-env VAR (the password is never given on the command line)');
    secret = process.env[env] ?? null;
    if (secret === null) throw new UsageError(`the environment variable ${env} (--password-env) is not set`);
    auth = { kind: 'basic', user: opts['--user'] };
  } else if (opts['--token-env']) {
    secret = process.env[opts['--token-env']] ?? null;
    if (!secret) throw new UsageError(`the environment variable ${opts['--token-env']} (--token-env) is not set`);
    auth = { kind: 'bearer' };
  } else if (opts['--password-env']) throw new UsageError('--password-env needs --user NAME');
  const timeoutS = opts['--timeout'] ? Number(opts['--timeout']) : 30;
  if (!Number.isFinite(timeoutS) || timeoutS < 1 || timeoutS > 600) throw new UsageError('--timeout must be 1 to 600 seconds');
  if (sub === 'get' && (!opts['--study'] || !opts['--out'])) throw new UsageError('get needs --study UID and --out DIR');
  if (sub === 'store' && files.length === 0) throw new UsageError('store needs at least one FILE');
  if (sub !== 'store' && files.length) throw new UsageError(`unexpected argument '${files[0]}'`);
  return { sub, url: url.data, auth, secret, timeoutS, opts, flags, files };
}

const fmtDate = (da: string) => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da || '—');

async function search(c: DicomWebClient, a: Args, io: CliIO): Promise<number> {
  const num = (k: string) => (a.opts[k] === undefined ? undefined : Number(a.opts[k]));
  const form: SearchForm = {
    patientName: a.opts['--patient-name'],
    patientId: a.opts['--patient-id'],
    dateFrom: a.opts['--from'],
    dateTo: a.opts['--to'],
    accession: a.opts['--accession'],
    modality: a.opts['--modality'] === 'any' ? '' : (a.opts['--modality'] ?? 'US'),
    limit: num('--limit'),
    offset: num('--offset'),
  };
  for (const k of ['--limit', '--offset'] as const) if (a.opts[k] !== undefined && !/^\d+$/.test(a.opts[k]!)) throw new UsageError(`${k} must be a whole number`);
  const r = await searchStudies(c, form);
  if (!r.ok) {
    io.err(`error: ${oneLine(`${r.error.title} ${r.error.action ?? ''}`)}`);
    return 1;
  }
  const show = a.flags.has('--show-patient');
  const rows = [];
  for (const s of r.value.studies) {
    const counts = a.flags.has('--counts') ? await studyImages(c, s.studyUid, form.modality || 'US') : null;
    if (counts && !counts.ok) {
      io.err(`error: ${oneLine(counts.error.title)}`);
      return 1;
    }
    rows.push({ s, counts: counts?.ok ? counts.value : null });
  }
  if (a.flags.has('--json')) {
    io.out(
      JSON.stringify(
        rows.map(({ s, counts }) => ({
          studyInstanceUid: s.studyUid,
          studyDate: s.date,
          description: s.description,
          accession: s.accession,
          modalities: s.modalities,
          series: s.seriesCount,
          instances: s.instanceCount,
          ...(counts ? { usInstances: counts.instances, usFrames: counts.frames } : {}),
          ...(show ? { patientName: s.patient.name, patientId: s.patient.id } : {}),
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (rows.length === 0) io.out('No studies match.');
  for (const { s, counts } of rows) {
    const parts = [fmtDate(s.date), s.description || '(no description)', s.modalities.join('/') || '?', counts ? `${counts.instances} US instance(s), ${counts.frames} frame(s)` : `${s.instanceCount ?? '?'} instance(s)`];
    if (show) parts.splice(1, 0, `${s.patient.name || '?'} [${s.patient.id || '?'}]`);
    io.out(`${parts.join('  ')}\n  ${s.studyUid}`);
  }
  if (r.value.more) io.out(`(more results: --offset ${(form.offset ?? 0) + r.value.studies.length})`);
  return 0;
}

async function get(c: DicomWebClient, a: Args, io: CliIO): Promise<number> {
  const out = resolve(io.cwd, a.opts['--out']!);
  await mkdir(out, { recursive: true });
  let last = -1;
  const r = await retrieveInstances(
    {
      client: c,
      sink: {
        put: async (inst) => {
          const w = await writeFileAtomic(join(out, `${inst.sopInstanceUid}.dcm`), inst.bytes);
          return w.ok ? ok(undefined) : w;
        },
      },
    },
    {
      target: { studyUid: a.opts['--study']!, seriesUid: a.opts['--series'] },
      modality: a.flags.has('--all-modalities') ? null : 'US',
      onProgress: (p) => {
        const pct = Math.floor((100 * p.instancesDone) / Math.max(1, p.instancesTotal));
        if (pct !== last && p.instancesDone > 0) io.err(`${p.instancesDone}/${p.instancesTotal} instances (${p.framesDone}/${p.framesTotal} frames)`);
        last = pct;
      },
    },
  );
  if (!r.ok) {
    io.err(`error: ${oneLine(`${r.error.title} ${r.error.action ?? ''}`)}`);
    return 1;
  }
  io.out(`${describeRetrieve(r.value)} Into ${a.opts['--out']}.`);
  for (const m of r.value.missing) io.err(`missing: ${m.sopInstanceUid}: ${oneLine(`${m.error.title}${m.error.detail ? ` (${m.error.detail})` : ''}`)}`);
  return r.value.complete ? 0 : 1;
}

async function store(c: DicomWebClient, a: Args, io: CliIO): Promise<number> {
  const like = a.opts['--like'] ? studyIdentityOf(new Uint8Array(await readFile(resolve(io.cwd, a.opts['--like'])))) : null;
  if (a.opts['--like'] && !like) {
    io.err(`error: ${a.opts['--like']}: no Study Instance UID (--like must be a DICOM instance of the target study)`);
    return 1;
  }
  const byStudy = new Map<string, StoreItem[]>();
  const createdAt = new Date();
  const app = { name: 'BlockPlan', version: '0.1.0' };
  for (const [k, f] of a.files.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(resolve(io.cwd, f)));
    } catch (e) {
      io.err(`error: ${f}: cannot read (${(e as { code?: string }).code ?? String(e)})`);
      return 1;
    }
    const seed = `blockplan-cli-store/${createdAt.toISOString()}/${k}`;
    if (/\.pdf$/i.test(f) || /\.png$/i.test(f)) {
      if (!like) throw new UsageError(`${f}: a PDF or PNG is wrapped into a study: give --like CLIP.dcm`);
      try {
        if (/\.pdf$/i.test(f)) bytes = writeEncapsulatedPdf({ pdf: bytes, identity: like, title: basename(f), createdAt, uidSeed: seed, app }).bytes;
        else {
          const png = decodePng(bytes);
          if (png.channels !== 4 || png.depth !== 8) throw new Error('the PNG must be 8-bit RGBA (as BlockPlan key images are)');
          bytes = writeSecondaryCapture({ rgba: png.data as Uint8Array, width: png.width, height: png.height, identity: like, caption: basename(f), createdAt, uidSeed: seed, index: k + 1, app }).bytes;
        }
      } catch (e) {
        io.err(`error: ${f}: ${(e as Error).message}`);
        return 1;
      }
    }
    const chk = checkInstance(bytes);
    if (!chk.ok || !chk.value.studyUid) {
      io.err(`error: ${f}: ${chk.ok ? 'no Study Instance UID' : chk.error}`);
      return 1;
    }
    const list = byStudy.get(chk.value.studyUid) ?? [];
    list.push({ label: f, bytes, sopInstanceUid: chk.value.sopInstanceUid, sopClassUid: chk.value.sopClassUid });
    byStudy.set(chk.value.studyUid, list);
  }
  let bad = 0;
  for (const [study, items] of byStudy) {
    const r = await storeInstances(c, study, items);
    if (!r.ok) {
      io.err(`error: ${oneLine(`${r.error.title} ${r.error.action ?? ''}`)}`);
      bad += items.length;
      continue;
    }
    for (const x of r.value) {
      const line = `${x.label}: ${x.status}${x.message ? ` (${x.message})` : ''} — ${x.sopInstanceUid}`;
      if (x.status === 'stored' || x.status === 'warning') io.out(line);
      else {
        io.err(line);
        bad++;
      }
    }
  }
  return bad ? 1 : 0;
}

export const pacs: CliCommand = {
  summary: 'Search, retrieve from and store to a PACS (DICOMweb)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const a = parseArgs(args);
    const ms = a.timeoutS * 1000;
    const client = connectNode({ name: a.opts['--name'] ?? a.url, baseUrl: a.url, auth: a.auth }, a.secret, { timeouts: { responseMs: ms, idleMs: ms } });
    if (a.sub === 'search') return search(client, a, io);
    if (a.sub === 'get') return get(client, a, io);
    return store(client, a, io);
  },
};
