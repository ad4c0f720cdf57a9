import { useEffect, useMemo, useRef } from 'react';
import { getBlockTemplate } from '../../../core/blocks/index';
import type { BlockSide } from '../../../core/plan/schema';
import { BLOCK_DETAIL_RANGES, TASK_TITLES, type AskedStructure, type ResolvedRehearsal } from '../../../core/rehearsal/index';
import { useViewerLink } from '../../state/viewerLink';
import { useCase } from '../../state/case';
import { exitRehearsal, submitAttempt, useRehearsal, type RehearsalAnswers } from '../../state/rehearsal';
import { ROLE_LABEL } from '../plan/BlockCard';
import { FeedbackPanel } from './FeedbackPanel';
import { armNeedleTool, armPointTool, disarm, keepNewestNeedle, markOf, markOnEveryFrame } from './marking';
import { MarkingCursor } from './MarkingCursor';
import './rehearsal.css';

/**
 * The right panel in rehearsal mode: the tasks the teaching case asks, each with the controls to
 * answer it by mouse or keyboard, then Submit; after submission, the feedback (./FeedbackPanel).
 */
export function RehearsalPanel() {
  const phase = useRehearsal((s) => s.phase);
  const r = useRehearsal((s) => s.rehearsal);
  const preview = useRehearsal((s) => s.preview);
  if (phase === 'off' || !r) return null;
  return (
    <section className="rehearsal-panel" aria-labelledby="rehearsal-title">
      <header className="rehearsal-head">
        <div className="grow">
          <h2 id="rehearsal-title">{phase === 'feedback' ? 'Feedback' : 'Rehearsal'}</h2>
          <div className="muted small">
            {r.title}
            {preview ? ' — educator preview (not recorded)' : ''}
          </div>
        </div>
        <button type="button" className="small-button" onClick={exitRehearsal}>
          Leave rehearsal
        </button>
      </header>
      {phase === 'rehearsing' ? <Tasks r={r} /> : <FeedbackPanel />}
    </section>
  );
}

