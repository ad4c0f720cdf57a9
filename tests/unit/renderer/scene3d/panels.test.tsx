import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProbePose } from '../../../../core/anatomy/plan3d';
import { currentCase, useCase } from '../../../../renderer/state/case';
import { apply3d, editStructures, useScene3d, type ClearanceSummary } from '../../../../renderer/state/scene3d';
import { ProbeImagePanel } from '../../../../renderer/ui/scene3d/ProbeImagePanel';
import type { ModelRef } from '../../../../core/anatomy/plan3d';
import { NeedlePanel } from '../../../../renderer/ui/scene3d/NeedlePanel';
import { StructureTree } from '../../../../renderer/ui/scene3d/StructureTree';
import { ClipTrajectoryOverlay } from '../../../../renderer/ui/scene3d/ClipTrajectoryOverlay';
import { RegistrationPanel } from '../../../../renderer/ui/scene3d/ModelsPanel';
import { composeTrs } from '../../../../renderer/ui/scene3d/transform';
import { addModel, boxMesh, resetStores, structureInfo } from './fixtures';

beforeEach(() => resetStores());

const identity = composeTrs({ translateMm: [0, 0, 0], rotateDeg: [0, 0, 0], scale: 1 });

/** A case whose 3D plan has one imported model with two boxes. */
function sceneWithBoxes() {
  const infos = [structureInfo('m', 'pleura', { label: 'Pleura', group: 'Chest' }), structureInfo('m', 'bone', { label: 'Transverse process', group: 'Chest' })];
  addModel('m', [boxMesh('pleura', [-30, 20, -5], [30, 40, 5]), boxMesh('bone', [-8, 2, -5], [8, 10, 5])], infos);
  act(() => {
    apply3d({ type: 'set-scene3d', scene3d: { models: [{ id: 'm', label: 'Test model', source: { kind: 'file', path: 'm.stl', format: 'stl' }, mmPerUnit: 1, unitsOverridden: false, transform: identity, structures: [] }], atRisk: [], clipLinks: [] }, label: 'Model' });
  });
  return infos;
}

describe('probe image panel: outlines', () => {
  it('asks for a probe when there is none', () => {
    render(<ProbeImagePanel />);
    expect(screen.getByRole('button', { name: /Place probe/ })).toBeTruthy();
  });

  it('draws a labelled contour for every structure the plane cuts, and updates when the probe moves', () => {
    sceneWithBoxes();
    const pose: ProbePose = { kind: 'linear', position: [0, 0, 0], beamDir: [0, 1, 0], lateralDir: [1, 0, 0], depthMm: 50, widthMm: 38 };
    act(() => {
      apply3d({ type: 'set-probe-3d', probe: pose, label: 'Probe' });
      useScene3d.getState().setImageMode('outlines');
    });
    render(<ProbeImagePanel />);
    const panel = screen.getByTestId('cross-section');
    expect(panel.getAttribute('data-structures')).toBe('2');
    const svg = within(panel).getByRole('img');
    expect(svg.getAttribute('aria-label')).toMatch(/Pleura/);
    expect(svg.querySelectorAll('polygon.s3d-contour')).toHaveLength(2);
    const names = [...svg.querySelectorAll('text.s3d-section-label')].map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') || t.textContent);
    expect(names.sort()).toEqual(['Pleura', 'Transverse process']);
    // Slide the probe 20 mm out of the boxes (z = 20): nothing is cut any more.
    act(() => {
      apply3d({ type: 'set-probe-3d', probe: { ...pose, position: [0, 0, 20] }, label: 'Probe' });
    });
    expect(screen.getByTestId('cross-section').getAttribute('data-structures')).toBe('0');
  });
});

