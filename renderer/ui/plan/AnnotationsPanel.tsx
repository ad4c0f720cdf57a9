import { useEffect, useState } from 'react';
import { getBlockTemplate } from '../../../core/blocks/index';
import type { Annotation, AnnotationRole, NeedlePath } from '../../../core/plan/schema';
import { newId } from '../../../core/plan/index';
import { useCase } from '../../state/case';
import { notify } from '../../state/messages';
import { selectAndShow } from '../../annotate/actions';
import { useViewerLink } from '../../state/viewerLink';
import { ROLE_LABEL } from './BlockCard';
import { PlanIcon } from './icons';
import { frameText } from './PlanPanel';
import { ROLES } from './ToolPalette';
import { CalibrateFromLine } from './CalibrateFromLine';
import { FrameStatus } from './FrameStatus';
import { useReadOnlyLock, type ReadOnlyLock } from './readOnlyLock';

/** The Annotations tab: the selected mark's properties, then every mark with show / lock / delete. */
export function AnnotationsPanel() {
  const plan = useCase((s) => s.history.present);
  const selection = useCase((s) => s.selection);
  const selected = selection?.kind === 'annotation' ? plan.annotations.find((a) => a.id === selection.id) : undefined;
  const needle = selection?.kind === 'needle' ? plan.needlePaths.find((n) => n.id === selection.id) : undefined;
  const lock = useReadOnlyLock(); // a read-only teaching case: marks are listed and selected, not changed
  return (
    <div className="annotations-panel">
      {lock.reasonText}
      <section className="plan-section" aria-label="Selected mark">
        <h3>Selected</h3>
        {selected ? <AnnotationEditor key={selected.id} a={selected} lock={lock} /> : needle ? <NeedleEditor key={needle.id} n={needle} lock={lock} /> : <p className="empty-hint">Nothing selected. Click a mark on the image or in the list.</p>}
      </section>
      <section className="plan-section" aria-label="All marks">
        <h3>
          All marks <span className="count">{plan.annotations.length + plan.needlePaths.length || ''}</span>
        </h3>
        {plan.annotations.length + plan.needlePaths.length === 0 && <p className="empty-hint">No annotations yet.</p>}
        <ul className="mark-list">
          {plan.needlePaths.map((n) => (
            <li key={n.id} className={`mark-item${selection?.id === n.id ? ' selected' : ''}`}>
              <button type="button" className="mark-main" onClick={() => selectAndShow('needle', n.id)}>
                <span className="mark-title">
                  <PlanIcon name="needle" size={15} />
                  <span className="name">{n.label || 'Needle path'}</span>
                </span>
                <span className="mark-sub">{frameText(n.frameIndex)}</span>
              </button>
              <button type="button" className="icon-button" aria-label={`Delete ${n.label || 'needle path'}`} title="Delete" {...lock.control()} onClick={() => useCase.getState().apply({ type: 'delete-needle-path', id: n.id })}>
                <PlanIcon name="trash" size={16} />
              </button>
              <FrameStatus clipId={n.clipId} frameIndex={n.frameIndex} name={n.label || 'needle path'} />
            </li>
          ))}
          {plan.annotations.map((a) => (
            <li key={a.id} className={`mark-item${selection?.id === a.id ? ' selected' : ''}`} data-testid="all-marks-item" data-annotation-id={a.id}>
              <button type="button" className="mark-main" onClick={() => selectAndShow('annotation', a.id)}>
                <span className="mark-title">
                  <span className={`role-chip role-${a.role}`} aria-hidden="true" />
                  <span className="name">{a.label || `Unlabelled ${a.kind}`}</span>
                </span>
                <span className="mark-sub">
                  {ROLE_LABEL[a.role]} · {a.kind} · {frameText(a.frameIndex)}
                </span>
              </button>
              <button
                type="button"
                className={`icon-button${a.visible ? '' : ' off'}`}
                aria-label={`${a.visible ? 'Hide' : 'Show'} ${a.label || a.kind}`}
                aria-pressed={!a.visible}
                title={a.visible ? 'Hide' : 'Show'}
                {...lock.control()}
                onClick={() => useCase.getState().apply({ type: 'edit-annotation', id: a.id, changes: { visible: !a.visible } })}
              >
                <PlanIcon name={a.visible ? 'eye' : 'eye-off'} size={16} />
              </button>
              <button
                type="button"
                className={`icon-button${a.locked ? '' : ' off'}`}
                aria-label={`${a.locked ? 'Unlock' : 'Lock'} ${a.label || a.kind}`}
                aria-pressed={a.locked}
                title={a.locked ? 'Unlock' : 'Lock'}
                {...lock.control()}
                onClick={() => useCase.getState().apply({ type: 'edit-annotation', id: a.id, changes: { locked: !a.locked } })}
              >
                <PlanIcon name={a.locked ? 'lock' : 'unlock'} size={16} />
              </button>
              <FrameStatus clipId={a.clipId} frameIndex={a.frameIndex} name={a.label || a.kind} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** Text that commits on blur or Enter (one undo step per change, not per keystroke). */
function CommitInput({ id, label, value, onCommit, placeholder, lock }: { id: string; label: string; value: string; onCommit(v: string): void; placeholder?: string; lock: ReadOnlyLock }) {
  const [v, setV] = useState(value);
  useEffect(() => setV(value), [value]);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="field-input"
        value={v}
        placeholder={placeholder}
        {...lock.text()}
        onChange={(e) => setV(e.target.value)}
        onBlur={() => v !== value && onCommit(v)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') {
            e.stopPropagation();
            setV(value);
          }
        }}
      />
    </>
  );
}

/**
 * Parse a frame list as the user types it, 1-based ("3, 10-12") into 0-based indices within the clip.
 * Returns null when it is not a valid list.
 */
export function parseFrameList(text: string, frameCount: number): number[] | null {
  const out = new Set<number>();
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (!parts.length) return null;
  for (const p of parts) {
    const m = /^(\d+)(?:[-–](\d+))?$/.exec(p);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a || b > frameCount) return null;
    for (let f = a; f <= b; f++) out.add(f - 1);
  }
  return [...out].sort((x, y) => x - y);
}

function AnnotationEditor({ a, lock }: { a: Annotation; lock: ReadOnlyLock }) {
  const plan = useCase((s) => s.history.present);
  const frame = useViewerLink((s) => s.frameIndex);
  const clip = plan.clips.find((c) => c.id === a.clipId);
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const [frames, setFrames] = useState('');
  const apply = (changes: Parameters<typeof editCmd>[1]) => useCase.getState().apply(editCmd(a.id, changes));
  const copy = () => {
    const list = parseFrameList(frames, clip?.frameCount ?? 1);
    if (!list) {
      notify(`Type frames as numbers from 1 to ${clip?.frameCount ?? 1}, e.g. “3, 10-12”.`, 'warning');
      return;
    }
    const targets = list.filter((f) => f !== a.frameIndex);
    if (!targets.length) return;
    if (useCase.getState().apply({ type: 'copy-annotation-to-frames', id: a.id, frames: targets, newIds: targets.map(() => newId('ann')) })) {
      notify(`Copied to ${targets.length} frame${targets.length > 1 ? 's' : ''}`, 'success');
      setFrames('');
    }
  };
  return (
    <div className="editor" data-testid="annotation-editor">
      {t ? (
        <>
          <label htmlFor="ed-structure">Structure</label>
          <select
            id="ed-structure"
            className="field-select"
            {...lock.control()}
            value={a.structureId ?? ''}
            onChange={(e) => {
              const s = t.structures.find((x) => x.id === e.target.value);
              apply(s ? { structureId: s.id, label: s.name, role: s.role } : { structureId: null });
            }}
          >
            <option value="">Free text</option>
            {t.structures.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({ROLE_LABEL[s.role]})
              </option>
            ))}
          </select>
        </>
      ) : null}
      <CommitInput id="ed-label" label="Label" value={a.label} lock={lock} onCommit={(v) => apply({ label: v })} placeholder="Structure name" />
      <label htmlFor="ed-role">Role</label>
      <select id="ed-role" className="field-select" {...lock.control()} value={a.role} onChange={(e) => apply({ role: e.target.value as AnnotationRole })}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <label htmlFor="ed-frame">Frames</label>
      <select id="ed-frame" className="field-select" {...lock.control()} value={a.frameIndex === null ? 'all' : String(a.frameIndex)} onChange={(e) => apply({ frameIndex: e.target.value === 'all' ? null : Number(e.target.value) })}>
        {a.frameIndex !== null && <option value={String(a.frameIndex)}>Frame {a.frameIndex + 1} only</option>}
        {a.frameIndex !== frame && <option value={String(frame)}>Frame {frame + 1} only (shown)</option>}
        <option value="all">All frames</option>
      </select>
      <CommitInput id="ed-text" label={a.kind === 'arrow' ? 'Arrow text' : 'Comment'} value={a.text} lock={lock} onCommit={(v) => apply({ text: v })} />
      <span className="full inline-options">
        <label>
          <input type="checkbox" {...lock.control()} checked={a.visible} onChange={(e) => apply({ visible: e.target.checked })} /> Visible
        </label>
        <label>
          <input type="checkbox" {...lock.control()} checked={a.locked} onChange={(e) => apply({ locked: e.target.checked })} /> Locked
        </label>
      </span>
      {!lock.locked && <CalibrateFromLine a={a} />}
      <label htmlFor="ed-copy">Copy to</label>
      <span className="editor-actions">
        <input id="ed-copy" className="field-input" style={{ width: '9em' }} {...lock.text()} placeholder="frames, e.g. 3, 10-12" value={frames} onChange={(e) => setFrames(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && copy()} />
        <button type="button" className="small-button" {...lock.control()} onClick={copy}>
          <PlanIcon name="copy" size={14} /> Copy
        </button>
      </span>
      <span className="full editor-actions">
        <button type="button" className="small-button danger" {...lock.control({ disabled: a.locked })} onClick={() => useCase.getState().apply({ type: 'delete-annotation', id: a.id })}>
          <PlanIcon name="trash" size={14} /> Delete
        </button>
      </span>
    </div>
  );
}

