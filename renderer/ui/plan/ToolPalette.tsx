import { getBlockTemplate } from '../../../core/blocks/index';
import type { AnnotationRole } from '../../../core/plan/schema';
import { dispatch, displayShortcut } from '../../state/commands';
import { useCase } from '../../state/case';
import { TOOL_INFO, useTool } from '../../state/tool';
import { ROLE_LABEL } from './BlockCard';
import { PlanIcon } from './icons';

export const ROLES: readonly AnnotationRole[] = ['target', 'landmark', 'at-risk', 'skin'];

/**
 * The annotation tools, and what the next mark will be: a structure of the chosen block (its role
 * and colour follow), the skin line, or free text with a role; on this frame or on every frame.
 */
export function ToolPalette() {
  const tool = useTool((s) => s.tool);
  const next = useTool((s) => s.next);
  const scope = useTool((s) => s.scope);
  const needleMode = useTool((s) => s.needleMode);
  const templateId = useCase((s) => s.history.present.block.templateId);
  const t = templateId ? getBlockTemplate(templateId) : undefined;
  const value = next.structureId ? `s:${next.structureId}` : next.role === 'skin' && next.label === 'Skin line' ? 'skin' : 'free';

  const onLabel = (v: string) => {
    const set = useTool.getState().setNext;
    if (v.startsWith('s:')) {
      const s = t?.structures.find((x) => x.id === v.slice(2));
      if (s) set({ structureId: s.id, label: s.name, role: s.role });
    } else if (v === 'skin') set({ structureId: null, label: 'Skin line', role: 'skin' });
    else set({ structureId: null, label: '', role: next.role === 'skin' ? 'landmark' : next.role });
  };

  return (
    <div className="plan-tools" role="group" aria-label="Annotation tools">
      <div className="tool-row" role="toolbar" aria-label="Tools">
        {TOOL_INFO.map((x) => (
          <button
            key={x.id}
            type="button"
            className={`tool-button${tool === x.id ? ' active' : ''}`}
            aria-label={x.label}
            aria-pressed={tool === x.id}
            title={`${x.label} (${displayShortcut(x.shortcut)}): ${x.hint}`}
            onClick={() => dispatch(`tool.${x.id}`)}
          >
            <PlanIcon name={x.id} />
          </button>
        ))}
      </div>
      {tool !== 'select' && <p className="muted small" style={{ margin: 0 }}>{TOOL_INFO.find((x) => x.id === tool)?.hint} Esc cancels.</p>}
      <div className="next-label">
        <label htmlFor="next-structure">Label</label>
        <select id="next-structure" className="field-select" value={value} onChange={(e) => onLabel(e.target.value)}>
          {t &&
            (['target', 'landmark', 'at-risk'] as const).map((role) => {
              const list = t.structures.filter((s) => s.role === role);
              return list.length ? (
                <optgroup key={role} label={role === 'target' ? 'Targets' : role === 'landmark' ? 'Landmarks' : 'At risk'}>
                  {list.map((s) => (
                    <option key={s.id} value={`s:${s.id}`}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ) : null;
            })}
          <option value="skin">Skin line (depth reference)</option>
          <option value="free">Free text…</option>
        </select>
        {value === 'free' && (
          <>
            <label htmlFor="next-free-label">Text</label>
            <input id="next-free-label" className="field-input" value={next.label} placeholder="Structure name" onChange={(e) => useTool.getState().setNext({ ...next, label: e.target.value })} />
            <label htmlFor="next-role">Role</label>
            <select id="next-role" className="field-select" value={next.role} onChange={(e) => useTool.getState().setNext({ ...next, role: e.target.value as AnnotationRole })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div className="inline-options">
        <span role="radiogroup" aria-label="New marks go on">
          <label>
            <input type="radio" name="plan-scope" checked={scope === 'frame'} onChange={() => useTool.getState().setScope('frame')} /> This frame
          </label>{' '}
          <label>
            <input type="radio" name="plan-scope" checked={scope === 'all'} onChange={() => useTool.getState().setScope('all')} /> All frames
          </label>
        </span>
        {tool === 'needle' && (
          <span role="radiogroup" aria-label="Needle approach">
            <label>
              <input type="radio" name="needle-mode" checked={needleMode === 'in-plane'} onChange={() => useTool.getState().setNeedleMode('in-plane')} /> In plane
            </label>{' '}
            <label>
              <input type="radio" name="needle-mode" checked={needleMode === 'out-of-plane'} onChange={() => useTool.getState().setNeedleMode('out-of-plane')} /> Out of plane
            </label>
          </span>
        )}
      </div>
    </div>
  );
}
