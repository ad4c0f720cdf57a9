import type { NeedleMetrics } from '../../core/geometry/index';
import type { Point } from '../../core/plan/schema';
import { hudWarnings, NeedleSummary } from './NeedleSummary';

/** The on-image panel's width, CSS px. */
const HUD_WIDTH_PX = 270;

/**
 * The live numbers of the needle being drawn or edited, in a small panel beside its target (screen
 * px), on the side away from the entry so the path stays visible, kept inside the overlay.
 */
export function NeedleHud({ m, anchor, entry, width, height }: { m: NeedleMetrics; anchor: Point; entry: Point; width: number; height: number }) {
  const W = HUD_WIDTH_PX;
  const rows = 2 + m.clearances.length + hudWarnings(m).length;
  const H = 22 + rows * 19;
  const leftSide = entry.x > anchor.x;
  let left = leftSide ? anchor.x - 28 - W : anchor.x + 28;
  if (left < 8 || left + W > width - 8) left = leftSide ? anchor.x + 28 : anchor.x - 28 - W;
  left = Math.min(Math.max(8, left), Math.max(8, width - W - 8));
  const top = Math.min(Math.max(8, anchor.y - H / 2), Math.max(8, height - H - 8));
  return (
    <div className="needle-hud" style={{ left, top, width: W }} role="status" aria-label="Needle path numbers" data-testid="needle-hud">
      <NeedleSummary m={m} />
    </div>
  );
}
