import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../../../../renderer/bridge';
import type { Bridge } from '../../../../../renderer/bridge/types';
import { useTool } from '../../../../../renderer/state/tool';
import { useCase } from '../../../../../renderer/state/case';
import { commandForEvent, dispatch, useCommands } from '../../../../../renderer/state/commands';
import { PlanHost } from '../../../../../renderer/ui/plan/PlanHost';
import { viewerCommands } from '../../../../../renderer/viewer2d/setup';

/** A bridge with an empty recovery slot. */
const quietBridge = {
  mode: 'browser',
  readAutosave: async () => null,
  writeAutosave: async () => ({ ok: true, value: null }),
  clearAutosave: async () => undefined,
} as unknown as Bridge;

afterEach(() => setBridgeForTests(null));

describe('plan commands', () => {
  it('registers a shortcut for every tool (group Tools) and the case-file commands, clashing with none of the viewer’s', () => {
    setBridgeForTests(quietBridge);
    render(<PlanHost />);
    const cmds = useCommands.getState().commands;
    for (const t of ['select', 'point', 'line', 'polyline', 'contour', 'ellipse', 'arrow', 'needle']) {
      expect(cmds[`tool.${t}`]?.group, t).toBe('Tools');
      expect(cmds[`tool.${t}`]?.shortcut, t).toMatch(/^[A-Z]$/);
    }
    expect(cmds['file.saveCase']?.shortcut).toBe('Mod+S');
    expect(cmds['file.saveCaseAs']?.shortcut).toBe('Mod+Shift+S');
    expect(cmds['edit.undo']?.shortcut).toBe('Mod+Z');
    const plan = Object.values(cmds).filter((c) => c.id.startsWith('tool.') || c.id.startsWith('plan.') || c.id.startsWith('file.') || c.id.startsWith('edit.'));
    const keys = (s?: string) => (s ? s.split(' or ') : []);
    const viewerKeys = new Map(viewerCommands().flatMap((c) => keys(c.shortcut).map((k) => [k, c.id] as const)));
    for (const c of plan) for (const k of keys(c.shortcut)) expect(viewerKeys.get(k), `${c.id} uses ${k}`).toBeUndefined();
  });

  it('keys reach the tools through the registry: N picks the needle, Escape cancels a drawing', () => {
    setBridgeForTests(quietBridge);
    render(<PlanHost />);
    const press = (key: string) => {
      const c = commandForEvent(new KeyboardEvent('keydown', { key }));
      if (c && (!c.enabled || c.enabled())) c.run();
    };
    press('n');
    expect(useTool.getState().tool).toBe('needle');
    useTool.getState().setDraft({ tool: 'needle', points: [{ x: 1, y: 1 }], cursor: null, pressed: false, pressAt: null, freehand: false });
    press('Escape');
    expect(useTool.getState().draft).toBeNull();
    press('v');
    expect(useTool.getState().tool).toBe('select');
    // Undo/redo are the case's.
    act(() => void useCase.getState().apply({ type: 'set-title', title: 'x' }));
    expect(useCommands.getState().commands['edit.undo']?.label).toBe('Undo rename case');
    act(() => void expect(dispatch('edit.undo')).toBe(true));
    expect(useCase.getState().history.present.title).toBe('Untitled case');
  });
});
