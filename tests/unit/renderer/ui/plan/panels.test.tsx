import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getBlockTemplate } from '../../../../../core/blocks/index';
import { DEFAULT_MARGIN_MM, DEFAULT_STEEP_ANGLE_DEG, formatMeasurement } from '../../../../../core/geometry/index';
import { SETTING_RANGES } from '../../../../../core/plan/schema';
import { measureClip } from '../../../../../core/plan/index';
import { clipFacts, clipRecord } from '../../../../../core/plan/clip-facts';
import { usePlanDialog } from '../../../../../renderer/state/planDialogs';
import { useTool } from '../../../../../renderer/state/tool';
import { useViewerLink } from '../../../../../renderer/state/viewerLink';
import { useCase } from '../../../../../renderer/state/case';
import { BlockCard } from '../../../../../renderer/ui/plan/BlockCard';
import { BlockPicker } from '../../../../../renderer/ui/plan/BlockPicker';
import { parseFrameList } from '../../../../../renderer/ui/plan/AnnotationsPanel';
import { RightPanel } from '../../../../../renderer/ui/RightPanel';
import { repoRoot } from '../../../../support/shared';

let clipBytes: Uint8Array;
beforeAll(() => {
  clipBytes = new Uint8Array(readFileSync(path.join(repoRoot, 'assets/samples/thoracic-paravertebral.dcm')));
});
beforeEach(() => {
  useCase.getState().reset();
  usePlanDialog.setState({ dialog: null });
  useTool.setState({ tool: 'select', draft: null, textFor: null, scope: 'frame', next: { structureId: null, label: '', role: 'landmark' } });
  useViewerLink.getState().set({ fileId: null, facts: null, clipId: null, transform: null, seek: null, showFile: null, fileBytes: null });
});

function expectNamedControls(root: HTMLElement) {
  for (const el of within(root).queryAllByRole('button').concat(within(root).queryAllByRole('combobox'), within(root).queryAllByRole('textbox'), within(root).queryAllByRole('checkbox'), within(root).queryAllByRole('radio'), within(root).queryAllByRole('spinbutton'))) {
    const name = el.getAttribute('aria-label') || el.textContent?.trim() || (el.id && root.querySelector(`label[for="${el.id}"]`)?.textContent) || el.closest('label')?.textContent;
    expect(name?.trim(), el.outerHTML).toBeTruthy();
  }
}

describe('block picker', () => {
  it('finds a block by alias and chooses it with Enter (one undoable edit)', async () => {
    const user = userEvent.setup();
    let closed = false;
    render(<BlockPicker onClose={() => (closed = true)} />);
    const search = screen.getByRole('combobox', { name: /Search blocks/ });
    await user.type(search, 'TPVB');
    const selected = screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true');
    expect(selected?.textContent).toMatch(/^Thoracic paravertebral block/);
    expect(screen.getByRole('article', { name: /Block card: Thoracic paravertebral block/ })).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Side' }), 'right');
    await user.type(screen.getByRole('textbox', { name: 'Level' }), 'T5');
    await user.click(search);
    await user.keyboard('{Enter}');
    expect(closed).toBe(true);
    expect(useCase.getState().history.present.block).toEqual({ templateId: 'thoracic-paravertebral', side: 'right', level: 'T5', approach: null });
    useCase.getState().undo();
    expect(useCase.getState().history.present.block.templateId).toBeNull();
  });

  it('searches aliases and says when nothing matches', async () => {
    const user = userEvent.setup();
    render(<BlockPicker onClose={() => undefined} />);
    const search = screen.getByRole('combobox', { name: /Search blocks/ });
    await user.type(search, 'ESP');
    expect(screen.getAllByRole('option')[0]!.textContent).toMatch(/Erector spinae plane/);
    await user.clear(search);
    await user.type(search, 'zzzz');
    expect(screen.getByText(/No block matches/)).toBeTruthy();
    expectNamedControls(document.body);
  });
});

