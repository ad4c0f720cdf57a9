import { beforeEach, describe, expect, it } from 'vitest';
import { getBlockTemplate } from '../../../../core/blocks/index';
import { undoLabel } from '../../../../core/plan/index';
import { useCase } from '../../../../renderer/state/case';
import { getAt, isPrefilled, parseNumber, setAt, setNoteField, setNoteFields, shownNote, storedNote, useNoteUi, validateEdit } from '../../../../renderer/state/note';
import { loadSample, sampleCase } from './helpers';

const sample = sampleCase();

beforeEach(() => {
  useCase.getState().reset();
  useNoteUi.setState({ invalidFields: {} });
  loadSample(sample);
});

const plan = () => useCase.getState().history.present;
const shown = () => shownNote(plan(), useCase.getState().clips);

describe('note paths', () => {
  it('sets nested values immutably, creating objects and arrays on the way', () => {
    const a = { x: { y: 1 }, list: [{ v: 1 }, { v: 2 }] };
    const b = setAt(a, ['x', 'z'], 2);
    expect(b).toEqual({ x: { y: 1, z: 2 }, list: a.list });
    expect(a.x).toEqual({ y: 1 });
    const c = setAt(a, ['list', 1, 'v'], 3);
    expect(c.list).toEqual([{ v: 1 }, { v: 3 }]);
    expect(c.list).not.toBe(a.list);
    expect(setAt({}, ['p', 'q'], 'r')).toEqual({ p: { q: 'r' } });
    expect(getAt(c, ['list', 1, 'v'])).toBe(3);
    expect(getAt(c, ['nope', 0])).toBeUndefined();
  });

  it('removes a key when set to undefined ("not recorded" is an absent field)', () => {
    const b = setAt({ p: { w: 70, h: 180 } }, ['p', 'w'], undefined);
    expect(b).toEqual({ p: { h: 180 } });
    expect('w' in b.p).toBe(false);
  });
});

describe('parseNumber', () => {
  it('reads plain and decimal-comma numbers, empty as not recorded, anything else as NaN', () => {
    expect(parseNumber('70')).toBe(70);
    expect(parseNumber(' 0.5 ')).toBe(0.5);
    expect(parseNumber('70,5')).toBe(70.5);
    expect(parseNumber('.75')).toBe(0.75);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('   ')).toBeUndefined();
    expect(parseNumber('7kg')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('1.2.3')).toBeNaN();
  });
});

describe('validation messages name the limit and the unit', () => {
  it('weight, height, date-time, gauge', () => {
    expect(validateEdit(plan(), ['preChecks', 'weightKg'], 900)).toEqual({ ok: false, message: 'Must be at most 400 kg.' });
    expect(validateEdit(plan(), ['preChecks', 'heightCm'], 0)).toEqual({ ok: false, message: 'Must be more than 0 cm.' });
    const d = validateEdit(plan(), ['performedAt'], '01/03/2025 14:05');
    expect(d.ok).toBe(false);
    expect(!d.ok && d.message).toMatch(/YYYY-MM-DDTHH:MM/);
    expect(validateEdit(plan(), ['needle', 'gaugeG'], 22.5)).toEqual({ ok: false, message: 'Enter a whole number in G.' });
    expect(validateEdit(plan(), ['preChecks', 'weightKg'], 70).ok).toBe(true);
  });
});

