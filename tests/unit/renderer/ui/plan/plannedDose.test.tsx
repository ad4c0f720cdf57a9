import { fireEvent, render, screen } from '@testing-library/react';
import { computeAccessibleName } from 'dom-accessibility-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { getBlockTemplate } from '../../../../../core/blocks/index';
import { useCase } from '../../../../../renderer/state/case';
import { PlannedDose } from '../../../../../renderer/ui/plan/PlannedDose';
import { numbers, refRow } from '../../../core/notes/referenceTable';

const ropi = refRow('ropivacaine');
const ropiMax70 = Math.min(numbers(ropi.mgPerKgCell)[0]! * 70, numbers(ropi.ceilingCell)[0]!);

beforeEach(() => {
  useCase.getState().reset();
  useCase.getState().apply({ type: 'set-patient', patient: { weightKg: 70 } });
});

describe('plan panel: planned dose (issue 11 item 4)', () => {
  it('bilateral QL: template 30 mL × 2 sides of ropivacaine 0.5% = 300 mg, over, with the same words as the note', () => {
    const t = getBlockTemplate('quadratus-lumborum-anterior')!;
    render(<PlannedDose template={t} side="bilateral" />);
    expect((screen.getByRole('textbox', { name: 'Volume per site (mL)' }) as HTMLInputElement).value).toBe(String(t.volumeMl.max));
    expect((screen.getByRole('textbox', { name: 'Sides (1 or 2)' }) as HTMLInputElement).value).toBe('2');
    expect(screen.queryByTestId('planned-dose-total')).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Agent' }), { target: { value: 'ropivacaine' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Concentration (%)' }), { target: { value: '0,5' } });
    const total = screen.getByTestId('planned-dose-total').textContent!;
    expect(total).toMatch(/60 mL = 300 mg/);
    expect(total).toMatch(new RegExp(`${Math.round((300 / ropiMax70) * 100)} % — Over the maximum`));
    expect(screen.getByRole('list', { name: 'Planned dose warnings' }).textContent).toMatch(/above the maximum/);
    // One side: 150 mg, within.
    fireEvent.change(screen.getByRole('textbox', { name: 'Sides (1 or 2)' }), { target: { value: '1' } });
    expect(screen.getByTestId('planned-dose-total').textContent).toMatch(/150 mg.*Within maximum/);
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select')) expect(computeAccessibleName(el).trim(), el.outerHTML).not.toBe('');
  });
});
