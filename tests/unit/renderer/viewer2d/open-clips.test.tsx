/**
 * Opening files through the shell's open path (routeFiles → the viewer's DICOM handler → clip store
 * → decode pool), with in-process workers running the real decoder: grouping in the left panel,
 * failed files with their reason, first frames decoded, commands and shortcuts, key frames.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandForEvent, dispatch, useCommands } from '../../../../renderer/state/commands';
import { useFiles } from '../../../../renderer/state/files';
import { useMessages } from '../../../../renderer/state/messages';
import { useViewer } from '../../../../renderer/state/viewer';
import { KeyFramesPanel } from '../../../../renderer/ui/KeyFramesPanel';
import { LeftPanel } from '../../../../renderer/ui/LeftPanel';
import { routeFiles } from '../../../../renderer/services/fileRouting';
import { ClipStore, getClipStore, setClipStoreForTests } from '../../../../renderer/viewer2d/clips';
import { useViewerSetup, viewerCommands } from '../../../../renderer/viewer2d/setup';
import { DecodePool } from '../../../../renderer/workers/pool';
import { FakeWorker } from '../workers/fake-worker';
import { dicomFixturesDir } from '../../../support/shared';

const FIXTURES = dicomFixturesDir();
const file = (rel: string) => ({ name: path.basename(rel), path: rel, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, rel))) });

function Setup() {
  useViewerSetup();
  return null;
}

let pool: DecodePool;
beforeEach(() => {
  useFiles.setState({ files: [] });
  useMessages.getState().clear();
  useViewer.setState({ clipId: null, clipUid: null, frameCount: 0, frame: 0, keyFrames: [], progress: {} });
  pool = new DecodePool({ size: 2, createWorker: () => new FakeWorker() });
  setClipStoreForTests(new ClipStore(pool));
});
afterEach(() => {
  pool.destroy();
  setClipStoreForTests(null);
});

/** Wait until every clip's first frame (on screen) or thumbnail (the others) has been decoded. */
async function firstFrames(ids: string[]): Promise<void> {
  const done = () => ids.every((id) => getClipStore().get(id)?.firstFrameDecoded);
  for (let k = 0; k < 200 && !done(); k++) await act(() => new Promise((r) => setTimeout(r, 20)));
  expect(done()).toBe(true);
}

