import { fireEvent, render, screen } from '@testing-library/react';
import { computeAccessibleName } from 'dom-accessibility-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { getBlockTemplate } from '../../../../../core/blocks/index';
import { NoteSchema } from '../../../../../core/notes/schema';
import { useCase } from '../../../../../renderer/state/case';
import { AnticoagSection } from '../../../../../renderer/ui/plan/AnticoagSection';
import { hoursIn, refCells } from '../../../core/anticoag/reference';
import { formatUtcOffset } from '../../../../../core/app/ports';

beforeEach(() => {
  useCase.getState().reset();
});

const storedNote = () => NoteSchema.parse(useCase.getState().history.present.note ?? {});

describe('plan panel: antithrombotic drug (issue 17 item 3)', () => {
  it('paravertebral + apixaban treatment: the earliest time from the cited row, the planned time against it; nothing is written into the note until the decision is recorded', () => {
    render(<AnticoagSection template={getBlockTemplate('thoracic-paravertebral')!} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Drug' }), { target: { value: 'apixaban' } });
    expect(screen.getAllByText(/choose the regimen/).length).toBeGreaterThan(0);
    fireEvent.change(screen.getByRole('combobox', { name: 'Regimen' }), { target: { value: 'treatment' } });
    fireEvent.change(screen.getByLabelText('Last dose (local time)'), { target: { value: '2026-12-01T08:00' } });
    fireEvent.change(screen.getByLabelText('Planned block (local time)'), { target: { value: '2026-12-03T08:00' } });
    const hours = hoursIn(refCells('esaic-dxa-high')[2]!).hours;
    const earliest = new Date(2026, 11, 1, 8, 0).getTime() + hours * 3_600_000;
    const d = new Date(earliest);
    const p = (n: number) => String(n).padStart(2, '0');
    expect(screen.getByTestId('anticoag-earliest').textContent).toContain(`Earliest block: ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())} local time (UTC${formatUtcOffset(-d.getTimezoneOffset())})`);
    expect(screen.getByTestId('anticoag-earliest').textContent).toContain('ESAIC/ESRA 2022');
    expect(screen.getByTestId('anticoag-planned').textContent).toMatch(/BEFORE the earliest time/);
    expect(storedNote().anticoagulation).toBeUndefined();
    // The button waits for a decision; then the note keeps what was shown and the decision.
    expect((screen.getByRole('button', { name: 'Record in the note' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Delay the block' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Reason' }), { target: { value: 'Wait for 72 h' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record in the note' }));
    const rec = storedNote().anticoagulation!;
    expect(rec.decision).toBe('delay');
    expect(rec.reason).toBe('Wait for 72 h');
    expect(rec.shown.intervalHours).toBe(hours);
    expect(rec.shown.plannedMeets).toBe(false);
    expect(screen.getByTestId('anticoag-recorded').textContent).toMatch(/Apixaban — delay the block \(Wait for 72 h\)/);
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, textarea')) expect(computeAccessibleName(el).trim(), el.outerHTML).not.toBe('');
  });

  it('the drug and last dose start from the note’s pre-checks; a femoral block shows the superficial-block advice and no earliest time', () => {
    useCase.getState().apply({ type: 'set-note', note: { preChecks: { anticoagulants: { status: 'taking', drug: 'Eliquis', lastDose: '2026-12-01T08:00' } } } });
    render(<AnticoagSection template={getBlockTemplate('femoral')!} />);
    expect((screen.getByRole('combobox', { name: 'Drug' }) as HTMLSelectElement).value).toBe('apixaban');
    expect((screen.getByLabelText('Last dose (local time)') as HTMLInputElement).value).toBe('2026-12-01T08:00');
    fireEvent.change(screen.getByRole('combobox', { name: 'Regimen' }), { target: { value: 'treatment' } });
    const esaic = document.querySelector('[data-guideline="esaic-esra-2022"]')!.textContent!;
    expect(esaic).toMatch(/low bleeding risk \(superficial, compressible\)/);
    expect(esaic).toMatch(/No interval before the block is required by this guideline/);
    expect(screen.getByTestId('anticoag-earliest').textContent).toMatch(/No confirmed interval/);
  });
});
