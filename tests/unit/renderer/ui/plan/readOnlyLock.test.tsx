/**
 * A read-only teaching case (useCase `readOnly`, issue 15) under review: every control of the plan
 * panels that would change the expert's plan is disabled (read-only for text), says why in its title
 * and accessible description, and clicking it leaves the plan as it was; the same controls edit again
 * once read-only is lifted (as rehearsal and "Edit as educator" do). Edit keys are refused with the reason.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../../../../renderer/bridge';
import type { Bridge } from '../../../../../renderer/bridge/types';
import { READ_ONLY_REASON, useCase } from '../../../../../renderer/state/case';
import { useCommands } from '../../../../../renderer/state/commands';
import { useTool } from '../../../../../renderer/state/tool';
import { useViewer } from '../../../../../renderer/state/viewer';
import { useViewerLink } from '../../../../../renderer/state/viewerLink';
import { AnnotationsPanel } from '../../../../../renderer/ui/plan/AnnotationsPanel';
import { PlanHost } from '../../../../../renderer/ui/plan/PlanHost';
import { PlanPanel } from '../../../../../renderer/ui/plan/PlanPanel';
import { KeyFramesPanel } from '../../../../../renderer/ui/KeyFramesPanel';
import { loadSample } from '../../../core/rehearsal/fixtures';

const REASON = 'This teaching case is read-only: the plan is the expert’s answer.';

/** The paravertebral sample open read-only, as a teaching bundle under review; its key frames shown by the viewer. */
function openTeachingCase() {
  const { plan, ctx } = loadSample('thoracic-paravertebral');
  const clipId = plan.clips[0]!.id;
  useCase.getState().load(plan, { path: null, name: 'case.bpcasez', bundled: true, origin: 'file' }, { [clipId]: { location: 'Clip 1', onDisk: false, bytes: null, calibration: ctx.calibration } }, { saved: true });
  useCase.getState().setReadOnly({ published: false, reviewing: true });
  useViewer.setState({ keyFrames: plan.keyFrames });
  useViewerLink.getState().set({ fileId: null, facts: null, clipId, transform: null, seek: null, showFile: null, fileBytes: null }); // its clip on screen
  return plan;
}

/** The accessible description from aria-describedby (the text of each element it names, in order). */
const described = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

/** Controls that change the plan: named (aria-label or label) as the panels name them. */
function editingControls(root: HTMLElement): HTMLElement[] {
  const r = within(root);
  return [
    ...r.getAllByRole('button', { name: /^Remove key frame / }),
    ...r.getAllByRole('textbox', { name: /Concentration|Volume per site|Sites per side|Sides|Skin infiltration/ }),
    r.getByRole('combobox', { name: 'Agent' }),
    r.getByRole('checkbox', { name: /With adrenaline/ }),
    r.getByRole('combobox', { name: 'Drug' }),
    r.getByRole('spinbutton', { name: 'Clearance margin, mm' }),
  ];
}

beforeEach(() => {
  useTool.setState({ tool: 'select', draft: null });
});
afterEach(() => {
  useCase.getState().reset();
  useViewer.setState({ keyFrames: [] });
  setBridgeForTests(null);
});

