import { Fragment, useId, type MouseEvent, type ReactNode } from 'react';
import type { BlockTemplate, NeedleApproach, RangeValue, StructureRole } from '../../../core/blocks/index';
import { Icon } from '../Icon';

/**
 * The card of a block template: everything core/blocks holds about it, as data with its sources.
 * Values the sources do not give read "unknown"; values the reference marks [?] are flagged
 * "uncertain". Numbers are shown exactly as stored, with their units.
 */
export function BlockCard({ t, headingLevel = 2, showTitle = true }: { t: BlockTemplate; headingLevel?: 2 | 3; showTitle?: boolean }) {
  const id = useId();
  const srcHref = (sid: string) => `#${id}-src-${sid}`;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const cites = (ids: readonly string[]) =>
    ids.length ? (
      <span className="cites">
        {' '}
        [
        {ids.map((s, i) => (
          <Fragment key={s}>
            {i > 0 && ', '}
            <a href={srcHref(s)} onClick={(e) => scrollToSource(e, `${id}-src-${s}`)}>
              {s}
            </a>
          </Fragment>
        ))}
        ]
      </span>
    ) : null;
  const range = (v: RangeValue) => (
    <>
      {formatRange(v)}
      {v.uncertain && v.status === 'known' && <Uncertain />}
      {v.status === 'known' && cites(v.sourceIds)}
      {v.note && <span className="muted"> — {v.note}</span>}
    </>
  );

  return (
    <article className="block-card" aria-label={`Block card: ${t.name}`}>
      {showTitle && <H className="card-title">{t.name}</H>}
      <p className="aliases">
        {t.aliases.length ? <>Also called {t.aliases.join(', ')}.</> : <span className="muted">No other names.</span>}
      </p>
      <dl>
        <dt>Standard name</dt>
        <dd>
          {t.nomenclature.standardName}
          {t.nomenclature.wordingUncertain && <Uncertain why="The exact consensus wording was not retrieved." />}
          <div className="muted small">{CONSENSUS[t.nomenclature.consensus]}</div>
          {t.nomenclature.note && <div className="muted small">{t.nomenclature.note}</div>}
        </dd>
        <dt>Guidance</dt>
        <dd>
          {MODALITY[t.guidance.primary]}
          {t.guidance.alternatives.length > 0 && <span className="muted"> (also {t.guidance.alternatives.map((m) => MODALITY[m]).join(', ')})</span>}
        </dd>
      </dl>
      {t.guidance.note && <p className="guidance-note">{t.guidance.note}</p>}
      {t.cautions.map((c) => (
        <p key={c} className="caution">
          <Icon name="warn" size={16} />
          <span>{c}</span>
        </p>
      ))}

      <section>
        <h4>Indications</h4>
        <ul>
          {t.indications.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      </section>

      <section>
        <h4>Patient and probe</h4>
        <dl>
          <dt>Position</dt>
          <dd>{t.positions.join(', ')}</dd>
          <dt>Side</dt>
          <dd>{t.sides.join(', ')}</dd>
          <dt>Level</dt>
          <dd>{t.levelHint ?? <Unknown />}</dd>
          <dt>Probe</dt>
          <dd>
            {PROBE[t.probe.type]}
            {t.probe.alternatives.map((a) => (
              <div key={a.type + a.when} className="muted small">
                or {PROBE[a.type].toLowerCase()} {a.when}
              </div>
            ))}
          </dd>
          <dt>Frequency</dt>
          <dd>{range(t.probe.frequencyMHz)}</dd>
        </dl>
        {t.probe.views.length > 0 && (
          <ul>
            {t.probe.views.map((v) => (
              <li key={v.name}>
                <strong>{v.name}:</strong> {v.description}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h4>Approaches</h4>
        <ul>
          {t.approaches.map((a) => (
            <li key={a.id}>
              <strong>{a.name}</strong>
              {a.primary && <span className="muted"> (this template)</span>}: {a.summary} <span className="muted">({a.guidance.map((g) => MODALITY[g]).join(', ')})</span>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h4>Target</h4>
        <p>{t.targetDescription}</p>
        <p>
          <span className="muted">Endpoint: </span>
          {t.endpoint ?? <Unknown />}
        </p>
      </section>

      <section>
        <h4>Structures to mark</h4>
        {(['target', 'landmark', 'at-risk'] as const).map((role) => {
          const list = t.structures.filter((s) => s.role === role);
          if (!list.length) return null;
          return (
            <div key={role} className="structure-group">
              {list.map((s) => (
                <div key={s.id} className="structure">
                  <span className={`role-chip role-${role}`} aria-hidden="true" />
                  <span>
                    <strong>{s.name}</strong>
                    <span className="role-label">{ROLE_LABEL[role]}</span>
                    {s.aliases.length > 0 && <span className="muted"> ({s.aliases.join(', ')})</span>}
                    {s.uncertain && <Uncertain />}
                  </span>
                  <span className="why">{s.why}</span>
                </div>
              ))}
            </div>
          );
        })}
      </section>

      <section>
        <h4>Needle</h4>
        <dl>
          <dt>Type</dt>
          <dd>{t.needle.type ?? <Unknown />}</dd>
          <dt>Gauge</dt>
          <dd>{range(t.needle.gaugeG)}</dd>
          <dt>Length</dt>
          <dd>{range(t.needle.lengthMm)}</dd>
          <dt>Approach</dt>
          <dd>{APPROACH[t.needle.approach]}</dd>
          <dt>Direction</dt>
          <dd>{t.needle.direction ?? <Unknown />}</dd>
        </dl>
        {t.needle.note && <p className="muted small">{t.needle.note}</p>}
      </section>

      <section>
        <h4>Volume and depth</h4>
        <dl>
          <dt>Volume</dt>
          <dd>{range(t.volumeMl)}</dd>
          <dt>Typical depth</dt>
          <dd>{range(t.depthMm)}</dd>
        </dl>
        {t.injectateNote && <p className="muted small">{t.injectateNote}</p>}
      </section>

      <section>
        <h4>Complications to document</h4>
        <ul>
          {t.complications.map((c) => (
            <li key={c.name}>
              {c.name}: {c.ratePercent !== null ? `${c.ratePercent}%` : <span className="muted">rate not given</span>}
              {c.uncertain && <Uncertain />}
              {cites(c.sourceIds)}
              {c.note && <span className="muted"> — {c.note}</span>}
            </li>
          ))}
        </ul>
        {t.documentation.length > 0 && (
          <>
            <h4 style={{ marginTop: 8 }}>Also record</h4>
            <ul>
              {t.documentation.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="sources">
        <h4>Sources</h4>
        <ul>
          {t.sources.map((s) => (
            <li key={s.id} id={`${id}-src-${s.id}`}>
              <strong>{s.id}</strong> {s.citation}
              <ul>
                {s.urls.map((u) => (
                  <li key={u}>
                    {u.startsWith('https://') ? (
                      <a href={u} target="_blank" rel="noreferrer noopener">
                        {u}
                      </a>
                    ) : (
                      // The desktop app opens only https links; an http source is shown to copy.
                      <span className="source-url-plain" title="Not a secure (https) address: BlockPlan does not open it. Copy it into your browser if you need it.">
                        {u}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function scrollToSource(e: MouseEvent, elementId: string) {
  e.preventDefault();
  document.getElementById(elementId)?.scrollIntoView({ block: 'nearest' });
}

export function Unknown(): ReactNode {
  return <span className="unknown">unknown</span>;
}

function Uncertain({ why = 'Not confirmed by the sources, or the sources disagree ([?] in the reference).' }: { why?: string }) {
  return (
    <span className="uncertain" title={why}>
      [?] uncertain
    </span>
  );
}

/** A clinical range as text: "50–100 mm (typical 79 mm)", "22 G", "typical 55 mm", "unknown". */
export function formatRange(v: RangeValue): ReactNode {
  if (v.status === 'unknown') return <Unknown />;
  if (v.status === 'not-applicable') return <span className="muted">not applicable</span>;
  const u = v.unit === '%' ? '%' : ` ${v.unit}`;
  const parts: string[] = [];
  if (v.min !== null && v.max !== null) parts.push(v.min === v.max ? `${v.min}${u}` : `${v.min}–${v.max}${u}`);
  else if (v.min !== null) parts.push(`at least ${v.min}${u}`);
  else if (v.max !== null) parts.push(`up to ${v.max}${u}`);
  if (v.typical !== null) parts.push(parts.length ? `(typical ${v.typical}${u})` : `typical ${v.typical}${u}`);
  return parts.join(' ');
}

const CONSENSUS: Record<BlockTemplate['nomenclature']['consensus'], string> = {
  'asra-esra-2021-trunk': 'ASRA-ESRA consensus nomenclature (2021, trunk blocks)',
  'asra-esra-2024-limb': 'ASRA-ESRA consensus nomenclature (2024, limb blocks)',
  'outside-consensus': 'Not covered by the ASRA-ESRA consensus: the name in common use',
};
const MODALITY: Record<BlockTemplate['guidance']['primary'], string> = {
  ultrasound: 'Ultrasound',
  fluoroscopy: 'Fluoroscopy',
  ct: 'CT',
  eus: 'Endoscopic ultrasound',
  landmark: 'Landmarks',
  surgical: 'Surgical',
};
const PROBE: Record<BlockTemplate['probe']['type'], string> = { linear: 'Linear', curvilinear: 'Curvilinear', none: 'No ultrasound probe' };
const APPROACH: Record<NeedleApproach, string> = {
  'in-plane': 'In plane',
  'out-of-plane': 'Out of plane',
  'in-plane-or-out-of-plane': 'In plane or out of plane',
  'not-applicable': 'Not applicable',
};
export const ROLE_LABEL: Record<StructureRole | 'skin', string> = { target: 'target', landmark: 'landmark', 'at-risk': 'at risk', skin: 'skin line' };
