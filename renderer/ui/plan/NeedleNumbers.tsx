import { formatMeasurement, type Measurement, type NeedleMetrics, type NeedleWarning } from '../../../core/geometry/index';
import { Icon } from '../Icon';

/**
 * The numbers of a needle path: length, target depth, angles, entry offset, clearance to each
 * at-risk structure from the path and from its extension, and warnings (icon + words, never colour
 * alone). Values in px carry the reason in their tooltip and a footnote says why once.
 */
export function NeedleNumbers({ m, mode, compact = false, marginMm }: { m: NeedleMetrics; mode: 'in-plane' | 'out-of-plane'; compact?: boolean; marginMm: number }) {
  const pxReasons = [...new Set([m.pathLength, m.targetDepth, m.angleToSkin, m.entryOffset?.distance, ...m.clearances.flatMap((c) => [c.path.distance, c.extension?.distance])].map((x) => x?.reason).filter((x): x is string => !!x))];
  const skinSource = m.skin.source === 'annotation' ? 'your skin line' : m.skin.source === 'region-top' ? 'top of the calibrated region' : m.skin.source === 'transducer-face' ? 'the transducer face you marked' : 'top of the image';
  const warnings = compact ? m.warnings.filter((w) => w.severity !== 'info') : m.warnings;
  return (
    <div className={`needle-numbers${compact ? ' compact' : ''}`}>
      <dl className="numbers">
        <Row label="Path length" m={m.pathLength} testId="needle-length" />
        <Row label="Target depth" m={m.targetDepth} testId="needle-depth" hint={`below the skin line (${skinSource})`} />
        <Row label="Angle to skin" m={m.angleToSkin} testId="needle-angle-skin" />
        <Row label="Angle to beam" m={m.angleToBeam} testId="needle-angle-beam" hint={m.beam === 'assumed-vertical' ? 'beam assumed vertical' : m.beam === 'radial' ? 'radial from the probe apex' : undefined} />
        {!compact && <Row label="Angle to probe face" m={m.angleToProbeFace} testId="needle-angle-face" />}
        {!compact && m.entryOffset && (
          <Row label="Entry from probe edge" m={m.entryOffset.distance} testId="needle-entry-offset" hint={`${m.entryOffset.edge} edge${m.entryOffset.inside ? '' : ', outside the footprint'}`} />
        )}
      </dl>
      {m.clearances.length > 0 && (
        <table className="clearances" aria-label="Clearance to at-risk structures">
          <thead>
            <tr>
              <th scope="col">At risk</th>
              <th scope="col">Path</th>
              <th scope="col">Beyond target</th>
            </tr>
          </thead>
          <tbody>
            {m.clearances.map((c) => (
              <tr key={c.annotationId} data-testid="needle-clearance" data-annotation-id={c.annotationId}>
                <th scope="row">{c.label || 'Unlabelled'}</th>
                <td className={c.path.crosses ? 'danger' : c.path.withinMargin ? 'warn' : ''} title={c.path.distance.reason}>
                  {c.path.crosses ? 'crosses' : formatMeasurement(c.path.distance)}
                </td>
                <td className={c.extension?.crosses ? 'danger' : c.extension?.withinMargin ? 'warn' : ''} title={c.extension?.distance.reason}>
                  {c.extension ? (c.extension.crosses ? 'crosses' : formatMeasurement(c.extension.distance)) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {m.clearances.length === 0 && !compact && <p className="muted small">No at-risk structure is marked on this frame: mark one to see the clearance (margin {marginMm} mm, a BlockPlan setting).</p>}
      {warnings.length > 0 && (
        <ul className="warnings" aria-label="Needle path warnings">
          {warnings.map((w, i) => (
            <WarningItem key={`${w.code}-${w.annotationId ?? i}`} w={w} />
          ))}
        </ul>
      )}
      {!compact && pxReasons.length > 0 && (
        <p className="px-note">
          <strong>Why px:</strong> {pxReasons.join(' ')}
        </p>
      )}
      {!compact && mode === 'out-of-plane' && <p className="muted small">Out of plane: only the tip is seen as a dot; the drawn path is its projection.</p>}
    </div>
  );
}

function Row({ label, m, testId, hint }: { label: string; m: Measurement | null | undefined; testId: string; hint?: string }) {
  return (
    <div className="num-row">
      <dt>{label}</dt>
      <dd data-testid={testId} data-value={m ? String(m.value) : ''} data-unit={m?.unit ?? ''} title={[m?.reason, m?.note].filter(Boolean).join(' ') || undefined}>
        <span className={`value${m?.unit === 'px' || m?.reason ? ' uncal' : ''}`}>{formatMeasurement(m)}</span>
        {hint && <span className="hint">{hint}</span>}
      </dd>
    </div>
  );
}

function WarningItem({ w }: { w: NeedleWarning }) {
  return (
    <li className={`warning sev-${w.severity}`} data-code={w.code}>
      <Icon name={w.severity === 'info' ? 'info' : 'warn'} size={16} />
      <span>
        <span className="visually-hidden">{w.severity === 'danger' ? 'Danger: ' : w.severity === 'warning' ? 'Warning: ' : 'Note: '}</span>
        {w.message}
      </span>
    </li>
  );
}
