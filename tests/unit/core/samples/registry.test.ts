/**
 * The sample registry (core/samples/index.ts) is the one list of samples: the block templates, the
 * ground-truth geometries, the 3D scenes and the files in assets/samples all agree with it.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCENE_SPECS } from '../../../../core/anatomy/sample-scenes';
import { getBlockTemplate } from '../../../../core/blocks/index';
import { SAMPLE_GEOMETRIES } from '../../../../core/samples/geometry';
import { isSampleId, SAMPLE_IDS, SAMPLES, SAMPLES_FOLDER, sampleCaseFile, sampleClipFile } from '../../../../core/samples/index';

const folder = join(resolve(__dirname, '../../../..'), SAMPLES_FOLDER);

describe('sample registry', () => {
  it('every sample is a block template, listed once, in the order of SAMPLE_IDS', () => {
    expect(SAMPLES.map((s) => s.id)).toEqual([...SAMPLE_IDS]);
    expect(new Set(SAMPLE_IDS).size).toBe(SAMPLE_IDS.length);
    for (const id of SAMPLE_IDS) expect(getBlockTemplate(id), id).toBeDefined();
  });

  it('the geometries and the 3D scenes are those of the registry’s samples', () => {
    expect(SAMPLE_GEOMETRIES.map((g) => g.blockId)).toEqual([...SAMPLE_IDS]);
    expect(SAMPLE_GEOMETRIES.map((g) => g.fileName)).toEqual(SAMPLE_IDS.map(sampleClipFile));
    // 3D scenes exist for the first three samples; the four linear samples of issue 20 have none yet.
    expect(Object.keys(SAMPLE_SCENE_SPECS).sort()).toEqual(['celiac-plexus', 'ganglion-impar', 'thoracic-paravertebral']);
    for (const id of Object.keys(SAMPLE_SCENE_SPECS)) expect(SAMPLE_IDS).toContain(id);
  });

  it('assets/samples holds exactly the registry’s clips and cases', () => {
    const files = readdirSync(folder).filter((f) => /\.(dcm|bpcase)$/.test(f)).sort();
    expect(files).toEqual(SAMPLE_IDS.flatMap((id) => [sampleCaseFile(id), sampleClipFile(id)]).sort());
  });

  it('isSampleId tells sample ids from other block ids', () => {
    expect(isSampleId('celiac-plexus')).toBe(true);
    expect(isSampleId('interscalene')).toBe(true);
    expect(isSampleId('supraclavicular')).toBe(false);
    expect(isSampleId(null)).toBe(false);
  });
});
