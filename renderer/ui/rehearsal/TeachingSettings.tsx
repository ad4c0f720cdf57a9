import { getBlockTemplate } from '../../../core/blocks/index';
import type { Case } from '../../../core/plan/schema';
import { BLOCKPLAN_DEFAULT_LABEL, REHEARSAL_DEFAULTS, REHEARSAL_SOURCES, structureName, type ResolvedRehearsal, type ToleranceKey } from '../../../core/rehearsal/index';
import { editSettings } from './teachingEdits';

/** Tolerance fields in the order shown, with their labels (units in the label). */
const TOLERANCES: { key: ToleranceKey; label: string; step: number }[] = [
  { key: 'viewFullFrames', label: 'View: full credit within, frames', step: 1 },
  { key: 'viewZeroFrames', label: 'View: no credit from, frames', step: 1 },
  { key: 'viewFullMs', label: 'View: full credit within, ms', step: 10 },
  { key: 'viewZeroMs', label: 'View: no credit from, ms', step: 10 },
  { key: 'pointFullMm', label: 'Pointing: full credit within, mm', step: 0.5 },
  { key: 'pointZeroMm', label: 'Pointing: no credit from, mm', step: 0.5 },
  { key: 'diceFull', label: 'Drawing: full credit from Dice', step: 0.05 },
  { key: 'diceZero', label: 'Drawing: no credit at Dice', step: 0.05 },
  { key: 'hausdorffFullMm', label: 'Drawing: full credit within Hausdorff, mm', step: 0.5 },
  { key: 'hausdorffZeroMm', label: 'Drawing: no credit from Hausdorff, mm', step: 0.5 },
  { key: 'targetFullMm', label: 'Needle target: full credit within, mm', step: 0.5 },
  { key: 'targetZeroMm', label: 'Needle target: no credit from, mm', step: 0.5 },
  { key: 'angleFullDeg', label: 'Needle angle: full credit within, °', step: 1 },
  { key: 'angleZeroDeg', label: 'Needle angle: no credit from, °', step: 1 },
  { key: 'marginAllowanceMm', label: 'Margin allowance below the expert’s own clearance, mm', step: 0.5 },
];

const originText = (o: string) => (o === 'blockplan' ? 'BlockPlan default' : `from ${REHEARSAL_SOURCES[o as keyof typeof REHEARSAL_SOURCES]?.citation.split('.')[0] ?? o}`);

/** The structures asked with their explanations, the tolerances, the pass mark and cap, what is hidden. */
export function TeachingSettings({ plan, r }: { plan: Case; r: ResolvedRehearsal }) {
  const s = plan.teaching?.rehearsal ?? {};
  const template = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const candidates = plan.annotations.filter((a) => a.clipId === r.clipId && a.role !== 'skin');
  const asked = new Set(r.structures.map((x) => x.annotationId));
  const setAsked = (id: string, on: boolean) => editSettings((x) => ({ ...x, structures: candidates.map((a) => a.id).filter((a) => (a === id ? on : asked.has(a))) }), 'structures');
  const num = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));
  return (
    <>
      <section className="plan-section" aria-labelledby="teach-structures">
        <h3 id="teach-structures">Structures to identify</h3>
        <ul className="settings-list">
          {candidates.map((a) => {
            const fromTemplate = a.structureId ? template?.structures.find((t) => t.id === a.structureId)?.why : undefined;
            const name = structureName(a, template);
            return (
              <li key={a.id}>
                <label className="settings-row">
                  <input type="checkbox" checked={asked.has(a.id)} onChange={(e) => setAsked(a.id, e.target.checked)} /> {name} <span className="muted small">({a.role})</span>
                </label>
                {asked.has(a.id) && (
                  <label className="field indent">
                    <span className="small">Explanation shown in the feedback</span>
                    <textarea
                      rows={2}
                      value={s.explanations?.structures?.[a.id] ?? ''}
                      placeholder={fromTemplate ?? a.text ?? ''}
                      onChange={(e) =>
                        editSettings((x) => {
                          const structures = { ...x.explanations?.structures };
                          if (e.target.value) structures[a.id] = e.target.value;
                          else delete structures[a.id];
                          return { ...x, explanations: { ...x.explanations, structures } };
                        }, `explain-${a.id}`)
                      }
                    />
                  </label>
                )}
              </li>
            );
          })}
        </ul>
        <p className="empty-hint small">Empty explanations use the block template’s “why” for the structure (shown in grey).</p>
      </section>

      <section className="plan-section" aria-labelledby="teach-scoring">
        <h3 id="teach-scoring">Scoring</h3>
        <div className="details-grid">
          <label className="field">
            <span>Pass mark, %</span>
            <input type="number" min={0} max={100} value={r.passPercent} onChange={(e) => editSettings((x) => ({ ...x, passPercent: num(e.target.value) }), 'pass')} />
          </label>
          <label className="field">
            <span>Critical error caps the score at, %</span>
            <input type="number" min={0} max={100} value={r.criticalCapPercent} onChange={(e) => editSettings((x) => ({ ...x, criticalCapPercent: num(e.target.value) }), 'cap')} />
          </label>
        </div>
        <details>
          <summary>Tolerances</summary>
          <p className="small muted">Full credit up to the first value, none from the second, linear between. Defaults: {BLOCKPLAN_DEFAULT_LABEL}, except where a source is named.</p>
          <div className="details-grid">
            {TOLERANCES.map(({ key, label, step }) => {
              const d = REHEARSAL_DEFAULTS.tolerances[key];
              return (
                <label key={key} className="field">
                  <span className="small">{label}</span>
                  <input
                    type="number"
                    min={0}
                    step={step}
                    value={r.tolerances[key]}
                    onChange={(e) => editSettings((x) => ({ ...x, tolerances: { ...x.tolerances, [key]: num(e.target.value) } }), `tol-${key}`)}
                  />
                  <span className="muted small">
                    {s.tolerances?.[key] !== undefined ? 'set for this case' : originText(d.origin)} (default {d.value})
                  </span>
                </label>
              );
            })}
          </div>
        </details>
        <fieldset className="plain-fieldset">
          <legend className="small">Hidden from the trainee until submission</legend>
          {(['annotations', 'needlePaths', 'keyFrames', 'block'] as const).map((k) => (
            <label key={k} className="settings-row">
              <input type="checkbox" checked={r.hide[k]} onChange={(e) => editSettings((x) => ({ ...x, hide: { ...x.hide, [k]: e.target.checked } }), `hide-${k}`)} />{' '}
              {{ annotations: 'Structures (the skin line stays as a hint)', needlePaths: 'Needle path', keyFrames: 'Key frames', block: 'Side, level and approach' }[k]}
            </label>
          ))}
        </fieldset>
        <div className="editor-actions">
          <button type="button" className="small-button" onClick={() => editSettings(() => ({}), 'reset')}>
            Reset rehearsal settings to the defaults
          </button>
        </div>
      </section>
    </>
  );
}
