import { useEffect, useMemo, useState } from 'react';
import type { ModelRef, Scene3dPlan, StructureRole } from '../../../core/anatomy/plan3d';
import { effectiveStructure } from '../../../core/anatomy/scene-edits';
import { editStructures, useScene3d, useScene3dPlan, type ModelRuntime, type StructureInfo } from '../../state/scene3d';

/**
 * Every model of the 3D scene and its structures, grouped (vertebral level or region for the atlas),
 * with visibility, colour, opacity and role (target, landmark, at-risk). Roles are stored in the
 * case's 3D plan (`atRisk`, `target` and per-structure state), so clearance and the plan follow them.
 */

export const ROLE_LABELS: Record<StructureRole, string> = { target: 'Target', landmark: 'Landmark', 'at-risk': 'At risk', other: '—' };
const ROLES: StructureRole[] = ['other', 'target', 'landmark', 'at-risk'];

interface Group {
  key: string;
  name: string;
  items: StructureInfo[];
}

function groupsOf(rt: ModelRuntime): Group[] {
  const out = new Map<string, Group>();
  for (const s of rt.structures) {
    const key = `${rt.id}:${s.group}`;
    let g = out.get(key);
    if (!g) out.set(key, (g = { key, name: s.group, items: [] }));
    g.items.push(s);
  }
  return [...out.values()];
}

function StructureRow({ info, scene, selected }: { info: StructureInfo; scene: Scene3dPlan; selected: boolean }) {
  const eff = effectiveStructure(scene, info);
  const select = () => useScene3d.getState().select(selected ? null : info.ref);
  return (
    <li className={`s3d-struct${selected ? ' selected' : ''}${eff.visible ? '' : ' hidden'}`} data-ref={info.ref}>
      <input type="checkbox" checked={eff.visible} aria-label={`Show ${info.label}`} onChange={(e) => editStructures(`${e.target.checked ? 'Show' : 'Hide'} ${info.label}`, [info], { visible: e.target.checked })} />
      <input
        type="color"
        className="s3d-swatch"
        value={eff.color}
        aria-label={`Colour of ${info.label}`}
        onChange={(e) => editStructures(`Colour of ${info.label}`, [info], { color: e.target.value }, `color:${info.ref}`)}
      />
      <button type="button" className="s3d-struct-name" aria-pressed={selected} onClick={select} title={info.label}>
        {info.label}
      </button>
      <select className={`s3d-role role-${eff.role}`} value={eff.role} aria-label={`Role of ${info.label}`} onChange={(e) => editStructures(`Mark ${info.label} as ${ROLE_LABELS[e.target.value as StructureRole].toLowerCase()}`, [info], { role: e.target.value as StructureRole })}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r === 'other' ? 'No role' : ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </li>
  );
}