function editCmd(id: string, changes: Partial<Pick<Annotation, 'label' | 'structureId' | 'role' | 'text' | 'visible' | 'locked' | 'frameIndex'>>) {
  return { type: 'edit-annotation' as const, id, changes };
}

function NeedleEditor({ n, lock }: { n: NeedlePath; lock: ReadOnlyLock }) {
  const frame = useViewerLink((s) => s.frameIndex);
  const apply = (changes: Partial<Pick<NeedlePath, 'mode' | 'label' | 'frameIndex'>>) => useCase.getState().apply({ type: 'edit-needle-path', id: n.id, changes });
  return (
    <div className="editor" data-testid="needle-editor">
      <CommitInput id="ned-label" label="Label" value={n.label} lock={lock} onCommit={(v) => apply({ label: v })} />
      <label htmlFor="ned-mode">Approach</label>
      <select id="ned-mode" className="field-select" {...lock.control()} value={n.mode} onChange={(e) => apply({ mode: e.target.value as NeedlePath['mode'] })}>
        <option value="in-plane">In plane</option>
        <option value="out-of-plane">Out of plane</option>
      </select>
      <label htmlFor="ned-frame">Frames</label>
      <select id="ned-frame" className="field-select" {...lock.control()} value={n.frameIndex === null ? 'all' : String(n.frameIndex)} onChange={(e) => apply({ frameIndex: e.target.value === 'all' ? null : Number(e.target.value) })}>
        {n.frameIndex !== null && <option value={String(n.frameIndex)}>Frame {n.frameIndex + 1} only</option>}
        {n.frameIndex !== frame && <option value={String(frame)}>Frame {frame + 1} only (shown)</option>}
        <option value="all">All frames</option>
      </select>
      <span className="full editor-actions">
        <button type="button" className="small-button danger" {...lock.control()} onClick={() => useCase.getState().apply({ type: 'delete-needle-path', id: n.id })}>
          <PlanIcon name="trash" size={14} /> Delete
        </button>
      </span>
    </div>
  );
}
