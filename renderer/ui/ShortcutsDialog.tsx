import { useCommands, displayShortcut, type Command } from '../state/commands';
import { Modal } from './Modal';

const GROUPS: Command['group'][] = ['File', 'Edit', 'View', 'Cine', 'Tools', 'Plan', 'Help'];

/** Every registered command with a shortcut, grouped; generated from the command registry. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const commands = useCommands((s) => s.commands);
  const withKeys = Object.values(commands).filter((c) => c.shortcut);
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
      </div>
    </Modal>
  );
}
