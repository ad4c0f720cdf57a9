/**
 * Writes the synthetic sample clips to assets/samples (or --out DIR): `<id>.dcm` for every sample of
 * the registry (core/samples/index.ts).
 *
 * Usage: npm run samples [-- --out DIR] [-- --only thoracic-paravertebral,celiac-plexus]
 *
 * Deterministic: the same code gives byte-identical files (tests/unit/core/samples checks this).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeUsMultiframe } from '../../core/dicom/write/us-multiframe';
import { createSampleClip, sampleDicomSpec } from '../../core/samples/clips';
import { SAMPLE_GEOMETRIES } from '../../core/samples/geometry';
import { isSampleId, SAMPLE_IDS, SAMPLES_FOLDER } from '../../core/samples/index';
import { loadNodeJpegEncoder } from './lib/jpeg-encoder-node';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv: string[]): { out: string; only?: Set<string> } {
  let out = path.join(repoRoot, SAMPLES_FOLDER);
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out' && argv[i + 1]) out = path.resolve(argv[++i]!);
    else if (a === '--only' && argv[i + 1]) {
      only = new Set(argv[++i]!.split(','));
      const unknown = [...only].filter((id) => !isSampleId(id));
      if (unknown.length) {
        console.error(`make-samples: no sample ${unknown.join(', ')} (the samples are ${SAMPLE_IDS.join(', ')})`);
        process.exit(2);
      }
    }
    else {
      console.error(`usage: make-samples [--out DIR] [--only id,id]\nunknown argument: ${a}`);
      process.exit(2);
    }
  }
  return { out, only };
}

async function main(): Promise<number> {
  const { out, only } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });
  const encoder = await loadNodeJpegEncoder();
  let failed = 0;
  for (const g of SAMPLE_GEOMETRIES) {
    if (only && !only.has(g.blockId)) continue;
    const t0 = performance.now();
    const clip = createSampleClip(g.blockId);
    const res = writeUsMultiframe(sampleDicomSpec(clip), encoder);
    const file = path.join(out, g.fileName);
    if (!res.ok) {
      console.error(`error: ${file}: ${res.error.title}${res.error.detail ? ` (${res.error.detail})` : ''}`);
      failed++;
      continue;
    }
    writeFileSync(file, res.value.bytes);
    const ms = performance.now() - t0;
    console.log(
      `${g.fileName}: ${g.frameCount} frames ${g.columns}×${g.rows} @ ${g.frameRateFps} fps, ${(res.value.bytes.length / 1e6).toFixed(2)} MB, ` +
        `JPEG ratio ${res.value.compressionRatio.toFixed(1)}:1, ${(ms / 1000).toFixed(1)} s`,
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: make-samples: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
