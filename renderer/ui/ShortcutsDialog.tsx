import { useCommands, displayShortcut, type Command } from '../state/commands';
import { Modal } from './Modal';
import { useViewer } from '../state/viewer';

const GROUPS: Command['group'][] = ['File', 'Edit', 'View', 'Cine', 'Tools', 'Plan', 'Help'];

/** Every registered command with a shortcut, grouped; generated from the command registry. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const commands = useCommands((s) => s.commands);
  const withKeys = Object.values(commands).filter((c) => c.shortcut);
  const wheel = useViewer((s) => s.settings.wheel);
  const pointer: [string, string][] = [
    ['Wheel', wheel === 'frames' ? 'Step frames (setting in the Files panel)' : 'Zoom about the cursor (setting in the Files panel)'],
    ['Shift+wheel', wheel === 'frames' ? 'Zoom about the cursor' : 'Step frames'],
    ['Drag', 'Pan the image'],
    ['Right-drag or Shift+drag', 'Window/level (greyscale) or brightness/contrast (colour): up brighter, left more contrast'],
    ['Double-click', 'Fit to window'],
    ['← ↑ → ↓ with a handle selected', 'Move the handle 1 image px (Shift: 10 px); Escape releases the handle'],
    ['Enter with the Point tool', 'Place a point at the image centre (or where the pointer last was), then move it with the arrows'],
  ];
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="shortcut-groups">
        {GROUPS.map((g) => {
          const list = withKeys.filter((c) => c.group === g).sort((a, b) => a.label.localeCompare(b.label));
          if (list.length === 0) return null;
          return (
            <section key={g} aria-label={`${g} shortcuts`}>
              <h3>{g}</h3>
              <table className="shortcut-table">
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id}>
                      <td>{c.label}</td>
                      <td>
                        {c.shortcut!.split(' or ').map((s, i) => (
                          <span key={s}>
                            {i > 0 ? ' or ' : ''}
                            <kbd>{displayShortcut(s)}</kbd>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
        <section aria-label="Mouse and handle shortcuts">
          <h3>Mouse and handles</h3>
          <table className="shortcut-table">
            <tbody>
              {pointer.map(([k, what]) => (
                <tr key={k}>
                  <td>{what}</td>
                  <td>
                    <kbd>{k}</kbd>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </Modal>
  );
}
