import { describe, it, expect } from 'vitest';
import { blockTemplates, BlockTemplateSchema, getBlockTemplate, rawBlockTemplates, uncitedNumbers } from '../../../../core/blocks/index';

/** Issue 11 item 8: template content fixes, and numbers in free text cite a source. */
describe('template content (issue 11 item 8)', () => {
  it('TAP: the mid-axillary approach covers T10–T12 and the subcostal T6–T9, not T6–L1', () => {
    const t = getBlockTemplate('transversus-abdominis-plane')!;
    const mid = t.approaches.find((a) => a.id === 'mid-axillary')!;
    const sub = t.approaches.find((a) => a.id === 'subcostal')!;
    expect(mid.summary).toMatch(/T10–T12/);
    expect(sub.summary).toMatch(/T6–T9/);
    expect(t.levelHint).toMatch(/T10–T12/);
    expect(t.levelHint).not.toMatch(/^T6–L1/);
    expect(t.targetDescription).not.toMatch(/\(T6–L1 nerves\)/);
  });

  it('interscalene hemidiaphragmatic paresis and stellate haematoma carry no bare rate; context stays', () => {
    const hdp = getBlockTemplate('interscalene')!.complications.find((c) => /Hemidiaphragmatic/.test(c.name))!;
    expect(hdp.ratePercent).toBeNull();
    expect(hdp.note).toMatch(/high-volume/);
    expect(hdp.note).toMatch(/ultrasound/);
    const haematoma = getBlockTemplate('stellate-ganglion')!.complications.find((c) => c.name === 'Haematoma')!;
    expect(haematoma.ratePercent).toBeNull();
    expect(haematoma.note).toMatch(/landmark/);
    // Every rate that is shown has a note giving its context (series, technique, era).
    for (const t of blockTemplates) for (const c of t.complications) if (c.ratePercent !== null) expect(c.note, `${t.id}: ${c.name}`).toBeTruthy();
  });

  it("Horner's syndrome after a stellate ganglion block is the expected sign, not a complication", () => {
    const t = getBlockTemplate('stellate-ganglion')!;
    expect(t.complications.some((c) => /Horner/i.test(c.name))).toBe(false);
    expect(t.endpoint).toMatch(/Horner/);
    expect(t.documentation.join(' ')).toMatch(/Horner.*expected sign/);
  });

  it('suprascapular depth: no typical value outside its range; the disagreeing figures are flagged', () => {
    for (const t of blockTemplates) {
      for (const v of [t.depthMm, t.volumeMl, t.needle.lengthMm, t.needle.gaugeG, t.probe.frequencyMHz]) {
        if (v.typical !== null && v.min !== null) expect(v.typical, t.id).toBeGreaterThanOrEqual(v.min);
        if (v.typical !== null && v.max !== null) expect(v.typical, t.id).toBeLessThanOrEqual(v.max);
      }
    }
    const d = getBlockTemplate('suprascapular-posterior')!.depthMm;
    const mean = Number(d.note?.match(/mean (\d+) mm/)?.[1]);
    expect(mean < d.min! && !d.uncertain).toBe(false); // a mean below the range is only stated as a disagreement [?]
    expect(d.uncertain).toBe(true);
  });

  it('the schema requires a source for numbers in free text', () => {
    const tpvb = rawBlockTemplates.find((t) => t.id === 'thoracic-paravertebral')!;
    const withWhy = (why: string) => ({ ...tpvb, structures: tpvb.structures.map((s, i) => (i === 0 ? { ...s, why } : s)) });
    const r = BlockTemplateSchema.safeParse(withWhy('The space lies ~1–2 cm beyond the TP.'));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join('\n')).toMatch(/a number in free text cites no source.*structures\[0\]\.why/);
    expect(BlockTemplateSchema.safeParse(withWhy('The space lies ~1–2 cm beyond the TP [S6].')).success).toBe(true);
    const wrong = BlockTemplateSchema.safeParse(withWhy('The space lies ~1–2 cm beyond the TP [S17].'));
    expect(wrong.error?.issues.map((i) => i.message).join('\n')).toMatch(/text cites S17 which is not in sources/);
    expect(BlockTemplateSchema.safeParse(withWhy('No number here.')).success).toBe(true);
    for (const t of rawBlockTemplates) expect(uncitedNumbers(t).uncited, t.id).toEqual([]);
  });

  it('free text cites the publication, never an internal file', () => {
    expect(JSON.stringify(rawBlockTemplates)).not.toMatch(/blocks\.md|§\d/);
  });
});