describe('block card', () => {
  it('shows unknown values as “unknown”, not-applicable ones as such, and links its sources', () => {
    const t = getBlockTemplate('spinal-cord-stimulator-trial')!;
    const { container } = render(<BlockCard t={t} />);
    const card = within(container);
    expect(card.getByText(/Fluoroscopic procedure \(AP and lateral views\)/)).toBeTruthy();
    const needle = container.querySelectorAll('dt');
    const lengthDt = [...needle].find((d) => d.textContent === 'Length')!;
    expect(lengthDt.nextElementSibling!.textContent).toMatch(/^unknown/);
    const volDt = [...needle].find((d) => d.textContent === 'Volume')!;
    expect(volDt.nextElementSibling!.textContent).toMatch(/^not applicable/);
    for (const s of t.sources) for (const u of s.urls) expect(card.getByRole('link', { name: u }).getAttribute('href')).toBe(u);
  });

  it('links only https sources; an http source is shown as text to copy (issue 12 item 13)', () => {
    const t = getBlockTemplate('thoracic-paravertebral')!;
    const urls = t.sources.flatMap((s) => s.urls);
    const http = urls.filter((u) => u.startsWith('http://'));
    expect(http.length).toBeGreaterThan(0);
    const { container } = render(<BlockCard t={t} />);
    const card = within(container);
    for (const u of http) {
      expect(card.queryByRole('link', { name: u })).toBeNull();
      expect(card.getByText(u).getAttribute('title')).toMatch(/does not open it/);
    }
    for (const u of urls.filter((x) => x.startsWith('https://'))) expect(card.getByRole('link', { name: u })).toBeTruthy();
  });

  it('marks [?] values as uncertain, and shows numbers with units and sources as stored', () => {
    const t = getBlockTemplate('ganglion-impar')!;
    const { container } = render(<BlockCard t={t} />);
    const lengthDt = [...container.querySelectorAll('dt')].find((d) => d.textContent === 'Length')!;
    expect(lengthDt.nextElementSibling!.textContent).toContain('[?] uncertain');
    const tp = render(<BlockCard t={getBlockTemplate('thoracic-paravertebral')!} />).container;
    const vol = [...tp.querySelectorAll('dt')].find((d) => d.textContent === 'Volume')!;
    expect(vol.nextElementSibling!.textContent).toMatch(/^15–20 mL \[S3, S5\]/);
    const depth = [...tp.querySelectorAll('dt')].find((d) => d.textContent === 'Typical depth')!;
    expect(depth.nextElementSibling!.textContent).toMatch(/^typical 55 mm \[S6\]/);
  });
});

