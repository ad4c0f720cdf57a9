/**
 * bench:pacs — WADO-RS retrieve throughput of a 300-frame clip from the local test Orthanc: BlockPlan's
 * client (core/app/pacsRetrieve: QIDO listing, streamed multipart parse into a buffer sized from the
 * part's Content-Length, every part checked complete) against `curl` of the same WADO-RS URL with the
 * same Accept header, writing to /dev/null. Goal: ≥ 0.8× curl.
 *
 * BlockPlan is timed over the transport `blockplan pacs get` and the browser-mode forwarder use
 * (core/node/dicomweb-http: node:http) and, for reference, over Node's global fetch (undici), the
 * transport it used before — each in a Node process of its own (bench/lib/pacs-retriever.ts), as the
 * CLI runs one, so neither pays for the other's garbage; start-up is not timed. The desktop app's transport (Electron net.fetch, Chromium's network
 * stack) cannot run here (no Electron binary).
 *
 * The clip is made by the project's sample generator (core/samples: the celiac plexus sample's 60
 * frames, cycled to 300, written by core/dicom/write as US Multi-frame JPEG Baseline), uploaded
 * through Orthanc's REST API. Runs alternate (curl, BlockPlan, BlockPlan over fetch, …) so machine load
 * hits all alike, in an order that turns every round; one warm-up round is not counted.
 *   npm run bench:pacs [-- --runs=7]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fork, type ChildProcess } from 'node:child_process';
import { ACCEPT_DICOM_AS_STORED } from '../core/dicomweb/client';
import { writeUsMultiframe } from '../core/dicom/write/us-multiframe';
import type { RetrieverSetup } from './lib/pacs-retriever';
import { createSampleClip, sampleDicomSpec } from '../core/samples/clips';
import { loadNodeJpegEncoder } from '../build/scripts/lib/jpeg-encoder-node';
import { useOrthanc } from '../tests/support/orthanc';

const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const orthanc = await useOrthanc();
try {
  const clip = createSampleClip('celiac-plexus');
  const spec = sampleDicomSpec(clip);
  const base = spec.frame;
  const n = spec.frameCount;
  const made = writeUsMultiframe({ ...spec, frameCount: 300, frame: (i) => base(i % n), uidSeed: 'blockplan-bench-pacs/300', studyDescription: 'bench:pacs 300 frames' }, await loadNodeJpegEncoder());
  if (!made.ok) throw new Error(made.error.title);
  const bytes = made.value.bytes;
  const up = await fetch(`${orthanc.state.open.url}instances`, { method: 'POST', headers: { 'Content-Type': 'application/dicom' }, body: bytes as Uint8Array<ArrayBuffer> });
  if (!up.ok) throw new Error(`upload failed: HTTP ${up.status}`);
  const study = made.value.studyInstanceUid;
  const series = made.value.seriesInstanceUid;
  const url = `${orthanc.state.open.dicomweb}/studies/${study}/series/${series}`;
  console.log(`clip: 300 frames, ${(bytes.length / 1024 ** 2).toFixed(1)} MB; ${url}`);

  const retriever = (transport: RetrieverSetup['transport']): { run: () => Promise<number>; child: ChildProcess } => {
    const child = fork(new URL('./lib/pacs-retriever.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
    child.send({ setup: { transport, baseUrl: orthanc.state.open.dicomweb, studyUid: study, seriesUid: series, expectedBytes: bytes.length } satisfies RetrieverSetup });
    const run = () =>
      new Promise<number>((resolve, reject) => {
        child.once('message', (m: { ms?: number; error?: string }) => (m.error ? reject(new Error(`BlockPlan retrieve (${transport}) failed: ${m.error}`)) : resolve(m.ms!)));
        child.send({ run: true });
      });
    return { run, child };
  };
  const ours = { 'node:http': retriever('node:http'), fetch: retriever('fetch') };
  const times: Record<string, number[]> = { curl: [], 'node:http': [], fetch: [] };
  const load0 = loadavg();
  const curl = async (): Promise<number> => {
    const t0 = performance.now();
    const c = spawnSync('curl', ['-s', '-o', '/dev/null', '-H', `Accept: ${ACCEPT_DICOM_AS_STORED}`, '-w', '%{size_download}', url], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (c.status !== 0 || Number(c.stdout) < bytes.length) throw new Error(`curl failed: ${c.stderr}`);
    return ms;
  };
  const contenders: [string, () => Promise<number>][] = [
    ['curl', curl],
    ['node:http', ours['node:http'].run],
    ['fetch', ours.fetch.run],
  ];
  for (let r = 0; r < runs + 1; r++) {
    // The order turns every round, so none always runs first after the others (server caches, load).
    for (let k = 0; k < contenders.length; k++) {
      const [name, run] = contenders[(r + k) % contenders.length]!;
      const ms = await run();
      if (r > 0) times[name]!.push(ms); // round 0 is the warm-up
    }
  }
  for (const o of Object.values(ours)) o.child.send({ quit: true });
  const load1 = loadavg();
  const mb = bytes.length / 1024 ** 2;
  const c = median(times.curl!);
  const line = (label: string, xs: number[]) => `${label}: median ${median(xs).toFixed(0)} ms = ${(mb / (median(xs) / 1000)).toFixed(0)} MB/s  [${xs.map((x) => x.toFixed(0)).join(', ')}]`;
  console.log(line('curl (process start included)', times.curl!));
  console.log(line('BlockPlan retrieve over node:http (QIDO + WADO-RS + checks)', times['node:http']!));
  console.log(line('BlockPlan retrieve over fetch (undici)', times.fetch!));
  console.log(`ratio (BlockPlan throughput / curl): node:http ${(c / median(times['node:http']!)).toFixed(2)}×, fetch ${(c / median(times.fetch!)).toFixed(2)}× (goal ≥ 0.8×)`);
  console.log(`load average before/after: ${load0.map((x) => x.toFixed(2)).join(' ')} / ${load1.map((x) => x.toFixed(2)).join(' ')}; ${execFileSync('nproc').toString().trim()} cores`);
} finally {
  await orthanc.release();
}
