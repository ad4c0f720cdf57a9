import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeAccessibleName } from 'dom-accessibility-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../../../renderer/bridge';
import { useCase } from '../../../../renderer/state/case';
import { dispatch, useCommands } from '../../../../renderer/state/commands';
import { storedNote, useNoteUi } from '../../../../renderer/state/note';
import { setClipStoreForTests } from '../../../../renderer/viewer2d/clips';
import { ExportDialog } from '../../../../renderer/ui/note/ExportDialog';
import { LastDialog } from '../../../../renderer/ui/note/LastDialog';
import { NoteEditor } from '../../../../renderer/ui/note/NoteEditor';
import { NoteHost } from '../../../../renderer/ui/note/NoteHost';
import { NotePanel } from '../../../../renderer/ui/note/NotePanel';
import { loadSample, recordingBridge, sampleCase, testClipStore } from './helpers';

const sample = sampleCase();
const plan = () => useCase.getState().history.present;

beforeAll(() => {
  testClipStore();
  // jsdom does not lay out, so it has no scrollIntoView (the editor keeps the preview on the edited section).
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
});
beforeEach(() => {
  useCase.getState().reset();
  useNoteUi.setState({ invalidFields: {}, progress: null, editorOpen: false, exportDialog: null, lastOpen: false });
  loadSample(sample);
});
afterAll(() => {
  setBridgeForTests(null);
  setClipStoreForTests(null);
});

/** Every control in `root` has a non-empty accessible name (computed per the ARIA accname spec). */
function unnamed(root: HTMLElement): string[] {
  return [...root.querySelectorAll<HTMLElement>('button, input, select, textarea')].filter((el) => computeAccessibleName(el).trim() === '').map((el) => el.outerHTML.slice(0, 100));
}

const field = (name: string | RegExp) => screen.getByRole('textbox', { name });

