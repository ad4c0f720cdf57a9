import { dispatch, displayShortcut, useCommands } from '../../state/commands';
import { useCase } from '../../state/case';
import { useScene3d, type SideTab } from '../../state/scene3d';
import { ProbeImagePanel } from './ProbeImagePanel';
import { ModelsPanel } from './ModelsPanel';
import { NeedlePanel } from './NeedlePanel';
import { ProbePanel } from './ProbePanel';
import { StructureTree } from './StructureTree';
import './scene3d.css';

/**
 * The 3D workspace's side column: the virtual probe image on top (simulated B-mode and/or outlines,
 * always in sight while the probe moves), then tabs for the structures, the needle, the probe and the
 * models.
 */
const TABS: { id: SideTab; label: string }[] = [
  { id: 'structures', label: 'Structures' },
  { id: 'needle', label: 'Needle' },
  { id: 'probe', label: 'Probe' },
  { id: 'models', label: 'Models' },
];

export function Scene3dSidebar() {
  const tab = useScene3d((s) => s.tab);
  return (
    <aside className="s3d-side" aria-label="3D workspace">
      <ProbeImagePanel />
      <div className="s3d-tabs" role="tablist" aria-label="3D workspace panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`s3d-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`s3d-tabpanel-${t.id}`}
            className={tab === t.id ? 'active' : ''}
            onClick={() => useScene3d.getState().setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="s3d-tabpanel" role="tabpanel" id={`s3d-tabpanel-${tab}`} aria-labelledby={`s3d-tab-${tab}`}>
        {tab === 'structures' && <StructureTree />}
        {tab === 'needle' && <NeedlePanel />}
        {tab === 'probe' && <ProbePanel />}
        {tab === 'models' && <ModelsPanel />}
      </div>
    </aside>
  );
}

function Cmd({ id, text, pressed }: { id: string; text: string; pressed?: boolean }) {
  const cmd = useCommands((s) => s.commands[id]);
  useCase((s) => s.history); // re-check enabled() when the plan changes
  useScene3d((s) => s.manifest);
  const enabled = !!cmd && (!cmd.enabled || cmd.enabled());
  const label = cmd?.label ?? id;
  return (
    <button
      type="button"
      className={`s3d-tool${pressed ? ' active' : ''}`}
      aria-label={label}
      aria-pressed={pressed}
      title={cmd?.shortcut ? `${label} (${displayShortcut(cmd.shortcut)})` : label}
      disabled={!enabled}
      onClick={() => dispatch(id)}
    >
      {text}
    </button>
  );
}

/** Tools and camera presets, floating over the top of the 3D canvas. */
export function Scene3dToolbar() {
  const tool = useScene3d((s) => s.tool);
  return (
    <div className="s3d-toolbar" role="toolbar" aria-label="3D tools and views">
      <div className="s3d-toolgroup" role="group" aria-label="3D tools">
        <Cmd id="tools3d.orbit" text="Rotate" pressed={tool === 'orbit'} />
        <Cmd id="tools3d.entry" text="Entry" pressed={tool === 'entry'} />
        <Cmd id="tools3d.target" text="Target" pressed={tool === 'target'} />
        <Cmd id="tools3d.probe" text="Probe" pressed={tool === 'probe'} />
      </div>
      <div className="s3d-toolgroup" role="group" aria-label="Camera">
        <Cmd id="view3d.anterior" text="A" />
        <Cmd id="view3d.posterior" text="P" />
        <Cmd id="view3d.left" text="L" />
        <Cmd id="view3d.right" text="R" />
        <Cmd id="view3d.needle" text="Needle" />
        <Cmd id="view3d.work" text="Probe area" />
        <Cmd id="view3d.fit" text="Fit" />
      </div>
    </div>
  );
}
