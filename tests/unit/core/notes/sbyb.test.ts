import { describe, it, expect } from 'vitest';
import { checkSide, parseConfirmSide, type LateralityContext } from '../../../../core/notes/sbyb';

const at = { confirmedAt: '2025-03-01T14:05:00Z' };
const ctx = (blockSide: LateralityContext['blockSide'], ann: LateralityContext['annotations'] = [], clips: LateralityContext['clips'] = []): LateralityContext => ({ blockSide, annotations: ann, clips });

describe('Stop Before You Block side check', () => {
  it('matches a confirmed side equal to the block side and records what was checked', () => {
    const r = checkSide('right', ctx('right', [{ id: 'a1', label: 'C5', side: 'right' }, { id: 'a2', label: 'no side' }]), at);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.result).toBe('match');
      expect(r.value.confirmedSide).toBe('right');
      expect(r.value.checkedAgainst).toEqual(['plan: right', "annotation 'C5': right"]);
    }
  });

  it('stops on a block-side mismatch with a typed error', () => {
    const r = checkSide('left', ctx('right'), at);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('note/side-mismatch');
      expect(r.error.conflicts).toEqual([{ what: 'block', label: 'block', caseSide: 'right' }]);
      expect(r.error.title).toBe("Side check at export: you stated Left, but the plan's block side is Right.");
    }
  });

  it('stops when an annotation or a clip has the other side, even if the block agrees', () => {
    const r = checkSide('left', ctx('left', [{ id: 'a9', label: 'phrenic nerve', side: 'right' }], [{ id: 'c1', label: 'clip 1', side: 'right' }]), at);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.conflicts.map((c) => [c.what, c.id])).toEqual([['annotation', 'a9'], ['clip', 'c1']]);
  });

  it('the side typed in the note and a side named in a clip name are sources too; the message names each', () => {
    const r = checkSide('right', { ...ctx('right'), noteSide: 'left', clipNames: [{ id: 'c1', label: 'left ISB.dcm', side: 'left' }] }, at);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.conflicts.map((c) => c.what)).toEqual(['note', 'clip-name']);
      expect(r.error.title).toBe('Side check at export: you stated Right, but the side typed in the note (Procedure) is Left; the clip name “left ISB.dcm” names the left side.');
    }
    // A note side that agrees is listed as checked.
    const ok = checkSide('right', { ...ctx('right'), noteSide: 'right' }, at);
    expect(ok.ok && ok.value.checkedAgainst).toEqual(['plan: right', 'note: right']);
  });

  it('requires a confirmation and a block side', () => {
    const none = checkSide(undefined, ctx('left'), at);
    expect(!none.ok && none.error.code).toBe('note/side-not-confirmed');
    const missing = checkSide('left', ctx(undefined), at);
    expect(!missing.ok && missing.error.conflicts[0]!.what).toBe('block-side-missing');
  });

  it('n/a fits midline blocks only; bilateral fits bilateral blocks with either-side annotations', () => {
    expect(checkSide('n/a', ctx('midline'), at).ok).toBe(true);
    expect(checkSide('n/a', ctx('left'), at).ok).toBe(false);
    expect(checkSide('left', ctx('midline'), at).ok).toBe(false);
    // A midline block may label paired organs of either side.
    expect(checkSide('n/a', ctx('midline', [{ id: 'x', label: 'left lobe of liver', side: 'left' }]), at).ok).toBe(true);
    expect(checkSide('bilateral', ctx('bilateral', [{ id: 'l', label: 'L', side: 'left' }, { id: 'r', label: 'R', side: 'right' }]), at).ok).toBe(true);
    expect(checkSide('left', ctx('bilateral'), at).ok).toBe(false);
    expect(checkSide('left', ctx('left', [{ id: 'm', label: 'aorta', side: 'midline' }]), at).ok).toBe(true);
  });

  it('parses user answers', () => {
    expect(parseConfirmSide('Left')).toBe('left');
    expect(parseConfirmSide('n/a')).toBe('n/a');
    expect(parseConfirmSide('midline')).toBe('n/a');
    expect(parseConfirmSide('up')).toBeUndefined();
    expect(parseConfirmSide(undefined)).toBeUndefined();
  });
});
