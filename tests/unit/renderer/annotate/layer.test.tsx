import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDicom } from '../../../../core/dicom/index';
import { computeNeedleMetrics, formatMeasurement } from '../../../../core/geometry/index';
import { annotationsForPath, beamOf } from '../../../../core/plan/index';
import { AnnotationLayer } from '../../../../renderer/annotate/AnnotationLayer';
import { useTool } from '../../../../renderer/state/tool';
import { fitTransform, toImage, toScreen } from '../../../../core/geometry/view-transform';
import { useViewerLink } from '../../../../renderer/state/viewerLink';
import { useCase } from '../../../../renderer/state/case';
import { repoRoot } from '../../../support/shared';

/**
 * The annotation layer on a real clip (the synthetic TPVB sample: 640 × 480 px, 0.15 mm/px inside
 * its calibrated region x 160–479, y 20–479), drawn into a 1280 × 960 overlay (2 screen px per image px).
 */
const SAMPLE = path.join(repoRoot, 'assets/samples/thoracic-paravertebral.dcm');
let bytes: Uint8Array;
const W = 1280;
const H = 960;
const T = fitTransform({ columns: 640, rows: 480 }, { width: W, height: H });

beforeAll(() => {
  bytes = new Uint8Array(readFileSync(SAMPLE));
});
beforeEach(() => {
  useCase.getState().reset();
  useTool.setState({ tool: 'select', draft: null, textFor: null, scope: 'frame', needleMode: 'in-plane', next: { structureId: null, label: '', role: 'landmark' } });
});
afterEach(() => {
  useViewerLink.getState().set({ fileId: null, facts: null, clipId: null });
});

async function renderLayer(frameIndex = 3) {
  const seeks: number[] = [];
  const r = render(
    <div data-testid="host" style={{ position: 'relative' }}>
      <AnnotationLayer file={{ id: 'f1', name: 'tpvb.dcm', path: '/clips/tpvb.dcm', bytes }} frameIndex={frameIndex} frameCount={60} transform={T} width={W} height={H} onSeek={(i) => seeks.push(i)} />
    </div>,
  );
  // The layer hashes the clip after its first paint, when the page is idle, off the main thread
  // where it can (asynchronously in any case): wait for the facts rather than a fixed time.
  await waitFor(() => expect(useViewerLink.getState().facts?.columns).toBe(640), { timeout: 10_000 });
  return { ...r, host: screen.getByTestId('host'), seeks };
}

/** Press, optionally drag, and release the left button at screen points (image px given). */
function click(host: HTMLElement, imagePt: { x: number; y: number }) {
  const s = toScreen(T, imagePt);
  fireEvent.pointerDown(host, { button: 0, clientX: s.x, clientY: s.y, pointerId: 1 });
  fireEvent.pointerUp(host, { button: 0, clientX: s.x, clientY: s.y, pointerId: 1 });
}