describe('needle panel', () => {
  it('shows the numbers of a needle (hand-computed: 50 mm long, 40 mm deep, 37° to the normal, 37° cranial)', () => {
    sceneWithBoxes();
    act(() => {
      apply3d({ type: 'set-trajectory-3d', trajectory: { entry: [0, 80, 0], target: [0, 40, 30], entryNormal: [0, 1, 0] }, label: 'Needle' });
    });
    render(<NeedlePanel />);
    const text = screen.getByLabelText('Needle numbers').textContent!;
    expect(screen.getByTestId('needle-length').textContent).toBe('50.0 mm');
    expect(text).toContain('Target depth40.0 mm');
    expect(text).toContain('Angle to skin normal37°');
    expect(text).toContain('Cranio-caudal37° cranial');
    expect(text).toContain('toward anterior');
  });

  it('warns with an icon and text at the first structure the needle would pierce', () => {
    const [pleura] = sceneWithBoxes();
    act(() => {
      apply3d({ type: 'set-trajectory-3d', trajectory: { entry: [0, 80, 0], target: [0, 30, 0], entryNormal: [0, 1, 0] }, label: 'Needle' });
      editStructures('At risk', [pleura!], { role: 'at-risk' });
    });
    const clearance: ClearanceSummary = {
      key: 'k',
      entries: [{ ref: 'm/pleura', label: 'Pleura', distanceMm: 0, depthAlongNeedleMm: 40, pointOnNeedle: [0, 40, 0], pointOnStructure: [0, 40, 0], firstHit: { depthMm: 40, point: [0, 40, 0] }, tipInside: true }],
      firstPierced: { ref: 'm/pleura', label: 'Pleura', depthMm: 40, point: [0, 40, 0] },
      computeMs: 0.1,
    };
    act(() => useScene3d.getState().setClearance(clearance));
    render(<NeedlePanel />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('⚠');
    expect(alert.textContent).toContain('The needle would pierce Pleura at 40 mm from the entry.');
    expect(within(screen.getByRole('table', { name: '3D needle clearance to at-risk structures' })).getByText('pierced')).toBeTruthy();
  });

  it('sets the needle from typed coordinates', () => {
    sceneWithBoxes();
    render(<NeedlePanel />);
    fireEvent.click(screen.getByText('Type coordinates'));
    const set = (name: string, v: string) => fireEvent.change(screen.getByLabelText(new RegExp(`^${name}`)), { target: { value: v } });
    set('Entry x', '0');
    set('Entry y', '80');
    set('Entry z', '0');
    set('Target x', '0');
    set('Target y', '40');
    set('Target z', '30');
    fireEvent.click(screen.getByRole('button', { name: 'Set needle' }));
    expect(currentCase().scene3d?.trajectory).toEqual({ entry: [0, 80, 0], target: [0, 40, 30] });
    expect(screen.getByTestId('needle-length').textContent).toBe('50.0 mm');
  });
});

describe('structure tree', () => {
  it('lists models and structures; visibility, colour and role go into the case (undoable)', () => {
    sceneWithBoxes();
    render(<StructureTree />);
    expect(screen.getByText('Test model')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Expand Chest' }));
    const show = screen.getByRole('checkbox', { name: 'Show Pleura' }) as HTMLInputElement;
    expect(show.checked).toBe(true);
    fireEvent.click(show);
    expect(currentCase().scene3d!.models[0]!.structures.find((s) => s.name === 'pleura')!.visible).toBe(false);
    fireEvent.change(screen.getByRole('combobox', { name: 'Role of Pleura' }), { target: { value: 'at-risk' } });
    expect(currentCase().scene3d!.atRisk).toEqual(['m/pleura']);
    fireEvent.change(screen.getByLabelText('Colour of Transverse process'), { target: { value: '#ff0000' } });
    expect(currentCase().scene3d!.models[0]!.structures.find((s) => s.name === 'bone')!.color).toBe('#ff0000');
    act(() => useCase.getState().undo());
    expect(currentCase().scene3d!.models[0]!.structures.find((s) => s.name === 'bone')).toBeUndefined();
    // Every control has an accessible name.
    for (const el of document.querySelectorAll('input, select, button')) {
      const named = el.getAttribute('aria-label') || el.textContent?.trim() || (el as HTMLInputElement).placeholder;
      expect(named, el.outerHTML).toBeTruthy();
    }
  });

  it('filters by name', () => {
    sceneWithBoxes();
    render(<StructureTree />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a structure' }), { target: { value: 'transv' } });
    expect(screen.getByRole('button', { name: 'Transverse process' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pleura' })).toBeNull();
  });
});

describe('3D needle on a linked clip frame', () => {
  it('draws the projected needle in screen px (solid in plane, dashed out of plane) only on the linked frame', () => {
    const st = useCase.getState();
    st.apply({ type: 'add-clip', clip: { id: 'c1', path: 'c1.dcm', displayName: 'c1.dcm', sha256: 'b'.repeat(64), sopInstanceUid: null, studyInstanceUid: null, seriesInstanceUid: null, frameCount: 10, columns: 400, rows: 500 } });
    const probe: ProbePose = { kind: 'linear', position: [0, 0, 0], beamDir: [0, -1, 0], lateralDir: [1, 0, 0], depthMm: 50, widthMm: 38 };
    act(() => {
      apply3d({ type: 'link-clip-3d', link: { clipId: 'c1', frameIndex: 2, probe, image: { originPx: { x: 100, y: 0 }, mmPerPxX: 0.1, mmPerPxY: 0.1 } }, label: 'Tie' });
      apply3d({ type: 'set-trajectory-3d', trajectory: { entry: [0, 0, 0], target: [10, -20, 0] } });
    });
    // Screen = 2 × image px + (5, 7).
    const toScreen = (p: { x: number; y: number }) => ({ x: 2 * p.x + 5, y: 2 * p.y + 7 });
    const { container, rerender } = render(
      <svg>
        <ClipTrajectoryOverlay clipId="c1" frameIndex={2} toScreen={toScreen} />
      </svg>,
    );
    const line = container.querySelectorAll('line')[1]!;
    // Entry px (100, 0) → (205, 7); target 10 mm left, 20 mm deep = px (200, 200) → (405, 407).
    expect([line.getAttribute('x1'), line.getAttribute('y1'), line.getAttribute('x2'), line.getAttribute('y2')]).toEqual(['205', '7', '405', '407']);
    expect(line.getAttribute('stroke-dasharray')).toBeNull();
    rerender(
      <svg>
        <ClipTrajectoryOverlay clipId="c1" frameIndex={3} toScreen={toScreen} />
      </svg>,
    );
    expect(container.querySelector('[data-testid="trajectory-3d-on-clip"]')).toBeNull();
    act(() => {
      apply3d({ type: 'set-trajectory-3d', trajectory: { entry: [0, 0, 0], target: [10, -20, 4] }, label: 'Move' });
    });
    rerender(
      <svg>
        <ClipTrajectoryOverlay clipId="c1" frameIndex={2} toScreen={toScreen} />
      </svg>,
    );
    expect(container.querySelectorAll('line')[1]!.getAttribute('stroke-dasharray')).toBe('6 5');
    expect(container.textContent).toContain('4.0 mm out of plane');
  });
});

describe('landmark registration panel', () => {
  it('shows the RMS error of the picked pairs and applies the transform to the moving model', () => {
    addModel('a', [boxMesh('a', [0, 0, 0], [10, 10, 10])]);
    addModel('b', [boxMesh('b', [0, 0, 0], [10, 10, 10])]);
    const ref = (id: string) => ({ id, label: `Model ${id}`, source: { kind: 'file' as const, path: `${id}.stl`, format: 'stl' as const }, mmPerUnit: 1, unitsOverridden: false, transform: identity, structures: [] });
    act(() => {
      apply3d({ type: 'set-scene3d', scene3d: { models: [ref('a'), ref('b')] as ModelRef[], atRisk: [], clipLinks: [] }, label: 'Models' });
    });
    // Known rigid motion: 90° about Z, then +(50, −20, 5) mm.
    const truth = composeTrs({ translateMm: [50, -20, 5], rotateDeg: [0, 0, 90], scale: 1 });
    const moving: [number, number, number][] = [[0, 0, 0], [30, 0, 0], [0, 40, 0], [5, 5, 25]];
    const fixed = moving.map((p) => [truth[0]! * p[0] + truth[4]! * p[1] + truth[8]! * p[2] + truth[12]!, truth[1]! * p[0] + truth[5]! * p[1] + truth[9]! * p[2] + truth[13]!, truth[2]! * p[0] + truth[6]! * p[1] + truth[10]! * p[2] + truth[14]!] as [number, number, number]);
    act(() => useScene3d.getState().setRegistration({ movingId: 'a', fixedId: 'b', kind: 'rigid', moving, fixed, picking: null }));
    render(<RegistrationPanel />);
    expect(screen.getByTestId('registration-rms').textContent).toMatch(/RMS error 0\.00 mm/);
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const m = currentCase().scene3d!.models.find((x) => x.id === 'a')!.transform;
    m.forEach((v, i) => expect(v).toBeCloseTo(truth[i]!, 9));
    expect(useScene3d.getState().registration).toBeNull();
  });

  it('says why it cannot register (collinear points)', () => {
    addModel('a', [boxMesh('a', [0, 0, 0], [10, 10, 10])]);
    addModel('b', [boxMesh('b', [0, 0, 0], [10, 10, 10])]);
    const ref = (id: string) => ({ id, label: `Model ${id}`, source: { kind: 'file' as const, path: `${id}.stl`, format: 'stl' as const }, mmPerUnit: 1, unitsOverridden: false, transform: identity, structures: [] });
    act(() => {
      apply3d({ type: 'set-scene3d', scene3d: { models: [ref('a'), ref('b')] as ModelRef[], atRisk: [], clipLinks: [] }, label: 'Models' });
    });
    const line: [number, number, number][] = [[0, 0, 0], [1, 0, 0], [2, 0, 0]];
    act(() => useScene3d.getState().setRegistration({ movingId: 'a', fixedId: 'b', kind: 'similarity', moving: line, fixed: line, picking: null }));
    render(<RegistrationPanel />);
    expect(screen.getByText(/lie \(almost\) on one line/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
