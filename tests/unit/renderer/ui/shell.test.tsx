import { describe, expect, it, beforeEach } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../../renderer/ui/App';
import { useLayout } from '../../../../renderer/state/layout';
import { useMessages, reportError } from '../../../../renderer/state/messages';
import { dispatch, useCommands } from '../../../../renderer/state/commands';
import { usePlanDialog } from '../../../../renderer/state/planDialogs';

beforeEach(() => {
  useLayout.setState({ view: '2d', dialog: null, leftOpen: true, rightOpen: true });
  usePlanDialog.getState().close();
  useMessages.getState().clear();
});

describe('app shell', () => {
  it('shows the empty state with its actions', async () => {
    render(<App />);
    const empty = await screen.findByTestId('empty-state');
    expect(within(empty).getByRole('button', { name: /Open DICOM/ })).toBeTruthy();
    expect(within(empty).getByRole('button', { name: /Open sample case/ })).toBeTruthy();
    expect(within(empty).getByText(/drop DICOM files/)).toBeTruthy();
  });

  it('registers "Open sample case" once (the plan’s samples dialog), and not again when other commands change', async () => {
    const registered: string[] = [];
    const register = useCommands.getState().register;
    useCommands.setState({ register: (cmds) => (registered.push(...cmds.map((c) => c.id)), register(cmds)) });
    try {
      render(<App />);
      await screen.findByTestId('empty-state');
      expect(registered.filter((id) => id === 'file.openSample')).toHaveLength(1);
      const off = useCommands.getState().register([{ id: 'test.other', label: 'Other', group: 'Help', run: () => undefined }]);
      off();
      expect(registered.filter((id) => id === 'file.openSample')).toHaveLength(1);
      act(() => void dispatch('file.openSample'));
      expect(await screen.findByRole('dialog', { name: 'Open a sample case' })).toBeTruthy();
    } finally {
      useCommands.setState({ register });
    }
  });

  it('gives every control an accessible name', async () => {
    render(<App />);
    await screen.findByTestId('empty-state');
    for (const b of screen.getAllByRole('button')) {
      const name = b.getAttribute('aria-label') ?? b.textContent ?? '';
      expect(name.trim().length, b.outerHTML).toBeGreaterThan(0);
    }
  });

  it('opens the shortcuts dialog with ? and closes it with Escape', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByTestId('empty-state');
    await user.keyboard('?');
    const dlg = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dlg).getByText('Open DICOM…')).toBeTruthy();
    expect(document.activeElement && dlg.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('switches the viewport layout from the toolbar', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('radio', { name: 'Split 2D and 3D' }));
    expect(useLayout.getState().view).toBe('split');
    expect(screen.getByRole('radio', { name: 'Split 2D and 3D' }).getAttribute('aria-checked')).toBe('true');
  });

  it('shows the About dialog with the not-a-medical-device statement', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('button', { name: 'About BlockPlan' }));
    const dlg = await screen.findByRole('dialog', { name: 'About BlockPlan' });
    expect(within(dlg).getByText(/planning and teaching aid, not a medical device/)).toBeTruthy();
  });

  it('shows errors from the messages store with details on demand', async () => {
    const user = userEvent.setup();
    render(<App />);
    act(() => {
      reportError({ code: 'dicom/truncated', title: 'The clip is truncated', action: 'Frames 1–7 are shown.', detail: 'pixel data ends at byte 1000', file: 'clip.dcm' });
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The clip is truncated')).toBeTruthy();
    expect(within(alert).queryByText(/pixel data ends/)).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'Details' }));
    expect(within(alert).getByText(/pixel data ends/)).toBeTruthy();
    await user.click(within(alert).getByRole('button', { name: /Dismiss message/ }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