function GroupRows({ group, scene, open, onToggle, selected }: { group: Group; scene: Scene3dPlan; open: boolean; onToggle(): void; selected: string | null }) {
  const visible = group.items.filter((i) => effectiveStructure(scene, i).visible).length;
  const all = visible === group.items.length;
  const roles = group.items.map((i) => effectiveStructure(scene, i).role);
  const nAtRisk = roles.filter((r) => r === 'at-risk').length;
  const hasTarget = roles.includes('target');
  return (
    <li className="s3d-group">
      <div className="s3d-group-row">
        <button type="button" className="s3d-expander" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${group.name}`} onClick={onToggle}>
          {open ? '▾' : '▸'}
        </button>
        <input
          type="checkbox"
          checked={all}
          ref={(el) => {
            if (el) el.indeterminate = visible > 0 && !all;
          }}
          aria-label={`Show all of ${group.name}`}
          onChange={(e) => editStructures(`${e.target.checked ? 'Show' : 'Hide'} ${group.name}`, group.items, { visible: e.target.checked })}
        />
        <button type="button" className="s3d-group-name" onClick={onToggle} tabIndex={-1}>
          {group.name}
        </button>
        <span className="s3d-group-facts">
          {hasTarget && <span className="s3d-dot role-target" title="Holds the target" />}
          {nAtRisk > 0 && (
            <span className="s3d-badge role-at-risk" title={`${nAtRisk} at-risk structure${nAtRisk === 1 ? '' : 's'}`}>
              {nAtRisk}
            </span>
          )}
          <span className="muted">{group.items.length}</span>
        </span>
      </div>
      {open && (
        <ul className="s3d-struct-list">
          {group.items.map((i) => (
            <StructureRow key={i.ref} info={i} scene={scene} selected={selected === i.ref} />
          ))}
        </ul>
      )}
    </li>
  );
}

function ModelBlock({ model, rt, scene, filter, open, toggle, selected }: { model: ModelRef; rt: ModelRuntime | undefined; scene: Scene3dPlan; filter: string; open: Record<string, boolean>; toggle(key: string): void; selected: string | null }) {
  const groups = useMemo(() => (rt ? groupsOf(rt) : []), [rt]);
  const q = filter.trim().toLowerCase();
  const shown = q ? groups.map((g) => ({ ...g, items: g.items.filter((i) => i.label.toLowerCase().includes(q) || i.name.includes(q)) })).filter((g) => g.items.length > 0) : groups;
  const all = rt?.structures ?? [];
  const visible = all.filter((i) => effectiveStructure(scene, i).visible).length;
  return (
    <li className="s3d-model">
      <div className="s3d-model-row">
        <input
          type="checkbox"
          checked={all.length > 0 && visible === all.length}
          ref={(el) => {
            if (el) el.indeterminate = visible > 0 && visible < all.length;
          }}
          disabled={!rt || rt.status !== 'ready'}
          aria-label={`Show all of ${model.label}`}
          onChange={(e) => editStructures(`${e.target.checked ? 'Show' : 'Hide'} ${model.label}`, all, { visible: e.target.checked })}
        />
        <span className="s3d-model-name">{model.label}</span>
        <span className="muted s3d-model-facts">
          {!rt || rt.status === 'loading' ? 'loading…' : rt.status === 'error' ? 'not loaded' : `${all.length} structures`}
        </span>
      </div>
      {rt?.status === 'error' && rt.error && (
        <p className="s3d-error" role="status">
          {rt.error.title} {rt.error.action}
        </p>
      )}
      {shown.length > 0 && (
        <ul className="s3d-group-list">
          {shown.map((g) => (
            <GroupRows key={g.key} group={g} scene={scene} open={!!q || !!open[g.key]} onToggle={() => toggle(g.key)} selected={selected} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Details of the selected structure: opacity and facts. */
function SelectedDetails({ info, scene }: { info: StructureInfo; scene: Scene3dPlan }) {
  const eff = effectiveStructure(scene, info);
  const manifest = useScene3d((s) => s.manifest);
  const atlas = manifest?.structures.find((s) => s.node === info.name && info.modelId === s.file.replace(/\.glb$/i, ''));
  return (
    <div className="s3d-selected" aria-label={`Selected: ${info.label}`} role="group">
      <div className="s3d-selected-title">{info.label}</div>
      <label className="s3d-field s3d-opacity">
        <span>Opacity</span>
        <input
          type="range"
          min={0.05}
          max={1}
          step={0.05}
          value={eff.opacity}
          aria-label={`Opacity of ${info.label}`}
          onChange={(e) => editStructures(`Opacity of ${info.label}`, [info], { opacity: Number(e.target.value) }, `opacity:${info.ref}`)}
        />
        <output>{Math.round(eff.opacity * 100)} %</output>
      </label>
      <p className="muted s3d-selected-facts">
        {[info.category, atlas?.fmaId, `${info.triangles.toLocaleString('en-US')} triangles`].filter(Boolean).join(' · ')}
        {atlas && atlas.atRiskFor.length > 0 && <> · at risk in {atlas.atRiskFor.join(', ')}</>}
      </p>
    </div>
  );
}

export function StructureTree() {
  const scene = useScene3dPlan();
  const models = useScene3d((s) => s.models);
  const selected = useScene3d((s) => s.selected);
  const atlasStatus = useScene3d((s) => s.atlasStatus);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const toggle = (key: string) => setOpen((o) => ({ ...o, [key]: !o[key] }));
  const selectedInfo = selected ? scene.models.flatMap((m) => models[m.id]?.structures ?? []).find((s) => s.ref === selected) : undefined;
  // A structure picked in the 3D view: open its group and bring its row into view.
  const selectedGroup = selectedInfo ? `${selectedInfo.modelId}:${selectedInfo.group}` : null;
  useEffect(() => {
    if (!selectedGroup || !selected) return;
    setOpen((o) => (o[selectedGroup] ? o : { ...o, [selectedGroup]: true }));
    const id = requestAnimationFrame(() => document.querySelector(`.s3d-struct[data-ref="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(id);
  }, [selected, selectedGroup]);
  if (scene.models.length === 0) {
    return <p className="muted s3d-pad">{atlasStatus === 'loading' ? 'Loading the anatomy atlas…' : 'No models. Import a 3D model (GLB, STL, OBJ or PLY).'}</p>;
  }
  return (
    <div className="s3d-tree">
      <input type="search" className="s3d-filter" placeholder="Find a structure" aria-label="Find a structure" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {selectedInfo && <SelectedDetails info={selectedInfo} scene={scene} />}
      <ul className="s3d-model-list" aria-label="Structures">
        {scene.models.map((m) => (
          <ModelBlock key={m.id} model={m} rt={models[m.id]} scene={scene} filter={filter} open={open} toggle={toggle} selected={selected} />
        ))}
      </ul>
    </div>
  );
}