describe('the note in the case store', () => {
  it('shows prefilled values without storing them; typed values are stored and win', () => {
    const t = getBlockTemplate('thoracic-paravertebral')!;
    expect(plan().note).toBeUndefined();
    expect(shown().procedure.blockName).toBe(t.nomenclature.standardName);
    expect(shown().procedure.side).toBe('right');
    expect(isPrefilled(plan(), shown(), ['procedure', 'blockName'])).toBe(true);

    expect(setNoteField(['procedure', 'blockName'], 'TPVB, single level')).toBeNull();
    expect(storedNote(plan()).procedure.blockName).toBe('TPVB, single level');
    expect(shown().procedure.blockName).toBe('TPVB, single level');
    expect(isPrefilled(plan(), shown(), ['procedure', 'blockName'])).toBe(false);
    // Only the typed field is stored; the side is still derived from the plan.
    expect(storedNote(plan()).procedure.side).toBeUndefined();
  });

  it('untyped fields follow the plan; typed fields do not', () => {
    setNoteField(['procedure', 'level'], 'T5');
    useCase.getState().apply({ type: 'set-block', block: { ...plan().block, side: 'left', level: 'T3' } });
    expect(shown().procedure.side).toBe('left');
    expect(shown().procedure.level).toBe('T5');
  });

  it('carries the plan numbers as planned, recomputed from the plan', () => {
    const planned = shown().planned;
    expect(planned.map((p) => p.kind)).toEqual(expect.arrayContaining(['target-depth', 'path-length', 'angle-to-skin', 'clearance']));
    expect(planned.every((p) => p.unit === 'mm' || p.unit === 'deg')).toBe(true);
    // Without the clip's calibration (file not found) there are no measurements, so nothing is planned.
    loadSample(sample, false);
    expect(shown().planned).toEqual([]);
  });

  it('typing in one field is one undo step, labelled "Edit note"', () => {
    const before = useCase.getState().history.past.length;
    setNoteField(['preChecks', 'weightKg'], 7);
    setNoteField(['preChecks', 'weightKg'], 70);
    setNoteField(['preChecks', 'weightKg'], 70.5);
    expect(useCase.getState().history.past.length).toBe(before + 1);
    expect(undoLabel(useCase.getState().history)).toBe('Edit note');
    setNoteField(['preChecks', 'heightCm'], 180);
    expect(useCase.getState().history.past.length).toBe(before + 2);
    useCase.getState().undo();
    expect(storedNote(plan()).preChecks.heightCm).toBeUndefined();
    expect(storedNote(plan()).preChecks.weightKg).toBe(70.5);
    useCase.getState().undo();
    expect(storedNote(plan()).preChecks.weightKg).toBeUndefined();
  });

  it('an invalid value is not written; its message is kept until a valid value replaces it', () => {
    setNoteField(['preChecks', 'weightKg'], 70);
    const rev = useCase.getState().history.revision;
    expect(setNoteField(['preChecks', 'weightKg'], 900)).toBe('Must be at most 400 kg.');
    expect(useCase.getState().history.revision).toBe(rev);
    expect(storedNote(plan()).preChecks.weightKg).toBe(70);
    expect(useNoteUi.getState().invalidFields).toEqual({ 'preChecks.weightKg': 'Must be at most 400 kg.' });
    expect(setNoteField(['preChecks', 'weightKg'], 90)).toBeNull();
    expect(useNoteUi.getState().invalidFields).toEqual({});
  });

  it('several answers at once are one step', () => {
    const before = useCase.getState().history.past.length;
    expect(
      setNoteFields(
        [
          [['monitoring', 'ecg'], 'yes'],
          [['monitoring', 'spo2'], 'yes'],
          [['monitoring', 'nibp'], 'yes'],
        ],
        'monitoring',
      ),
    ).toBeNull();
    expect(useCase.getState().history.past.length).toBe(before + 1);
    expect(storedNote(plan()).monitoring).toMatchObject({ ecg: 'yes', spo2: 'yes', nibp: 'yes' });
  });

  it('the note is saved with the case (serialised case carries it)', async () => {
    setNoteField(['staff', 'operator'], 'Dr A');
    const { serializeCase, parseCase } = await import('../../../../core/plan/index');
    const again = parseCase(serializeCase(plan()), 'x.bpcase');
    expect(again.ok && again.value.plan.note?.staff.operator).toBe('Dr A');
  });
});
