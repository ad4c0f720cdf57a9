import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { dispatch, displayShortcut, useCommands } from '../state/commands';
import { useViewer, type Overlays } from '../state/viewer';
import { VIcon } from './icons';
import { useViewerUi } from '../state/viewerUi';
import { adjustText, COLOUR_PRESETS } from '../state/colourAdjust';

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

/** Brightness/contrast of a colour clip: the current values (percent), named presets (the first resets). */
function ColourTools() {
  const colour = useViewer((s) => s.view.colour);
  const text = adjustText(colour);
  const current = COLOUR_PRESETS.find((p) => (p.adjust === null ? colour === null : colour !== null && p.adjust.brightnessPct === colour.brightnessPct && p.adjust.contrastPct === colour.contrastPct));
  return (
    <div className="tool-group" role="group" aria-label="Brightness and contrast (colour clip)">
      <span className="bc-readout" data-testid="bc-readout" title={`${text}. Right-drag or Shift+drag on the image: up brighter, left more contrast.`}>
        {colour ? `B ${colour.brightnessPct > 0 ? '+' : ''}${colour.brightnessPct} % · C ${colour.contrastPct} %` : 'B/C as stored'}
      </span>
      <select
        className="bc-preset"
        aria-label={`Brightness and contrast preset (now: ${text})`}
        value={current?.id ?? 'custom'}
        onChange={(e) => useViewer.getState().setColour(COLOUR_PRESETS.find((p) => p.id === e.target.value)?.adjust ?? null)}
      >
        {!current && <option value="custom">Custom</option>}
        {COLOUR_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </div>
  );
}

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
        <ToolButton id="view.resetWindow" icon="window" />
        <ToolButton id="view.resetView" icon="reset" />
      </div>
      {!gray && <ColourTools />}
      <div className="tool-group" role="group" aria-label="Overlays">
        {OVERLAY_BUTTONS.map((b) => (
          <ToolButton key={b.key} id={b.id} icon={b.icon} pressed={overlays[b.key]} />
        ))}
      </div>
    </div>,
    slot,
  );
}
