import { dispatch, displayShortcut } from '../state/commands';
import { ReasonText, useCommandState } from './CommandButton';
import { useLayout, type ViewMode } from '../state/layout';
import { Icon } from './Icon';

function ToolButton({ id, icon, label }: { id: string; icon: string; label?: string }) {
  const { cmd, enabled, reason, reasonId } = useCommandState(id);
  const name = cmd?.label ?? label ?? id;
  const title = reason ?? (cmd?.shortcut ? `${name} (${displayShortcut(cmd.shortcut.split(' or ')[0]!)})` : name);
  return (
    <>
      <button type="button" className="tool-button" aria-label={name} title={title} disabled={!enabled} onClick={() => dispatch(id)} {...(reason ? { 'aria-describedby': reasonId } : {})}>
        <Icon name={icon} />
      </button>
      <ReasonText id={reasonId} reason={reason} />
    </>
  );
}

const VIEWS: { mode: ViewMode; label: string; icon: string; cmd: string }[] = [
  { mode: '2d', label: '2D clip', icon: 'clip', cmd: 'view.2d' },
  { mode: '3d', label: '3D anatomy', icon: 'cube', cmd: 'view.3d' },
  { mode: 'split', label: 'Split 2D and 3D', icon: 'split', cmd: 'view.split' },
];

export function Toolbar() {
  const view = useLayout((s) => s.view);
  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <div className="brand" aria-label="BlockPlan">
        <span className="brand-mark" aria-hidden="true" />
        BlockPlan
      </div>
      <div className="tool-group" role="group" aria-label="File">
        <ToolButton id="file.openDicom" icon="open" />
        <ToolButton id="file.openCase" icon="folder" />
        <ToolButton id="file.saveCase" icon="save" />
      </div>
      <div className="tool-group" role="group" aria-label="Edit">
        <ToolButton id="edit.undo" icon="undo" />
        <ToolButton id="edit.redo" icon="redo" />
      </div>
      <div className="tool-group segmented" role="radiogroup" aria-label="Viewport layout">
        {VIEWS.map((v) => (
          <button key={v.mode} type="button" role="radio" aria-checked={view === v.mode} aria-label={v.label} title={v.label} className={view === v.mode ? 'active' : ''} onClick={() => dispatch(v.cmd)}>
            <Icon name={v.icon} />
          </button>
        ))}
      </div>
      <div className="toolbar-slot" id="toolbar-slot" />
      <div className="tool-group" role="group" aria-label="Help">
        <ToolButton id="file.exportNote" icon="note" />
        <ToolButton id="help.last" icon="warn" />
        <ToolButton id="help.shortcuts" icon="help" />
        <ToolButton id="help.about" icon="info" />
      </div>
    </header>
  );
}