describe('note editor', () => {
  it('shows the plan prefilled and marked "from plan", and the planned numbers as planned', async () => {
    render(<NoteEditor />);
    const block = field('Block (standard name)') as HTMLInputElement;
    expect(block.value).toMatch(/paravertebral/i);
    expect(block.closest('.nf-field')!.textContent).toContain('from plan');
    expect(screen.getByRole('button', { name: 'Side: Right' }).getAttribute('aria-pressed')).toBe('true');
    const planned = screen.getByRole('table', { name: 'Planned measurements' });
    expect(within(planned).getByText(/^Planned skin-to-target depth$/)).toBeTruthy();
    expect(unnamed(document.body)).toEqual([]);
    await waitFor(() => expect(screen.getAllByRole('img', { name: /frame 1 — scout/ }).length).toBeGreaterThan(0), { timeout: 10_000 });
  });

  it('shows template guidance beside a field, never in it', () => {
    render(<NoteEditor />);
    const needle = field('Needle type') as HTMLInputElement;
    expect(needle.value).toBe('');
    expect(document.getElementById(needle.getAttribute('aria-describedby')!)!.textContent).toMatch(/^template: 22G Tuohy or short-bevel/);
    const dir = field('Needle direction') as HTMLInputElement;
    expect(dir.value).toBe('');
    expect(document.getElementById(dir.getAttribute('aria-describedby')!)!.textContent).toMatch(/template: lateral to medial/);
    expect((field('Frequency from (MHz)') as HTMLInputElement).value).toBe('');
    expect((field('Probe') as HTMLInputElement).value).toBe('');
  });

  it('computes the dose as the user types: mg, % of the maximum, caution and over with words', async () => {
    render(<NoteEditor />);
    fireEvent.change(field('Weight (kg)'), { target: { value: '70' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Add an injection' }), { target: { value: 'ropivacaine' } });
    fireEvent.change(field('Concentration (%)'), { target: { value: '0,5' } });
    fireEvent.change(field('Volume (mL)'), { target: { value: '20' } });
    // 0.5 % = 5 mg/mL × 20 mL = 100 mg; max = lower of 3 mg/kg × 70 kg = 210 mg and the 200 mg ceiling.
    expect(screen.getByText('0.5 % × 20 mL = 100 mg')).toBeTruthy();
    const card = () => document.querySelector('.dose-agent')!.textContent!;
    expect(card()).toMatch(/50 % — Within maximum/);
    expect(card()).toMatch(/200 mg \(ceiling; by weight 210 mg\)/);

    // Lidocaine 1 % 25 mL = 250 mg. Region not chosen: the lower maximum (UK BNF: 3 mg/kg × 70 = 210,
    // ceiling 200 mg) applies and the card says so → 125 %, over.
    fireEvent.change(screen.getByRole('combobox', { name: 'Agent' }), { target: { value: 'lidocaine' } });
    fireEvent.change(field('Concentration (%)'), { target: { value: '1' } });
    fireEvent.change(field('Volume (mL)'), { target: { value: '25' } });
    expect(card()).toMatch(/125 % — Over the maximum/);
    expect(card()).toMatch(/UK: the lower of US and UK \(region not chosen\)/);
    // US label: 300 mg ceiling (4.5 mg/kg × 70 = 315) → 83 %, caution (the threshold is a labelled default).
    await userEvent.click(screen.getByRole('button', { name: 'Dose limits: US labels' }));
    expect(card()).toMatch(/83 % — Caution: 80 % or more of the maximum/);
    expect(card()).toMatch(/US labels/);
    // A stricter threshold set for this note moves the caution line.
    fireEvent.change(field('Caution at (% of maximum)'), { target: { value: '90' } });
    expect(card()).toMatch(/83 % — Within maximum/);
    fireEvent.change(field('Caution at (% of maximum)'), { target: { value: '' } });
    // UK: over again.
    await userEvent.click(screen.getByRole('button', { name: 'Dose limits: UK (SmPC, BNF)' }));
    expect(card()).toMatch(/125 % — Over the maximum/);
    expect(screen.getAllByText(/above the maximum/).length).toBeGreaterThan(0);
  });

  it('uses ideal body weight (Devine) from height and sex when asked', async () => {
    render(<NoteEditor />);
    fireEvent.change(field('Weight (kg)'), { target: { value: '100' } });
    fireEvent.change(field('Height (cm)'), { target: { value: '180' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Sex (for ideal body weight): Male' })[0]!);
    fireEvent.click(screen.getByRole('button', { name: 'Dose limits: US labels' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Add an injection' }), { target: { value: 'bupivacaine' } });
    fireEvent.change(field('Concentration (%)'), { target: { value: '0.5' } });
    fireEvent.change(field('Volume (mL)'), { target: { value: '25' } });
    const card = () => document.querySelector('.dose-agent')!.textContent!;
    // 125 mg; actual 100 kg: lower of 2 mg/kg × 100 = 200 and 175 mg → 71 %.
    expect(card()).toMatch(/71 % — Within maximum/);
    // IBW = 50 + 2.3 × (180 / 2.54 − 60) = 74.99 kg; 2 mg/kg × 74.99 = 149.98 mg → 83 %.
    fireEvent.click(screen.getByRole('button', { name: 'Weight for mg/kg maxima: Ideal (Devine)' }));
    expect(card()).toMatch(/83 % — Caution/);
    expect(document.querySelector('.dose-weight')!.textContent).toMatch(/75 kg \(ideal body weight\)/);
  });

  it('keeps an invalid value in its field with the reason beside it, and does not store it', () => {
    render(<NoteEditor />);
    const w = field('Weight (kg)') as HTMLInputElement;
    fireEvent.change(w, { target: { value: '70' } });
    fireEvent.change(w, { target: { value: '7o' } });
    expect(w.value).toBe('7o');
    expect(w.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(w.getAttribute('aria-describedby')!)!.textContent).toContain('Enter a number in kg.');
    expect(storedNote(plan()).preChecks.weightKg).toBe(70);
    expect(screen.getByText(/1 field to correct/)).toBeTruthy();
    fireEvent.change(w, { target: { value: '72' } });
    expect(storedNote(plan()).preChecks.weightKg).toBe(72);
    expect(screen.queryByText(/field to correct/)).toBeNull();
  });

  it('rejects a name the SR cannot carry in the field, with the reason, before any export', () => {
    render(<NoteEditor />);
    const name = field('Patient name') as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'A^B^C^D^E^F' } });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toContain('A name has at most 5 parts separated by ^');
    expect(storedNote(plan()).identity.patientName).toBeUndefined();
    fireEvent.change(name, { target: { value: 'Smith\u0007^John' } });
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toContain('Remove the control character');
    expect(screen.getByText(/1 field to correct/)).toBeTruthy();
  });

  it('the preview renders user text as text, never as markup', () => {
    render(<NoteEditor />);
    fireEvent.change(field('Indication'), { target: { value: '<img src=x onerror=alert(1)> thoracotomy' } });
    const preview = screen.getByRole('article', { name: 'Note preview' });
    expect(preview.querySelector('img[src="x"]')).toBeNull();
    expect(within(preview).getByText('<img src=x onerror=alert(1)> thoracotomy')).toBeTruthy();
  });
});

describe('side check before export (dialog)', () => {
  it('shows the planned side large, refuses the wrong side with what disagrees, exports on the right side', async () => {
    const { saved } = recordingBridge();
    render(<ExportDialog initialFormats={['md']} onClose={() => undefined} />);
    expect(screen.getByTestId('sbyb-planned-side').textContent).toBe('Right');
    const confirm = () => screen.getByRole('button', { name: /^(Check|Choose)/ });
    expect((confirm() as HTMLButtonElement).disabled).toBe(true); // no side chosen yet: nothing preselected
    expect(unnamed(document.body)).toEqual([]);
    await userEvent.click(screen.getByRole('radio', { name: 'Left' }));
    await userEvent.click(confirm());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("The plan's block side is Right.");
    expect(alert.textContent).toContain('You stated Left');
    expect(alert.textContent).toMatch(/How to resolve/);
    expect(saved).toEqual([]);
    await userEvent.click(screen.getByRole('radio', { name: 'Right' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Check Right and export Markdown' }));
    await screen.findByRole('dialog', { name: 'Note exported' }, { timeout: 15_000 });
    expect(saved.map((f) => f.kind)).toEqual(['note-md']);
    const md = new TextDecoder().decode(saved[0]!.bytes);
    // Three records, apart: the plan's side, the export check, and the Stop moment only as recorded.
    expect(md).toContain('| Planned side (in the plan) | Right |');
    expect(md).toContain('| Side stated at export (export check) | Right |');
    expect(md).toContain('| Stop moment before needle insertion (two-person check of mark and consent) | not recorded |');
    expect(md).not.toMatch(/matches the plan/);
  });

  it('shows the Stop moment as the note records it; the export check never records it', async () => {
    recordingBridge();
    render(<ExportDialog initialFormats={['md']} onClose={() => undefined} />);
    expect(screen.getByTestId('sbyb-stop-moment').textContent).toContain('not recorded');
    await userEvent.click(screen.getByRole('radio', { name: 'Right' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check Right and export Markdown' }));
    await screen.findByRole('dialog', { name: 'Note exported' }, { timeout: 15_000 });
    expect(storedNote(plan()).preChecks.stopMomentDone).toBeUndefined();
  });
});

describe('safety checks in the editor', () => {
  it('has no "all safety checks" shortcut: each check is its own answer, the Stop moment with who and when', async () => {
    render(<NoteEditor />);
    expect(screen.queryByRole('button', { name: /all safety checks/i })).toBeNull();
    for (const name of ['Site mark checked', 'WHO sign-in / time-out', 'IV access', 'Resuscitation equipment and lipid available', 'Stop moment performed before needle insertion']) {
      expect(screen.getByRole('group', { name })).toBeTruthy();
    }
    await userEvent.click(screen.getByRole('button', { name: 'Site mark checked: Yes' }));
    expect(storedNote(plan()).preChecks).toMatchObject({ siteMarkChecked: 'yes' });
    expect(storedNote(plan()).preChecks.stopMomentDone).toBeUndefined();
    expect(storedNote(plan()).preChecks.whoChecklist).toBeUndefined();
    await userEvent.click(screen.getByRole('button', { name: 'Stop moment performed before needle insertion: Yes' }));
    fireEvent.change(field('Stop moment performed by'), { target: { value: 'Dr A and ODP B' } });
    expect(storedNote(plan()).preChecks).toMatchObject({ stopMomentDone: 'yes', stopMomentBy: 'Dr A and ODP B' });
  });
});

describe('LAST essentials', () => {
  it('shows the checklist and lipid volumes for the note’s weight', () => {
    render(<LastDialog onClose={() => undefined} />);
    const dlg = screen.getByRole('dialog', { name: /LAST/ });
    expect(within(dlg).getByText('Stop injecting LA.')).toBeTruthy();
    fireEvent.change(within(dlg).getByRole('textbox', { name: /Weight for lipid volumes/ }), { target: { value: '80' } });
    // > 70 kg: 100 mL bolus, then 200–250 mL; UK 1.5 mL/kg = 120 mL, 15 mL/kg/h = 1200 mL/h; 12 mL/kg = 960 mL.
    const table = within(dlg).getByRole('table');
    expect(table.textContent).toContain('100 mL over 2–3 min');
    expect(table.textContent).toContain('200 mL–250 mL over 15–20 min');
    expect(table.textContent).toContain('120 mL over 1 min');
    expect(table.textContent).toContain('1200 mL/h');
    expect(table.textContent).toContain('960 mL');
  });
});

describe('commands and the Note tab', () => {
  it('registers file.exportNote (Ctrl+E), help.last and opens the dialogs', async () => {
    render(<NoteHost />);
    const cmds = useCommands.getState().commands;
    expect(cmds['file.exportNote']?.shortcut).toBe('Mod+E');
    expect(cmds['help.last']).toBeTruthy();
    act(() => void dispatch('help.last'));
    expect(await screen.findByRole('dialog', { name: /LAST/ })).toBeTruthy();
    act(() => useNoteUi.getState().setLastOpen(false));
    act(() => void dispatch('file.exportNote'));
    expect(await screen.findByRole('dialog', { name: 'Side check before export' })).toBeTruthy();
  });

  it('the Note tab shows block, side, planned numbers and the export buttons, all named', () => {
    render(<NotePanel />);
    expect(screen.getByRole('heading', { name: /paravertebral/i })).toBeTruthy();
    expect(screen.getByText('Skin-to-target depth')).toBeTruthy();
    for (const f of ['PDF', 'Markdown', 'HTML (self-contained)', 'DICOM Structured Report', 'FHIR R4 Bundle (JSON)']) expect(screen.getByRole('button', { name: `Export ${f}…` })).toBeTruthy();
    expect(unnamed(document.body)).toEqual([]);
  });
});