describe('read-only teaching case: plan controls say why they do not edit', () => {
  it('the Plan panel: key-frame ×, dose and drug fields and settings are disabled or read-only with the reason; a click changes nothing', () => {
    expect(READ_ONLY_REASON).toBe(REASON);
    const plan = openTeachingCase();
    expect(plan.keyFrames.length).toBeGreaterThan(0);
    const { container } = render(<PlanPanel />);
    const controls = editingControls(container);
    expect(controls.length).toBeGreaterThanOrEqual(plan.keyFrames.length + 8);
    for (const el of controls) {
      const locked = (el as HTMLInputElement).disabled || (el as HTMLInputElement).readOnly;
      expect(locked, el.outerHTML).toBe(true);
      expect(el.getAttribute('title'), el.outerHTML).toBe(REASON);
      expect(described(el), el.outerHTML).toContain(REASON);
    }
    // Text fields are read-only, not disabled: their values stay readable and copyable.
    const conc = within(container).getByRole('textbox', { name: /Concentration/ }) as HTMLInputElement;
    expect(conc.disabled).toBe(false);
    expect(described(conc)).toBe(`0.5 % = 5 mg/mL ${REASON}`);
    // The × of a key frame neither removes it from the list nor from the plan.
    const before = useCase.getState().history.present;
    fireEvent.click(within(container).getAllByRole('button', { name: /^Remove key frame / })[0]!);
    expect(useViewer.getState().keyFrames).toHaveLength(plan.keyFrames.length);
    expect(useCase.getState().history.present).toBe(before);
    // Jumping to a key frame and choosing marks (reading the plan) stay enabled.
    for (const b of within(container).getAllByRole('button', { name: /^Go to / })) expect((b as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText('No planned dose is checked in a read-only teaching case.')).toBeTruthy();
  });

  it('the Annotations panel: list toggles and the selected mark’s editor are locked; lifting read-only unlocks them', () => {
    const plan = openTeachingCase();
    const a = plan.annotations.find((x) => !x.locked)!;
    useCase.getState().select({ kind: 'annotation', id: a.id });
    const { container, rerender } = render(<AnnotationsPanel />);
    const editor = screen.getByTestId('annotation-editor');
    const fields = [...editor.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')];
    expect(fields.length).toBeGreaterThanOrEqual(7);
    for (const el of fields) {
      expect(el instanceof HTMLInputElement && el.type !== 'checkbox' ? el.readOnly : el.disabled, el.outerHTML).toBe(true);
      expect(described(el), el.outerHTML).toContain(REASON);
    }
    const toggles = within(container).getAllByRole('button', { name: /^(Hide|Show|Lock|Unlock|Delete) / });
    expect(toggles.length).toBe(plan.annotations.length * 2 + plan.needlePaths.length);
    const before = useCase.getState().history.present;
    for (const b of toggles) {
      expect((b as HTMLButtonElement).disabled, b.outerHTML).toBe(true);
      fireEvent.click(b);
    }
    expect(useCase.getState().history.present).toBe(before);

    // Rehearsal and "Edit as educator" lift read-only: the same controls edit, with no reason.
    useCase.getState().setReadOnly(null);
    rerender(<AnnotationsPanel />);
    const hide = within(container).getByRole('button', { name: `Hide ${a.label || a.kind}` });
    expect((hide as HTMLButtonElement).disabled).toBe(false);
    expect(described(hide)).toBe('');
    fireEvent.click(hide);
    expect(useCase.getState().history.present.annotations.find((x) => x.id === a.id)?.visible).toBe(false);
  });

  it('edit keys are refused with the reason: Delete on a selected mark, drawing tools (select stays), K', async () => {
    setBridgeForTests({ mode: 'browser', readAutosave: async () => null, writeAutosave: async () => ({ ok: true, value: null }), clearAutosave: async () => undefined } as unknown as Bridge);
    const { viewerCommands } = await import('../../../../../renderer/viewer2d/setup');
    const off = useCommands.getState().register(viewerCommands().filter((c) => c.id === 'cine.addKeyFrame'));
    try {
      useTool.setState({ tool: 'needle' });
      render(<PlanHost />);
      let plan!: ReturnType<typeof openTeachingCase>;
      act(() => {
        plan = openTeachingCase();
      });
      expect(useTool.getState().tool).toBe('select'); // a drawing tool left on is put down
      useViewer.setState({ clipId: 'file-1' });
      useCase.getState().select({ kind: 'annotation', id: plan.annotations[0]!.id });
      const cmds = useCommands.getState().commands;
      for (const id of ['plan.delete', 'tool.needle', 'tool.point', 'cine.addKeyFrame']) {
        expect(cmds[id]!.enabled!(), id).toBe(false);
        expect(cmds[id]!.disabledReason!(), id).toBe(REASON);
      }
      expect(cmds['tool.select']!.enabled!()).toBe(true);
      // Nothing selected: Delete has nothing to refuse, so says nothing.
      useCase.getState().select(null);
      expect(cmds['plan.delete']!.disabledReason!()).toBeNull();
      // Not read-only: the keys edit again.
      useCase.getState().setReadOnly(null);
      expect(cmds['tool.needle']!.enabled!()).toBe(true);
      expect(cmds['cine.addKeyFrame']!.enabled!()).toBe(true);
    } finally {
      off();
      useViewer.setState({ clipId: null });
    }
  });
});

describe('KeyFramesPanel outside teaching mode', () => {
  it('the × removes the key frame, with no reason attached', () => {
    const plan = openTeachingCase();
    useCase.getState().setReadOnly(null);
    render(<KeyFramesPanel />);
    const x = screen.getAllByRole('button', { name: /^Remove key frame / })[0]!;
    expect(x.getAttribute('title')).toBe('Remove');
    expect(described(x)).toBe('');
    fireEvent.click(x);
    expect(useViewer.getState().keyFrames).toHaveLength(plan.keyFrames.length - 1);
  });
});
