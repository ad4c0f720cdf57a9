import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useGlobalKeys } from '../../../../renderer/ui/useGlobalKeys';
import { useCommands } from '../../../../renderer/state/commands';
import { useLayout } from '../../../../renderer/state/layout';

/** A number field that commits on blur, as the plan panel's settings do. */
function Harness({ committed }: { committed: number[] }) {
  useGlobalKeys();
  return (
    <input
      type="number"
      aria-label="Margin, mm"
      defaultValue={5}
      onBlur={(e) => committed.push(Number(e.target.value))}
    />
  );
}

afterEach(cleanup);

describe('global shortcuts in fields', () => {
  it('Ctrl+S runs Save while a number field has focus, after the field committed its value; plain keys and Ctrl+Z stay the field’s', () => {
    useLayout.setState({ dialog: null });
    const ran: string[] = [];
    const committed: number[] = [];
    const off = useCommands.getState().register([
      { id: 'test.save', label: 'Save', group: 'File', shortcut: 'Mod+S', run: () => ran.push(`save after ${committed.join(',')}`) },
      { id: 'test.undo', label: 'Undo', group: 'Edit', shortcut: 'Mod+Z', run: () => ran.push('undo') },
      { id: 'test.tool', label: 'Line', group: 'Tools', shortcut: 'M', run: () => ran.push('tool') },
    ]);
    try {
      render(<Harness committed={committed} />);
      const field = screen.getByRole('spinbutton', { name: 'Margin, mm' });
      field.focus();
      fireEvent.change(field, { target: { value: '7' } });
      fireEvent.keyDown(field, { key: 'm' });
      fireEvent.keyDown(field, { key: 'z', ctrlKey: true });
      expect(ran).toEqual([]);
      const notPrevented = fireEvent.keyDown(field, { key: 's', ctrlKey: true });
      expect(notPrevented).toBe(false);
      expect(ran).toEqual(['save after 7']);
      expect(document.activeElement).toBe(field);
      // Outside a field the plain shortcut runs as before.
      field.blur();
      fireEvent.keyDown(document.body, { key: 'm' });
      expect(ran).toEqual(['save after 7', 'tool']);
    } finally {
      off();
    }
  });
});
