import { buildNoteDocument } from '../../../../core/notes/document';
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

describe('identity values the SR and FHIR cannot carry are rejected, naming the field (issue 12 item 11)', () => {
  const bad = (note: unknown) => {
    const r = NoteSchema.safeParse(note);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('a PN with more than 5 components, a backslash, control characters in a name or an ID', () => {
    expect(bad({ identity: { patientName: 'A^B^C^D^E^F' } })).toEqual(['identity.patientName: A name has at most 5 parts separated by ^ (family^given^middle^prefix^suffix).']);
    expect(bad({ identity: { patientName: 'Yamada^Tarou=山田^太郎=やまだ^たろう' } })).toBeNull(); // three PN groups are fine
    expect(bad({ identity: { patientName: 'A\\B' } })?.[0]).toMatch(/^identity.patientName: A name cannot contain a backslash/);
    expect(bad({ identity: { patientName: 'Smith\u0000John' } })?.[0]).toMatch(/^identity.patientName: Remove the control character/);
    expect(bad({ identity: { patientId: 'MRN\t42' } })?.[0]).toMatch(/^identity.patientId: Remove the control character/);
    expect(bad({ staff: { operator: 'Dr\u0085A' } })?.[0]).toMatch(/^staff.operator: Remove the control character/); // C1 NEL
  });
  it('impossible dates and times', () => {
    expect(bad({ identity: { birthDate: '1961-02-30' } })?.[0]).toMatch(/^identity.birthDate: Not a real date/);
    expect(bad({ identity: { birthDate: '1960-02-29' } })).toBeNull(); // leap year
    expect(bad({ identity: { birthDate: '1900-02-29' } })).not.toBeNull(); // not a leap year
    expect(bad({ performedAt: '2025-03-01T24:05' })?.[0]).toMatch(/^performedAt: Not a real date and time/);
    expect(bad({ performedAt: '2025-04-31T10:00' })).not.toBeNull();
  });
  it('the export refuses before anything is written, naming the field as the editor does', () => {
    const r = buildNoteDocument({ note: { identity: { birthDate: '1961-02-30' } }, keyImages: [], sources: [], references: [], generatedAt: 'x', app: { name: 'a', version: 'b' } });
    expect(!r.ok && r.error.title).toBe('The note\'s field “Date of birth” is not valid: Not a real date: check the day of the month (e.g. February has 28 or 29 days).');
  });
});
