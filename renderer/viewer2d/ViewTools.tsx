import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { dispatch, displayShortcut, useCommands } from '../state/commands';
import { useViewer, type Overlays } from '../state/viewer';
import { VIcon } from './icons';
import { useViewerUi } from '../state/viewerUi';

function ToolButton({ id, icon, pressed }: { id: string; icon: string; pressed?: boolean }) {
  const cmd = useCommands((s) => s.commands[id]);
  const label = cmd?.label ?? id;
  const title = cmd?.shortcut ? `${label} (${displayShortcut(cmd.shortcut)})` : label;
  const enabled = !!cmd && (!cmd.enabled || cmd.enabled());
  return (
    <button type="button" className={`tool-button${pressed ? ' pressed' : ''}`} aria-label={label} title={title} disabled={!enabled} onClick={() => dispatch(id)} {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}>
      <VIcon name={icon} />
    </button>
  );
}

const OVERLAY_BUTTONS: { key: keyof Overlays; id: string; icon: string }[] = [
  { key: 'info', id: 'view.toggleInfo', icon: 'info' },
  { key: 'depthScale', id: 'view.toggleDepthScale', icon: 'ruler' },
  { key: 'patient', id: 'view.togglePatient', icon: 'patient' },
  { key: 'diagnostics', id: 'view.toggleDiagnostics', icon: 'diag' },
];

/** View tools in the main toolbar's slot: zoom, orientation, grey levels, overlays. */
export function ViewTools() {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => setSlot(document.getElementById('toolbar-slot')), []);
  const view = useViewer((s) => s.view);
  const fitScale = useViewer((s) => s.fitScale);
  const overlays = useViewer((s) => s.overlays);
  const gray = useViewerUi((s) => s.grayscale);
  useViewer((s) => s.clipId); // re-render when commands become enabled
  if (!slot) return null;
  const zoom = view.zoom === 'fit' ? fitScale : view.zoom;
  return createPortal(
    <div className="view-tools" role="group" aria-label="Clip view">
      <div className="tool-group" role="group" aria-label="Zoom">
        <ToolButton id="view.zoomOut" icon="zoomOut" />
        <span className="zoom-readout" aria-label={`Zoom ${Math.round(zoom * 100)} percent${view.zoom === 'fit' ? ', fitted to the window' : ''}`} data-testid="zoom-readout">
          {view.zoom === 'fit' ? 'Fit' : `${Math.round(zoom * 100)}%`}
        </span>
        <ToolButton id="view.zoomIn" icon="zoomIn" />
        <ToolButton id="view.zoomFit" icon="fit" />
        <ToolButton id="view.zoomActual" icon="actual" />
      </div>
      <div className="tool-group" role="group" aria-label="Orientation and grey levels">
        <ToolButton id="view.rotate" icon="rotate" />
        <ToolButton id="view.flip" icon="flip" pressed={view.hflip} />
        <ToolButton id="view.invert" icon="invert" pressed={view.invert} />
        {gray && <ToolButton id="view.resetWindow" icon="window" />}
        <ToolButton id="view.resetView" icon="reset" />
      </div>
      <div className="tool-group" role="group" aria-label="Overlays">
        {OVERLAY_BUTTONS.map((b) => (
          <ToolButton key={b.key} id={b.id} icon={b.icon} pressed={overlays[b.key]} />
        ))}
      </div>
    </div>,
    slot,
  );
}