describe('plan panel', () => {
  function planWithMarks() {
    const facts = clipFacts(clipBytes, 'tpvb.dcm');
    if (!facts.ok) throw new Error('unreadable');
    const st = useCase.getState();
    st.apply({ type: 'set-block', block: { templateId: 'thoracic-paravertebral', side: 'right', level: 'T5', approach: null } });
    st.apply({ type: 'add-clip', clip: { ...clipRecord('c1', 'tpvb.dcm', 'tpvb.dcm', facts.value), beam: { kind: 'linear' } } });
    st.setClipRuntime('c1', { location: 'tpvb.dcm', onDisk: true, bytes: clipBytes, calibration: facts.value.calibration });
    st.apply({ type: 'add-annotation', annotation: { id: 'pl', clipId: 'c1', kind: 'polyline', points: [{ x: 160, y: 392 }, { x: 480, y: 387 }], role: 'at-risk', label: 'Parietal pleura / lung', structureId: 'parietal-pleura', frameIndex: null } });
    st.apply({ type: 'add-annotation', annotation: { id: 'tp', clipId: 'c1', kind: 'contour', points: [{ x: 160, y: 266 }, { x: 240, y: 266 }, { x: 240, y: 300 }, { x: 160, y: 300 }], role: 'landmark', label: 'Transverse process', frameIndex: 12 } });
    st.apply({ type: 'add-needle-path', path: { id: 'n1', clipId: 'c1', frameIndex: null, entry: { x: 476, y: 20 }, target: { x: 256.5, y: 366.5 }, mode: 'in-plane', label: 'Needle path' } });
    return facts.value;
  }

  it('groups marks by role with their measurements (core/plan measureClip) and shows the needle numbers', () => {
    const facts = planWithMarks();
    useViewerLink.getState().set({ clipId: 'c1' });
    render(<RightPanel />);
    const ref = measureClip(useCase.getState().history.present, 'c1', facts.calibration);
    const atRisk = screen.getByTestId('role-group-at-risk');
    const pleura = ref.annotations.find((a) => a.id === 'pl')!;
    expect(within(atRisk).getByTestId('mark-measure').textContent).toBe(`length ${formatMeasurement(pleura.length!)} · depth ${formatMeasurement(pleura.depth!)}`);
    const landmark = screen.getByTestId('role-group-landmark');
    const tp = ref.annotations.find((a) => a.id === 'tp')!;
    expect(within(landmark).getByTestId('mark-measure').textContent).toContain(`area ${formatMeasurement(tp.area!)}`);
    expect(within(landmark).getByText(/^frame 13/)).toBeTruthy();
    // Frame 1 is shown: the mark of frame 13 says so, with a way to its frame (issue 20 item 4).
    expect(within(landmark).getByTestId('mark-hidden-on-frame').textContent).toBe('hidden on this frame (frame 13)Show frame 13');
    const card = screen.getByTestId('needle-card');
    const n = ref.needlePaths[0]!;
    expect(within(card).getByTestId('needle-depth').querySelector('.value')!.textContent).toBe(formatMeasurement(n.targetDepth));
    expect(within(card).getByTestId('needle-angle-beam').querySelector('.value')!.textContent).toBe(formatMeasurement(n.angleToBeam!));
    expect(within(card).getByTestId('needle-clearance').textContent).toContain(formatMeasurement(n.clearances[0]!.path.distance));
    expect(screen.getByTestId('plan-calibration').textContent).toMatch(/0\.15 mm\/px/);
    expectNamedControls(document.body);
  });

  it('the margin and steep-angle inputs offer core’s ranges and change the case only within them', async () => {
    const user = userEvent.setup();
    planWithMarks();
    useViewerLink.getState().set({ clipId: 'c1' });
    render(<RightPanel />);
    const settings = () => useCase.getState().history.present.settings;
    const margin = screen.getByRole('spinbutton', { name: 'Clearance margin, mm' });
    const M = SETTING_RANGES.marginMm;
    expect([margin.getAttribute('min'), margin.getAttribute('max'), margin.getAttribute('step')]).toEqual([M.step, M.max, M.step].map(String));
    const enter = async (input: HTMLElement, v: number) => {
      await user.clear(input);
      await user.type(input, String(v));
      await user.tab();
    };
    await enter(margin, M.max + 1);
    expect(settings().marginMm).toBe(DEFAULT_MARGIN_MM);
    await enter(screen.getByRole('spinbutton', { name: 'Clearance margin, mm' }), 7.5);
    expect(settings().marginMm).toBe(7.5);
    const A = SETTING_RANGES.steepAngleDeg;
    const steep = () => screen.getByRole('spinbutton', { name: /Steep-angle warning threshold/ });
    expect([steep().getAttribute('min'), steep().getAttribute('max')]).toEqual([A.above + A.step, A.below - A.step].map(String));
    await enter(steep(), A.below);
    expect(settings().steepAngleDeg).toBe(DEFAULT_STEEP_ANGLE_DEG);
    await enter(steep(), 45);
    expect(settings().steepAngleDeg).toBe(45);
  });

  it('clicking a mark selects it and jumps to its frame', async () => {
    planWithMarks();
    const seeks: number[] = [];
    useViewerLink.getState().set({ clipId: 'c1', seek: (i) => seeks.push(i) });
    const user = userEvent.setup();
    render(<RightPanel />);
    await user.click(within(screen.getByTestId('role-group-landmark')).getByRole('button', { name: /^Transverse process/ }));
    expect(useCase.getState().selection).toEqual({ kind: 'annotation', id: 'tp' });
    expect(seeks).toEqual([12]);
    await user.click(within(screen.getByTestId('role-group-landmark')).getByRole('button', { name: 'Show frame 13, where Transverse process is' }));
    expect(seeks).toEqual([12, 12]);
  });

  it('the Annotations tab edits the selected mark: label, role, visibility, lock, copy to frames', async () => {
    planWithMarks();
    const user = userEvent.setup();
    render(<RightPanel />);
    act(() => useCase.getState().select({ kind: 'annotation', id: 'tp' }));
    await user.click(screen.getByRole('tab', { name: 'Annotations' }));
    const editor = screen.getByTestId('annotation-editor');
    await user.selectOptions(within(editor).getByLabelText('Role'), 'at-risk');
    expect(useCase.getState().history.present.annotations.find((a) => a.id === 'tp')!.role).toBe('at-risk');
    await user.type(within(editor).getByLabelText('Copy to'), '14, 20-21');
    await user.click(within(editor).getByRole('button', { name: /Copy/ }));
    const copies = useCase.getState().history.present.annotations.filter((a) => a.label === 'Transverse process');
    expect(copies.map((a) => a.frameIndex).sort((a, b) => a! - b!)).toEqual([12, 13, 19, 20]);
    await user.click(screen.getAllByRole('button', { name: 'Hide Parietal pleura / lung' })[0]!);
    expect(useCase.getState().history.present.annotations.find((a) => a.id === 'pl')!.visible).toBe(false);
    expectNamedControls(document.body);
  });

  it('parses frame lists as the user types them (1-based)', () => {
    expect(parseFrameList('3, 10-12', 60)).toEqual([2, 9, 10, 11]);
    expect(parseFrameList('61', 60)).toBeNull();
    expect(parseFrameList('0', 60)).toBeNull();
    expect(parseFrameList('5-3', 60)).toBeNull();
    expect(parseFrameList('a', 60)).toBeNull();
  });
});
