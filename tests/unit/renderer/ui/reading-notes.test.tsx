/**
 * The app's side of "never silently" (issue 12 item 18): what openDicom read leniently is listed
 * under the clip in the left panel, and counted in the clip's accessible name.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDicom } from '../../../../core/dicom/index';
import { summarizeDicom, useFiles } from '../../../../renderer/state/files';
import { LeftPanel } from '../../../../renderer/ui/LeftPanel';
import { buildDicom, imageElements } from '../../core/dicom/build';

/** Two 4 × 4 frames, all present, Pixel Data length 1000 bytes longer than the file. */
function longPixelData(): Uint8Array {
  const b = buildDicom([...imageElements({ rows: 4, columns: 4, pi: 'MONOCHROME2', frames: 2 }), { tag: 0x00181063, vr: 'DS', value: '40' }, { tag: 0x7fe00010, vr: 'OB', bytes: new Uint8Array(32) }]);
  new DataView(b.buffer).setUint32(b.length - 32 - 4, 32 + 1000, true);
  return b;
}

function add(name: string, bytes: Uint8Array) {
  const o = openDicom(bytes, { fileName: name });
  if (!o.ok) throw new Error(o.error.message);
  const [f] = useFiles.getState().add([{ name, path: name, bytes }], 'dicom');
  useFiles.getState().update(f!.id, { dicom: summarizeDicom(o.value, name) });
}

beforeEach(() => useFiles.setState({ files: [] }));

describe('left panel: reading notes', () => {
  it('lists each warning under the clip, behind a summary that says how many', async () => {
    add('long.dcm', longPixelData());
    render(<LeftPanel />);
    const clip = screen.getByRole('button', { name: /^long\.dcm: 2 frames.*, 1 reading note$/ });
    expect(clip).toBeTruthy();
    await userEvent.click(screen.getByText('1 reading note'));
    const list = screen.getByRole('list', { name: 'Reading notes for long.dcm' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Pixel Data declares 1032 bytes but the file ends after 32; all 2 frame(s) are present and shown.',
    ]);
  });

  it('a clip read without notes shows none', () => {
    add('fine.dcm', buildDicom([...imageElements({ rows: 4, columns: 4, pi: 'MONOCHROME2' }), { tag: 0x7fe00010, vr: 'OB', bytes: new Uint8Array(16) }]));
    render(<LeftPanel />);
    expect(screen.getByRole('button', { name: /^fine\.dcm: 1 frame, not calibrated$/ })).toBeTruthy();
    expect(screen.queryByText(/reading note/)).toBeNull();
  });
});