describe('annotation layer', () => {
  it('draws a line with click–click, adds the clip to the case in the same undo step, on the shown frame', async () => {
    const { host, container } = await renderLayer(3);
    act(() => useTool.getState().setTool('line'));
    act(() => {
      click(host, { x: 200, y: 300 });
      click(host, { x: 400, y: 320 });
    });
    const plan = useCase.getState().history.present;
    expect(plan.clips).toHaveLength(1);
    expect(plan.clips[0]!.rows).toBe(480);
    expect(plan.clips[0]!.frameCount).toBe(60);
    expect(plan.annotations).toHaveLength(1);
    const a = plan.annotations[0]!;
    expect(a.kind).toBe('line');
    expect(a.frameIndex).toBe(3);
    expect(a.points[0]!.x).toBeCloseTo(200, 9);
    expect(a.points[1]!.y).toBeCloseTo(320, 9);
    expect(useCase.getState().selection).toEqual({ kind: 'annotation', id: a.id });
    // Its length beside it: hypot(200, 20) px × 0.15 mm/px = 30.15 mm, shown to 0.1 mm.
    expect(container.querySelector(`[data-annotation-id="${a.id}"] text.ann-label`)?.textContent).toBe('30.1 mm');
    // One undo removes both the line and the clip it added.
    act(() => useCase.getState().undo());
    expect(useCase.getState().history.present.clips).toHaveLength(0);
    expect(useCase.getState().history.present.annotations).toHaveLength(0);
  });

  it('a point placed before the clip is hashed is added once it is, on the frame it was placed on (not lost)', async () => {
    // Bytes the facts cache has not seen: the layer has no facts until its hash is taken.
    const fresh = bytes.slice();
    const { container } = render(
      <div data-testid="host" style={{ position: 'relative' }}>
        <AnnotationLayer file={{ id: 'f2', name: 'tpvb-copy.dcm', path: '/clips/tpvb-copy.dcm', bytes: fresh }} frameIndex={7} frameCount={60} transform={T} width={W} height={H} onSeek={() => undefined} />
      </div>,
    );
    expect(useViewerLink.getState().facts).toBeNull();
    act(() => useTool.getState().setTool('point'));
    act(() => click(screen.getByTestId('host'), { x: 300, y: 200 }));
    await waitFor(() => expect(useCase.getState().history.present.annotations).toHaveLength(1), { timeout: 10_000 });
    const plan = useCase.getState().history.present;
    expect(plan.clips).toHaveLength(1);
    expect(plan.clips[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const a = plan.annotations[0]!;
    expect(a).toMatchObject({ kind: 'point', frameIndex: 7, clipId: plan.clips[0]!.id });
    expect(a.points[0]!.x).toBeCloseTo(300, 9);
    expect(a.points[0]!.y).toBeCloseTo(200, 9);
    await waitFor(() => expect(container.querySelector(`[data-annotation-id="${a.id}"]`)).not.toBeNull());
  });

  it('labels new marks with the chosen structure and role, and draws them in the role colour class', async () => {
    const { container, host } = await renderLayer();
    act(() => {
      useTool.getState().setNext({ structureId: 'parietal-pleura', label: 'Parietal pleura / lung', role: 'at-risk' });
      useTool.getState().setTool('polyline');
    });
    act(() => {
      click(host, { x: 160, y: 390 });
      click(host, { x: 320, y: 395 });
      click(host, { x: 480, y: 389 });
    });
    act(() => {
      fireEvent.keyDown(window, { key: 'Enter' }); // not routed here (the command registry does it)
    });
    expect(useCase.getState().history.present.annotations).toHaveLength(0);
    const step = useTool.getState().draft;
    expect(step?.points).toHaveLength(3);
    // Enter, as the plan.finish command runs it:
    const { finishDrawing } = await import('../../../../renderer/annotate/actions');
    act(() => void finishDrawing());
    const a = useCase.getState().history.present.annotations[0]!;
    expect(a).toMatchObject({ kind: 'polyline', role: 'at-risk', structureId: 'parietal-pleura', label: 'Parietal pleura / lung' });
    expect(container.querySelector(`[data-annotation-id="${a.id}"]`)?.getAttribute('class')).toContain('role-at-risk');
  });

  it('needle path: shows live numbers equal to core/geometry computed independently, in mm', async () => {
    const { host } = await renderLayer(0);
    act(() => {
      useTool.getState().setNext({ structureId: 'parietal-pleura', label: 'pleura', role: 'at-risk' });
      useTool.getState().setTool('line');
    });
    act(() => {
      click(host, { x: 160, y: 392 });
      click(host, { x: 480, y: 387 });
    });
    act(() => useTool.getState().setTool('needle'));
    const entry = { x: 476, y: 20 };
    const target = { x: 256.5, y: 366.5 };
    act(() => {
      click(host, entry);
      click(host, target);
    });
    const plan = useCase.getState().history.present;
    const n = plan.needlePaths[0]!;
    expect(n.entry.x).toBeCloseTo(476, 9);
    const opened = openDicom(bytes);
    if (!opened.ok) throw new Error(opened.error.message);
    const cal = opened.value.calibration;
    const clip = plan.clips[0]!;
    const ref = computeNeedleMetrics(n, annotationsForPath(plan, n), cal, { marginMm: 5, steepAngleDeg: 30, image: { columns: 640, rows: 480 }, beam: beamOf(clip) });
    // Hand-computed: 0.15 mm/px; depth below the region top (y 20): (366.5 − 20) × 0.15 = 51.975 mm.
    expect(ref.targetDepth.unit).toBe('mm');
    expect(ref.targetDepth.value).toBeCloseTo(51.975, 9);
    expect(ref.pathLength.value).toBeCloseTo(Math.hypot(476 - 256.5, 366.5 - 20) * 0.15, 9);
    const hud = screen.getByTestId('needle-hud');
    expect(screen.getByTestId('hud-depth').textContent).toBe(formatMeasurement(ref.targetDepth));
    expect(screen.getByTestId('hud-length').textContent).toBe(formatMeasurement(ref.pathLength));
    expect(hud.textContent).toContain(`${formatMeasurement(ref.angleToSkin!)} to skin`);
    expect(hud.textContent).toContain(`pleura: ${formatMeasurement(ref.clearances[0]!.path.distance)}`);
  });

  it('needle path: the on-image summary shows the plausibility guard (a needle in the note shorter than the path)', async () => {
    const { host } = await renderLayer(0);
    act(() => useTool.getState().setTool('needle'));
    // 0.15 mm/px: hypot(219.5, 346.5) × 0.15 = 61.5 mm of path; the note records a 50 mm needle.
    act(() => {
      click(host, { x: 476, y: 20 });
      click(host, { x: 256.5, y: 366.5 });
    });
    const hud = () => screen.getByTestId('needle-hud');
    expect(hud().querySelector('[data-code="needle-too-short"]')).toBeNull();
    act(() => void useCase.getState().apply({ type: 'set-note', note: { needle: { lengthMm: 50 } } }));
    expect(hud().querySelector('[data-code="needle-too-short"]')?.textContent).toBe('Needle in the note is shorter than the path');
    act(() => void useCase.getState().apply({ type: 'set-note', note: { needle: { lengthMm: 80 } } }));
    expect(hud().querySelector('[data-code="needle-too-short"]')).toBeNull();
  });

  it('select tool: drags a handle (one undo step for the whole drag) and refuses to move a locked mark', async () => {
    const { container, host } = await renderLayer();
    act(() => useTool.getState().setTool('line'));
    act(() => {
      click(host, { x: 200, y: 300 });
      click(host, { x: 400, y: 300 });
    });
    act(() => useTool.getState().setTool('select'));
    const id = useCase.getState().history.present.annotations[0]!.id;
    const hitLayer = container.querySelector(`[data-annotation-id="${id}"] .hit`)!;
    const s0 = toScreen(T, { x: 400, y: 300 });
    act(() => {
      fireEvent.pointerDown(hitLayer, { button: 0, clientX: s0.x + 6, clientY: s0.y + 5, pointerId: 2 }); // within the 10 px handle radius
      fireEvent.pointerMove(window, { clientX: s0.x + 40, clientY: s0.y + 20, pointerId: 2 });
      fireEvent.pointerMove(window, { clientX: s0.x + 80, clientY: s0.y + 40, pointerId: 2 });
      fireEvent.pointerUp(window, { clientX: s0.x + 80, clientY: s0.y + 40, pointerId: 2 });
    });
    const moved = useCase.getState().history.present.annotations[0]!.points[1]!;
    const expected = toImage(T, { x: s0.x + 80, y: s0.y + 40 });
    expect(moved.x).toBeCloseTo(expected.x, 9);
    expect(moved.y).toBeCloseTo(expected.y, 9);
    act(() => useCase.getState().undo());
    expect(useCase.getState().history.present.annotations[0]!.points[1]).toEqual({ x: 400, y: 300 });

    act(() => void useCase.getState().apply({ type: 'edit-annotation', id, changes: { locked: true } }));
    const mid = toScreen(T, { x: 300, y: 300 });
    act(() => {
      fireEvent.pointerDown(container.querySelector(`[data-annotation-id="${id}"] .hit`)!, { button: 0, clientX: mid.x, clientY: mid.y, pointerId: 3 });
      fireEvent.pointerMove(window, { clientX: mid.x + 50, clientY: mid.y + 50, pointerId: 3 });
      fireEvent.pointerUp(window, { pointerId: 3 });
    });
    expect(useCase.getState().history.present.annotations[0]!.points[0]).toEqual({ x: 200, y: 300 });
  });

  it('shows only marks of the shown frame (and those on every frame)', async () => {
    const { container, host, rerender } = await renderLayer(3);
    act(() => useTool.getState().setTool('point'));
    act(() => click(host, { x: 300, y: 300 }));
    act(() => useTool.getState().setScope('all'));
    act(() => click(host, { x: 350, y: 300 }));
    expect(container.querySelectorAll('[data-kind="point"]')).toHaveLength(2);
    rerender(
      <div data-testid="host">
        <AnnotationLayer file={{ id: 'f1', name: 'tpvb.dcm', path: '/clips/tpvb.dcm', bytes }} frameIndex={4} frameCount={60} transform={T} width={W} height={H} />
      </div>,
    );
    expect(container.querySelectorAll('[data-kind="point"]')).toHaveLength(1);
  });
});
