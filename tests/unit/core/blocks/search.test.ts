import { describe, expect, it } from 'vitest';
import { blockTemplates, foldText, searchBlocks } from '../../../../core/blocks/index';

describe('searchBlocks', () => {
  it('finds by alias, case-insensitively, exact alias first', () => {
    expect(searchBlocks('tpvb')[0]!.template.id).toBe('thoracic-paravertebral');
    expect(searchBlocks('TPVB')[0]!.matched).toBe('TPVB');
    expect(searchBlocks('esp')[0]!.template.id).toBe('erector-spinae-plane');
    expect(searchBlocks('SGB')[0]!.template.id).toBe('stellate-ganglion');
  });

  it('is diacritic-insensitive and punctuation-insensitive', () => {
    expect(foldText('Paravertébral–Block')).toBe('paravertebral block');
    expect(searchBlocks('paravertébral')[0]!.template.id).toBe('thoracic-paravertebral');
    expect(searchBlocks('  COELIAC  ')[0]!.template.id).toBe('celiac-plexus');
    expect(searchBlocks('pericapsular-nerve group')[0]!.template.id).toBe('peng');
  });

  it('QL finds the three quadratus lumborum blocks, and QL2 only the posterior one', () => {
    expect(searchBlocks('QL').slice(0, 3).map((h) => h.template.id).sort()).toEqual([
      'quadratus-lumborum-anterior',
      'quadratus-lumborum-lateral',
      'quadratus-lumborum-posterior',
    ]);
    expect(searchBlocks('ql2').map((h) => h.template.id)).toEqual(['quadratus-lumborum-posterior']);
  });

  it('ranks a name match above an indication match', () => {
    const hits = searchBlocks('hip');
    expect(hits[0]!.template.id).toBe('peng'); // alias "hip block"
    expect(hits.slice(1).every((h) => h.field === 'indication' && h.score < hits[0]!.score)).toBe(true);
  });

  it('matches multi-word queries in any order of word prefixes', () => {
    expect(searchBlocks('spinal stim')[0]!.template.id).toBe('spinal-cord-stimulator-trial');
    expect(searchBlocks('scapular post')[0]!.template.id).toBe('suprascapular-posterior');
  });

  it('lists every template for an empty query and nothing for nonsense', () => {
    expect(searchBlocks('').length).toBe(blockTemplates.length);
    expect(searchBlocks('zzqxv')).toEqual([]);
  });
});
