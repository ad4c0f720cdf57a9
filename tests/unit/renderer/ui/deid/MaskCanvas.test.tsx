/**
 * The mask editor's keyboard: arrows move the selected rectangle (Shift: 10 px) within the image,
 * Alt+arrows resize it, Delete removes it; the canvas has an accessible name that says so.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MaskCanvas } from '../../../../../renderer/ui/deid/MaskCanvas';
import type { Rect } from '../../../../../core/deid/text-detect';

function setup(masks: Rect[], selected: number | null) {
  const onChange = vi.fn();
  const onSelect = vi.fn();
  render(<MaskCanvas rgba={new Uint8ClampedArray(100 * 50 * 4)} width={100} height={50} regions={[]} found={[]} masks={masks} selected={selected} preview={false} onSelect={onSelect} onChange={onChange} />);
  return { canvas: screen.getByRole('img'), onChange, onSelect };
}

describe('MaskCanvas', () => {
  it('moves, resizes and removes the selected rectangle with the keyboard', () => {
    const r = { x0: 10, y0: 10, x1: 30, y1: 20 };
    const { canvas, onChange, onSelect } = setup([r, { x0: 0, y0: 0, x1: 5, y1: 5 }], 0);
    expect(canvas.getAttribute('aria-label')).toMatch(/2 mask rectangles, rectangle 1 selected: arrow keys move it/);
    fireEvent.keyDown(canvas, { key: 'ArrowRight' });
    expect(onChange).toHaveBeenLastCalledWith([{ x0: 11, y0: 10, x1: 31, y1: 20 }, { x0: 0, y0: 0, x1: 5, y1: 5 }]);
    fireEvent.keyDown(canvas, { key: 'ArrowRight', shiftKey: true });
    expect(onChange.mock.lastCall![0][0]).toEqual({ x0: 20, y0: 10, x1: 40, y1: 20 });
    fireEvent.keyDown(canvas, { key: 'ArrowDown', altKey: true });
    expect(onChange.mock.lastCall![0][0]).toEqual({ x0: 10, y0: 10, x1: 30, y1: 21 });
    fireEvent.keyDown(canvas, { key: 'Delete' });
    expect(onChange).toHaveBeenLastCalledWith([{ x0: 0, y0: 0, x1: 5, y1: 5 }]);
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it('keeps a moved rectangle inside the image', () => {
    const { canvas, onChange } = setup([{ x0: 90, y0: 40, x1: 100, y1: 50 }], 0);
    fireEvent.keyDown(canvas, { key: 'ArrowRight', shiftKey: true });
    expect(onChange).toHaveBeenLastCalledWith([{ x0: 90, y0: 40, x1: 100, y1: 50 }]);
  });
});
