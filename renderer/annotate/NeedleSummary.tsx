import { formatMeasurement, type NeedleMetrics } from '../../core/geometry/index';
import { Icon } from '../ui/Icon';

/** Warnings the on-image summary repeats (the clearance rows already say what is crossed). */
export const HUD_WARNINGS = new Set(['steep-angle', 'uncalibrated', 'margin-unchecked', 'degenerate-path']);

/** The needle's key numbers in a few lines, for the image (the plan panel has them all, with reasons). */
export function NeedleSummary({ m }: { m: NeedleMetrics }) {
  const short: Record<string, string> = {
    'steep-angle': `Steep: ${formatMeasurement(m.angleToProbeFace)} to the probe face`,
    uncalibrated: 'Numbers in px: see the plan panel for why',
    'margin-unchecked': 'Margin not checked for px distances',
    'degenerate-path': 'Entry and target are the same point',
  };
  return (
    <div className="needle-summary">
      <div className="hud-line">
        <span data-testid="hud-length">{formatMeasurement(m.pathLength)}</span> long · <span data-testid="hud-depth">{formatMeasurement(m.targetDepth)}</span> deep
      </div>
      <div className="hud-line">
        {formatMeasurement(m.angleToSkin)} to skin · {formatMeasurement(m.angleToBeam)} to beam
      </div>
      {m.clearances.map((c) => {
        const bad = c.path.crosses || c.path.withinMargin;
        const over = c.extension?.crosses ? 'overshoot crosses' : c.extension?.withinMargin ? `overshoot ${formatMeasurement(c.extension.distance)}` : null;
        return (
          <div key={c.annotationId} className={`hud-line wrap ${c.path.crosses ? 'danger' : bad || over ? 'warn' : ''}`}>
            {(bad || over) && <Icon name="warn" size={13} />}
            <span>
              {c.label || 'At risk'}: {c.path.crosses ? 'crossed' : formatMeasurement(c.path.distance)}
              {over && ` · ${over}`}
            </span>
          </div>
        );
      })}
      {m.warnings
        .filter((w) => HUD_WARNINGS.has(w.code))
        .map((w) => (
          <div key={w.code} className="hud-line warn">
            <Icon name="warn" size={13} />
            <span>{short[w.code]}</span>
          </div>
        ))}
    </div>
  );
}
