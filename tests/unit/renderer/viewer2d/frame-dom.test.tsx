/**
 * The frame readouts (overlay counter, time, scrubber) follow the viewer store without React
 * re-renders: every change when paused (steps, seeks), at most every READOUT_WHILE_PLAYING_MS while
 * playing, all readouts in the same frame, and the exact frame as soon as playback stops.
 */
import { act, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useViewer } from '../../../../renderer/state/viewer';
import { READOUT_WHILE_PLAYING_MS, useFrameEffect, writeText } from '../../../../renderer/viewer2d/frame-dom';

let renders = 0;
function Readout({ id }: { id: string }) {
  renders++;
  const el = useRef<HTMLSpanElement>(null);
  useFrameEffect((f) => writeText(el.current, `Frame ${f + 1}`), []);
  return <span data-testid={id} ref={el} />;
}

let now = 1000;
beforeEach(() => {
  now = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  useViewer.setState({ clipId: 'c', frameCount: 300, frame: 0, playing: false });
  renders = 0;
});
afterEach(() => vi.restoreAllMocks());

const show = (frame: number, atMs: number) =>
  act(() => {
    now = atMs;
    useViewer.getState().showFrame(frame);
  });

describe('frame readouts', () => {
  it('write every step when paused, throttle while playing, settle on the exact frame when playback stops', () => {
    const { getByTestId } = render(
      <>
        <Readout id="a" />
        <Readout id="b" />
      </>,
    );
    const a = getByTestId('a');
    const b = getByTestId('b');
    expect(a.textContent).toBe('Frame 1');
    const textNode = a.firstChild;
    show(1, 1001);
    show(2, 1002);
    expect(a.textContent).toBe('Frame 3');
    // The same text node is updated (no node replaced: a character change re-lays out one line).
    expect(a.firstChild).toBe(textNode);

    act(() => useViewer.setState({ playing: true }));
    show(3, 2000); // first change while playing: written
    expect(a.textContent).toBe('Frame 4');
    show(4, 2000 + READOUT_WHILE_PLAYING_MS / 2); // too soon
    show(5, 2000 + READOUT_WHILE_PLAYING_MS - 1); // still too soon
    expect([a.textContent, b.textContent]).toEqual(['Frame 4', 'Frame 4']);
    show(6, 2000 + READOUT_WHILE_PLAYING_MS); // due: both readouts in the same frame
    expect([a.textContent, b.textContent]).toEqual(['Frame 7', 'Frame 7']);
    show(7, 2000 + READOUT_WHILE_PLAYING_MS + 16);
    expect(a.textContent).toBe('Frame 7');
    act(() => useViewer.setState({ playing: false }));
    expect([a.textContent, b.textContent]).toEqual(['Frame 8', 'Frame 8']);
    // None of it re-rendered the components.
    expect(renders).toBe(2);
  });
});
