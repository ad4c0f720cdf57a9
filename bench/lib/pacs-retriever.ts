/**
 * bench:pacs helper process: one BlockPlan transport per process, as `blockplan pacs get` runs one
 * (a second transport's garbage in the same heap — undici's streams, 17 MB per retrieve — would be
 * collected during the other's runs and charged to it). The parent (bench/pacs.bench.ts) sends
 * `{ run: true }` once per round and gets back the wall time of one whole retrieve, so rounds still
 * alternate with curl and the other transport. Process start-up is not timed (curl's is).
 */
import { retrieveInstances } from '../../core/app/pacsRetrieve';
import { connect } from '../../core/dicomweb/connect';
import { connectNode } from '../../core/node/dicomweb-http';
import { ok } from '../../core/result';

export interface RetrieverSetup {
  transport: 'node:http' | 'fetch';
  baseUrl: string;
  studyUid: string;
  seriesUid: string;
  expectedBytes: number;
}

let setup: RetrieverSetup | null = null;

process.on('message', (m: { setup?: RetrieverSetup; run?: true; quit?: true }) => {
  if (m.setup) setup = m.setup;
  if (m.quit) process.exit(0);
  if (!m.run || !setup) return;
  const s = setup;
  const settings = { name: 'bench', baseUrl: s.baseUrl, auth: { kind: 'none' } } as const;
  const client = s.transport === 'node:http' ? connectNode(settings, null) : connect(settings, null);
  void (async () => {
    let got = 0;
    const t0 = performance.now();
    const res = await retrieveInstances({ client, sink: { put: async (i) => ((got += i.bytes.length), ok(undefined)) } }, { target: { studyUid: s.studyUid, seriesUid: s.seriesUid }, modality: null });
    const ms = performance.now() - t0;
    const failed = !res.ok ? res.error.title : !res.value.complete ? 'incomplete' : got !== s.expectedBytes ? `got ${got} of ${s.expectedBytes} bytes` : null;
    process.send!(failed ? { error: failed } : { ms });
  })();
});
