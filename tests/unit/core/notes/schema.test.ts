import { describe, it, expect } from 'vitest';
import { NoteSchema, emptyNote } from '../../../../core/notes/schema';

describe('NoteSchema', () => {
  it('parses {} into a complete empty note with every section present', () => {
    const n = emptyNote();
    expect(n.version).toBe(1);
    expect(n.injectate).toEqual([]);
    expect(n.planned).toEqual([]);
    expect(n.preChecks.allergies).toEqual({});
    expect(n.guidance.structuresIdentified).toEqual([]);
    expect(n.doseSettings).toEqual({ weightBasis: 'actual', interscalene: false }); // region absent until chosen (issue 11 item 3c)
    expect(n.identity.patientName).toBeUndefined();
  });

  it('round-trips a filled note through JSON', () => {
    const n = NoteSchema.parse({
      performedAt: '2025-03-01T14:05',
      procedure: { blockName: 'Interscalene brachial plexus block', side: 'right', technique: 'single-shot' },
      injectate: [{ agent: 'ropivacaine', concentrationPercent: 0.5, volumeMl: 10 }],
      planned: [{ kind: 'target-depth', label: 'Skin-to-target depth', value: 18.2, unit: 'mm' }],
    });
    expect(NoteSchema.parse(JSON.parse(JSON.stringify(n)))).toEqual(n);
    expect(n.injectate[0]!.adrenaline).toBe(false);
  });

  it('rejects a malformed date, an unknown side, a negative volume and an unknown unit', () => {
    expect(NoteSchema.safeParse({ performedAt: '01/03/2025' }).success).toBe(false);
    expect(NoteSchema.safeParse({ procedure: { side: 'top' } }).success).toBe(false);
    expect(NoteSchema.safeParse({ injectate: [{ agent: 'ropivacaine', volumeMl: -1 }] }).success).toBe(false);
    expect(NoteSchema.safeParse({ planned: [{ kind: 'path-length', label: 'x', value: 1, unit: 'cm' }] }).success).toBe(false);
  });
});
