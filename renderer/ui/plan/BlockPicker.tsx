import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { getBlockTemplate, searchBlocks } from '../../../core/blocks/index';
import type { BlockSide } from '../../../core/plan/schema';
import { useCase } from '../../state/case';
import { useTool } from '../../state/tool';
import { Modal } from '../Modal';
import { BlockCard } from './BlockCard';

/**
 * Choose the block: search by name, ASRA-ESRA name or alias (core/blocks searchBlocks), preview the
 * card, pick side, level and approach. Choosing is one undoable edit ("Choose block").
 */
export function BlockPicker({ onClose }: { onClose(): void }) {
  const current = useCase((s) => s.history.present.block);
  const [query, setQuery] = useState('');
  const hits = useMemo(() => searchBlocks(query), [query]);
  const [active, setActive] = useState<string | null>(current.templateId);
  const activeId = hits.some((h) => h.template.id === active) ? active : (hits[0]?.template.id ?? null);
  const t = activeId ? getBlockTemplate(activeId) : undefined;
  const sameBlock = t && t.id === current.templateId;
  const [side, setSide] = useState<BlockSide>(current.side);
  const [level, setLevel] = useState(current.level ?? '');
  const [approach, setApproach] = useState<string | null>(current.approach);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optId = (id: string) => `${listId}-${id}`;

  // The modal focuses its first control; the search box should have focus instead.
  useEffect(() => {
    const timer = setTimeout(() => inputRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (activeId) document.getElementById(optId(activeId))?.scrollIntoView?.({ block: 'nearest' });
  });

  const choose = () => {
    if (!t) return;
    const sideOk = side && (t.sides as readonly string[]).includes(side) ? side : t.sides.length === 1 && t.sides[0] === 'midline' ? 'midline' : side === 'n/a' ? side : null;
    const ok = useCase.getState().apply({
      type: 'set-block',
      block: { templateId: t.id, side: sideOk, level: level.trim() || null, approach: approach && t.approaches.some((a) => a.id === approach) ? approach : null },
    });
    if (!ok) return;
    // A structure of another block no longer fits the next annotation's label.
    const next = useTool.getState().next;
    if (next.structureId && !t.structures.some((s) => s.id === next.structureId)) useTool.getState().setNext({ structureId: null, label: '', role: 'landmark' });
    onClose();
  };

  const move = (delta: number) => {
    if (!hits.length) return;
    const i = Math.max(0, hits.findIndex((h) => h.template.id === activeId));
    const j = Math.min(hits.length - 1, Math.max(0, i + delta));
    setActive(hits[j]!.template.id);
  };

  return (
    <Modal title="Choose the block" onClose={onClose} wide>
      <div className="picker">
        <div className="picker-list">
          <input
            ref={inputRef}
            className="field-input"
            type="search"
            role="combobox"
            aria-label="Search blocks by name or alias"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeId ? optId(activeId) : undefined}
            placeholder="Search: name, alias (e.g. TPVB, ESP)"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                move(1);
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                move(-1);
              } else if (e.key === 'Enter') {
                e.preventDefault();
                choose();
              }
            }}
          />
          <ul className="picker-results" role="listbox" id={listId} aria-label="Blocks">
            {hits.map((h) => (
              <li key={h.template.id} role="option" id={optId(h.template.id)} aria-selected={h.template.id === activeId} onClick={() => setActive(h.template.id)} onDoubleClick={choose}>
                {h.template.name}
                {h.field !== 'name' && query.trim() && <span className="matched">matches “{h.matched}”</span>}
              </li>
            ))}
            {hits.length === 0 && <li className="muted" style={{ padding: 10 }}>No block matches “{query}”.</li>}
          </ul>
        </div>
        <div className="picker-preview" aria-live="polite">
          {t ? <BlockCard t={t} /> : <p className="muted">Choose a block to see its card.</p>}
        </div>
      </div>
      <div className="picker-foot">
        {t && (
          <>
            <label>
              Side
              <select className="field-select" value={side ?? ''} onChange={(e) => setSide((e.target.value || null) as BlockSide)} aria-label="Side">
                <option value="">not chosen</option>
                {t.sides.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Level
              <input className="field-input" style={{ width: '8em' }} aria-label="Level" placeholder={t.levelHint ?? 'e.g. T4'} value={level} onChange={(e) => setLevel(e.target.value)} />
            </label>
            {t.approaches.length > 1 && (
              <label>
                Approach
                <select className="field-select" aria-label="Approach" value={approach ?? ''} onChange={(e) => setApproach(e.target.value || null)}>
                  <option value="">{t.approaches.find((a) => a.primary)?.name ?? 'primary'}</option>
                  {t.approaches
                    .filter((a) => !a.primary)
                    .map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                </select>
              </label>
            )}
          </>
        )}
        <button type="button" className="secondary-button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary-button" disabled={!t} onClick={choose}>
          {sameBlock ? 'Keep this block' : 'Use this block'}
        </button>
      </div>
    </Modal>
  );
}
