import { formatMeasurement, type NeedleMetrics } from '../../core/geometry/index';
import { Icon } from '../ui/Icon';

/** Warnings the on-image summary repeats (the clearance rows already say what is crossed). */
const HUD_WARNINGS = new Set(['steep-angle', 'uncalibrated', 'margin-unchecked', 'degenerate-path', 'implausible-depth', 'needle-too-short', 'implausible-calibration']);

/** The warnings the on-image summary shows, once per code (a path can be implausible in depth and in length). */
export const hudWarnings = (m: NeedleMetrics) => m.warnings.filter((w, i, all) => HUD_WARNINGS.has(w.code) && all.findIndex((x) => x.code === w.code) === i);

/** The needle's key numbers in a few lines, for the image (the plan panel has them all, with reasons). */
export function NeedleSummary({ m }: { m: NeedleMetrics }) {
  const short: Record<string, string> = {
    'steep-angle': `Steep: ${formatMeasurement(m.angleToProbeFace)} to the probe face`,
    uncalibrated: 'Numbers in px: see the plan panel for why',
    'margin-unchecked': 'Margin not checked for px distances',
    'degenerate-path': 'Entry and target are the same point',
    'implausible-depth': 'Implausible for this block: check the calibration',
    'needle-too-short': 'Needle in the note is shorter than the path',
    'implausible-calibration': 'Image deeper than 30 cm: check the scale',
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
      {hudWarnings(m).map((w) => (
        <div key={w.code} className="hud-line warn" data-code={w.code}>
          <Icon name="warn" size={13} />
          <span>{short[w.code]}</span>
        </div>
      ))}
    </div>
  );
}