function Tasks({ r }: { r: ResolvedRehearsal }) {
  const name = useRehearsal((s) => s.traineeName);
  const preview = useRehearsal((s) => s.preview);
  const expert = useRehearsal((s) => s.expert)!;
  const clip = expert.clips.find((c) => c.id === r.clipId)!;
  useEffect(markOnEveryFrame, []);
  return (
    <>
      <p className="empty-hint small">The expert answer stays hidden until you submit.</p>
      {r.learningObjectives.length > 0 && (
        <div className="plan-section">
          <h3>Learning objectives</h3>
          <ul className="objectives">
            {r.learningObjectives.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="plan-section">
        <label className="field">
          <span>Your name{preview ? ' (optional in a preview)' : ''}</span>
          <input type="text" value={name} maxLength={200} autoComplete="name" onChange={(e) => useRehearsal.getState().setTraineeName(e.target.value)} />
        </label>
        <p className="empty-hint small">Kept on this computer with your scores, for your learning curve.</p>
      </div>
      <ol className="task-list">
        {r.tasks.map((t) => (
          <li key={t.id} className="plan-section task">
            <h3>
              {TASK_TITLES[t.id]} <span className="muted small">({t.weight} points)</span>
            </h3>
            {t.id === 'find-view' && <ViewTask />}
            {t.id === 'identify-structures' && <StructuresTask structures={r.structures} clipId={clip.id} />}
            {t.id === 'plan-needle' && <NeedleTask clipId={clip.id} />}
            {t.id === 'block-details' && <DetailsTask r={r} templateId={expert.block.templateId} />}
          </li>
        ))}
      </ol>
      <div className="plan-section">
        <h3>Mark with the keyboard</h3>
        <MarkingCursor structures={r.structures} clipId={clip.id} size={{ columns: clip.columns, rows: clip.rows }} />
      </div>
      <div className="plan-section submit-row">
        <button type="button" className="primary-button" onClick={() => submitAttempt()}>
          Submit attempt
        </button>
      </div>
    </>
  );
}

function ViewTask() {
  const frame = useViewerLink((s) => s.frameIndex);
  const count = useViewerLink((s) => s.frameCount);
  const chosen = useRehearsal((s) => s.answers.viewFrame);
  return (
    <div className="task-body">
      <p className="empty-hint small">Play or step through the clip (← → step a frame) and choose the frame that shows the target best.</p>
      <div className="task-row">
        <span>
          Showing frame {frame + 1} of {count}
        </span>
        <button type="button" className="small-button" onClick={() => useRehearsal.getState().setAnswers({ viewFrame: frame })}>
          Use this frame
        </button>
      </div>
      <div className="task-status" data-testid="view-answer">
        {chosen === null ? 'No frame chosen yet.' : `Chosen: frame ${chosen + 1}.`}
      </div>
    </div>
  );
}

function StructuresTask({ structures, clipId }: { structures: readonly AskedStructure[]; clipId: string }) {
  const plan = useCase((s) => s.history.present);
  const action = useRehearsal((s) => s.cursorAction);
  const armed = useRef<string | null>(null);
  // A mark placed with the point tool: back to selecting.
  useEffect(() => {
    const s = structures.find((x) => x.annotationId === armed.current);
    if (s && markOf(plan, clipId, s)) {
      armed.current = null;
      disarm();
    }
  }, [plan, structures, clipId]);
  const focusCursor = () => document.querySelector<HTMLElement>('[data-testid="marking-cursor"]')?.focus();
  return (
    <ul className="structure-list">
      {structures.map((s) => {
        const mark = markOf(plan, clipId, s);
        const active = action?.kind === 'structure' && action.annotationId === s.annotationId;
        return (
          <li key={s.annotationId} className={`structure-item${active ? ' active' : ''}`}>
            <span className="role-chip" style={{ ['--c' as string]: `var(--role-${s.role})` }} aria-hidden="true" />
            <span className="grow">
              {s.name} <span className="muted small">{ROLE_LABEL[s.role]}</span>
              <span className="task-status small">{mark ? ` — marked (${mark.kind === 'point' ? 'point' : 'outline'})` : ' — not marked'}</span>
            </span>
            <button
              type="button"
              className="small-button"
              aria-label={`Mark ${s.name} with the mouse`}
              onClick={() => {
                armed.current = s.annotationId;
                armPointTool(s);
              }}
            >
              Mouse
            </button>
            <button
              type="button"
              className="small-button"
              aria-label={`Mark ${s.name} with the keyboard`}
              onClick={() => {
                useRehearsal.getState().setCursorAction({ kind: 'structure', annotationId: s.annotationId });
                focusCursor();
              }}
            >
              Keys
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function NeedleTask({ clipId }: { clipId: string }) {
  const all = useCase((s) => s.history.present.needlePaths);
  const paths = useMemo(() => all.filter((n) => n.clipId === clipId), [all, clipId]);
  useEffect(() => {
    if (paths.length > 1) keepNewestNeedle(clipId);
    if (paths.length > 0) disarm();
  }, [paths.length, clipId]);
  const focusCursor = () => document.querySelector<HTMLElement>('[data-testid="marking-cursor"]')?.focus();
  return (
    <div className="task-body">
      <p className="empty-hint small">Draw the path from the entry at the skin to the target. Drawing it again replaces it.</p>
      <div className="task-row">
        <span className="task-status">{paths.length ? 'Needle path drawn.' : 'No needle path yet.'}</span>
        <button type="button" className="small-button" aria-label="Draw the needle path with the mouse" onClick={armNeedleTool}>
          Mouse
        </button>
        <button
          type="button"
          className="small-button"
          aria-label="Place the needle path with the keyboard"
          onClick={() => {
            useRehearsal.getState().setCursorAction({ kind: 'entry' });
            focusCursor();
          }}
        >
          Keys
        </button>
      </div>
    </div>
  );
}

const SIDE_LABEL: Record<string, string> = { left: 'Left', right: 'Right', bilateral: 'Bilateral', midline: 'Midline' };

function DetailsTask({ r, templateId }: { r: ResolvedRehearsal; templateId: string | null }) {
  const a = useRehearsal((s) => s.answers);
  const t = templateId ? getBlockTemplate(templateId) : undefined;
  const set = (patch: Partial<RehearsalAnswers>) => useRehearsal.getState().setAnswers(patch);
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  return (
    <div className="task-body details-grid">
      {r.blockDetails.includes('side') && (
        <label className="field">
          <span>Side</span>
          <select value={a.side ?? ''} onChange={(e) => set({ side: (e.target.value || null) as BlockSide })}>
            <option value="">Choose…</option>
            {(t?.sides ?? ['left', 'right', 'bilateral', 'midline']).map((s) => (
              <option key={s} value={s}>
                {SIDE_LABEL[s] ?? s}
              </option>
            ))}
          </select>
        </label>
      )}
      {r.blockDetails.includes('approach') && (
        <label className="field">
          <span>Approach</span>
          <select value={a.approach ?? ''} onChange={(e) => set({ approach: e.target.value || null })}>
            <option value="">Choose…</option>
            {(t?.approaches ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {r.blockDetails.includes('needle') && (
        <>
          <label className="field">
            <span>Needle gauge, G</span>
            <input type="number" min={BLOCK_DETAIL_RANGES.needleGaugeG.min} max={BLOCK_DETAIL_RANGES.needleGaugeG.max} step={BLOCK_DETAIL_RANGES.needleGaugeG.step} value={a.details.needleGaugeG ?? ''} onChange={(e) => set({ details: { ...a.details, needleGaugeG: num(e.target.value) } })} />
          </label>
          <label className="field">
            <span>Needle length, mm</span>
            <input type="number" min={BLOCK_DETAIL_RANGES.needleLengthMm.min} max={BLOCK_DETAIL_RANGES.needleLengthMm.max} step={BLOCK_DETAIL_RANGES.needleLengthMm.step} value={a.details.needleLengthMm ?? ''} onChange={(e) => set({ details: { ...a.details, needleLengthMm: num(e.target.value) } })} />
          </label>
        </>
      )}
      {r.blockDetails.includes('volume') && (
        <label className="field">
          <span>Volume per site, mL</span>
          <input type="number" min={BLOCK_DETAIL_RANGES.volumeMl.min} max={BLOCK_DETAIL_RANGES.volumeMl.max} step={BLOCK_DETAIL_RANGES.volumeMl.step} value={a.details.volumeMl ?? ''} onChange={(e) => set({ details: { ...a.details, volumeMl: num(e.target.value) } })} />
        </label>
      )}
    </div>
  );
}