describe('opening DICOM files', () => {
  it('routes files to the viewer, groups them, lists the failure with its reason and shows the first clip', async () => {
    render(
      <>
        <Setup />
        <LeftPanel />
      </>,
    );
    await act(() =>
      routeFiles([
        file('wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm'),
        { name: 'report.dcm', path: 'report.dcm', bytes: new TextEncoder().encode('not an image') },
        file('dbdicom/US-PAL-8-11x-echo_0020.dcm'),
        file('cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm'),
      ]),
    );
    const files = useFiles.getState().files;
    expect(files.map((f) => f.status)).toEqual(['ready', 'failed', 'ready', 'ready']);
    await firstFrames(files.filter((f) => f.status === 'ready').map((f) => f.id));

    // The memory setting covers the open files, the frames between cache and decoders (2 workers ×
    // 2 jobs, and as many recycled buffers, of the largest frame: the echo clips' 600 × 430 palette
    // colour as RGBA, dcmdump), a reserve for the 2 workers' and the display's own memory
    // (32 MB each, 16 MB) and the decoded frames, together.
    const fileBytes = files.filter((f) => f.status === 'ready').reduce((n, f) => n + f.bytes.byteLength, 0);
    expect(getClipStore().transitBytes).toBe(8 * 600 * 430 * 4);
    expect(getClipStore().reserveBytes).toBe((2 * 32 + 16) * 2 ** 20);
    expect(getClipStore().cache.budgetBytes).toBe(useViewer.getState().settings.cacheBudgetMb * 2 ** 20 - fileBytes - 8 * 600 * 430 * 4 - (2 * 32 + 16) * 2 ** 20);

    // The first file that opened is on screen.
    expect(useViewer.getState().clipId).toBe(files[0]!.id);
    expect(useViewer.getState().frameCount).toBe(10);

    // Failure: listed with its reason, reported once, others undisturbed.
    const failed = screen.getByRole('region', { name: 'Files that could not be opened' });
    expect(within(failed).getByText('report.dcm')).toBeTruthy();
    expect(within(failed).getByText('Not a DICOM file')).toBeTruthy();
    expect(useMessages.getState().messages.filter((m) => m.severity === 'error').map((m) => m.file)).toEqual(['report.dcm']);

    // Two studies; the echo clips share one series.
    const lists = screen.getAllByRole('list', { name: /^Clips of/ });
    expect(lists).toHaveLength(2);
    expect(within(lists.find((l) => within(l).queryByText('US-PAL-8-10x-echo.dcm'))!).getAllByRole('listitem')).toHaveLength(2);

    // Selecting another clip puts it on screen.
    await userEvent.click(screen.getByRole('button', { name: /^IM00001\.fragmented/ }));
    expect(useViewer.getState().clipId).toBe(files[3]!.id);
    expect(useViewer.getState().frameCount).toBe(8);
  });

  it('registers the viewer commands with distinct shortcuts (menu ids included) and enables them with a clip', async () => {
    render(<Setup />);
    const cmds = useCommands.getState().commands;
    for (const id of ['view.zoomIn', 'view.zoomOut', 'view.zoomFit', 'cine.playPause', 'cine.stepBack', 'cine.stepForward', 'cine.first', 'cine.last', 'view.rotate', 'view.flip', 'view.invert']) {
      expect(cmds[id], id).toBeDefined();
    }
    const shortcuts = viewerCommands()
      .flatMap((c) => c.shortcut?.split(' or ') ?? [])
      .sort();
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    const key = (k: string, shiftKey = false) => commandForEvent(new KeyboardEvent('keydown', { key: k, shiftKey }))?.id;
    expect(key(' ')).toBe('cine.playPause');
    expect(key('+', true)).toBe('view.zoomIn');
    expect(key('-')).toBe('view.zoomOut');
    expect(key('ArrowRight')).toBe('cine.stepForward');
    expect(key('Home')).toBe('cine.first');
    expect(key('r')).toBe('view.rotate');
    expect(dispatch('cine.playPause')).toBe(false); // no clip yet

    await act(() => routeFiles([file('cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm')]));
    expect(dispatch('cine.stepForward')).toBe(true);
    expect(useViewer.getState().frame).toBe(1);
    expect(dispatch('cine.last')).toBe(true);
    expect(useViewer.getState().frame).toBe(7);
    expect(dispatch('view.zoomIn')).toBe(true);
    expect(useViewer.getState().view.zoom).not.toBe('fit');
  });

  it('lists key frames of the clip on screen and jumps to them, switching clips when needed', async () => {
    render(
      <>
        <Setup />
        <KeyFramesPanel showClipNames />
      </>,
    );
    await act(() => routeFiles([file('wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm'), file('cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm')]));
    const [echo, im1] = useFiles.getState().files;
    act(() => {
      useViewer.getState().seek(6);
      useViewer.getState().addKeyFrame('target');
      getClipStore().select(im1!.id);
      useViewer.getState().seek(3);
      useViewer.getState().addKeyFrame('needle-visible');
    });
    // Frame times are the file's: the echo clip's Frame Time is 76 ms, so frame 7 starts at 0.46 s.
    const target = screen.getByRole('button', { name: /Go to Target view, frame 7 of US-PAL-8-10x-echo\.dcm/ });
    expect(target.textContent).toContain('0.46 s');
    await userEvent.click(target);
    expect(useViewer.getState().clipId).toBe(echo!.id);
    expect(useViewer.getState().frame).toBe(6);
    await userEvent.click(screen.getByRole('button', { name: /Remove key frame Needle visible at frame 4/ }));
    expect(useViewer.getState().keyFrames.map((k) => k.tag)).toEqual(['target']);
  });
});
