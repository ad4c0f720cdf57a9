import { describe, it, expect } from 'vitest';
import { applyCommand, createHistory, executeCommand, redo, undo, undoLabel, withScene3d, type Case, type History, type PlanCommand } from '../../../../core/plan/index';
import type { ModelRef, ProbePose, Scene3dPlan } from '../../../../core/anatomy/plan3d';
import { sampleCase } from './fixtures';

/** 3D edits are commands of the case's undo stack: one step each, data-only, validated. */

const model = (id: string): ModelRef => ({ id, label: id, source: { kind: 'atlas', atlasFile: `${id}.glb` }, mmPerUnit: 1000, unitsOverridden: false, transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], structures: [] });
const probe = (x: number): ProbePose => ({ kind: 'linear', position: [x, 100, 500], beamDir: [0, -1, 0], lateralDir: [-1, 0, 0], depthMm: 60, widthMm: 38 });
const initial: Scene3dPlan = { models: [model('atlas-thorax'), model('atlas-body-wall')], atRisk: ['atlas-thorax/lung-right'], clipLinks: [] };
const state = { visible: true, opacity: 0.5, color: '#aabbcc', role: 'other' as const };

function apply(h: History, cmd: PlanCommand, coalesce = false): History {
  const r = applyCommand(h, cmd, { coalesce });
  if (!r.ok) throw new Error(`${cmd.type}: ${r.error.title}`);
  return r.value;
}
const present = (h: History): Scene3dPlan => h.present.scene3d!;

describe('3D commands', () => {
  it('a case without a 3D plan gets its initial plan and the edit as one undo step named by the edit', () => {
    const c: Case = { ...sampleCase() };
    delete c.scene3d;
    let h = createHistory(c);
    h = apply(h, withScene3d(h.present, initial, { type: 'set-probe-3d', probe: probe(-50), label: 'Place probe' }));
    expect(present(h).models.map((m) => m.id)).toEqual(['atlas-thorax', 'atlas-body-wall']);
    expect(present(h).probe?.position[0]).toBe(-50);
    expect(undoLabel(h)).toBe('Place probe');
    expect(undo(h).present.scene3d).toBeUndefined();
    // Without a plan, a bare 3D edit is refused with an actionable error.
    const r = executeCommand(c, { type: 'set-probe-3d', probe: probe(0) });
    expect(!r.ok && r.error.code).toBe('plan/no-scene3d');
  });

  it('every edit is one step that undo reverts and redo re-applies', () => {
    let h = createHistory({ ...sampleCase(), scene3d: initial });
    const edits: PlanCommand[] = [
      { type: 'set-probe-3d', probe: probe(-40) },
      { type: 'set-trajectory-3d', trajectory: { entry: [-70, 90, 500], target: [-30, 40, 500] } },
      { type: 'set-structure-3d', modelId: 'atlas-thorax', name: 'rib-5-right', state, label: 'Opacity of Right fifth rib' },
      { type: 'add-model-3d', model: { ...model('model-1'), source: { kind: 'file', path: '/x/kidney.glb', format: 'glb' } } },
      { type: 'set-model-transform-3d', modelId: 'model-1', transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 10, 0, 0, 1] },
      { type: 'set-model-units-3d', modelId: 'model-1', mmPerUnit: 10 },
      { type: 'link-clip-3d', link: { clipId: 'c1', frameIndex: 3, probe: probe(-40) } },
      { type: 'unlink-clip-3d', clipId: 'c1', frameIndex: 3 },
      { type: 'remove-model-3d', modelId: 'model-1' },
    ];
    const states: Scene3dPlan[] = [present(h)];
    for (const e of edits) {
      h = apply(h, e);
      states.push(present(h));
    }
    expect(h.past).toHaveLength(edits.length);
    expect(states[3]!.models[0]!.structures).toEqual([{ name: 'rib-5-right', ...state }]);
    expect(states[6]!.models.find((m) => m.id === 'model-1')).toMatchObject({ mmPerUnit: 10, unitsOverridden: true, transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 10, 0, 0, 1] });
    expect(states[7]!.clipLinks).toHaveLength(1);
    for (let k = edits.length - 1; k >= 0; k--) {
      h = undo(h);
      expect(present(h)).toEqual(states[k]);
    }
    for (let k = 1; k <= edits.length; k++) {
      h = redo(h);
      expect(present(h)).toEqual(states[k]);
    }
  });

  it('a burst of probe moves with one coalesce key is one step', () => {
    let h = createHistory({ ...sampleCase(), scene3d: initial });
    for (let i = 1; i <= 5; i++) h = apply(h, { type: 'set-probe-3d', probe: probe(-40 - 2 * i), coalesceKey: 'slide-lateral', label: 'Slide probe' }, true);
    expect(h.past).toHaveLength(1);
    expect(present(h).probe?.position[0]).toBe(-50);
    expect(present(undo(h)).probe).toBeUndefined();
  });

  it('roles keep the target and at-risk lists in step (one target at most)', () => {
    let h = createHistory({ ...sampleCase(), scene3d: initial });
    h = apply(h, { type: 'set-structure-3d', modelId: 'atlas-thorax', name: 'pvs-right', state: { ...state, role: 'target' } });
    h = apply(h, { type: 'set-structure-3d', modelId: 'atlas-thorax', name: 'pleura-right', state: { ...state, role: 'at-risk' } });
    expect(present(h).target).toBe('atlas-thorax/pvs-right');
    expect(present(h).atRisk).toEqual(['atlas-thorax/lung-right', 'atlas-thorax/pleura-right']);
    h = apply(h, { type: 'set-structure-3d', modelId: 'atlas-thorax', name: 'pleura-right', state: { ...state, role: 'target' } });
    expect(present(h).target).toBe('atlas-thorax/pleura-right');
    expect(present(h).atRisk).toEqual(['atlas-thorax/lung-right']);
    expect(present(h).models[0]!.structures.find((s) => s.name === 'pvs-right')?.role).toBe('other');
    // Hiding the lung keeps it at risk (only its visibility changes).
    h = apply(h, { type: 'set-structure-3d', modelId: 'atlas-thorax', name: 'lung-right', state: { ...state, visible: false, role: 'at-risk' } });
    expect(present(h).atRisk).toContain('atlas-thorax/lung-right');
    // Removing a model removes its structures from the lists.
    h = apply(h, { type: 'remove-model-3d', modelId: 'atlas-thorax' });
    expect(present(h).atRisk).toEqual([]);
    expect(present(h).target).toBeUndefined();
  });

  it('refuses invalid edits with a clear error and leaves the case unchanged', () => {
    const c = { ...sampleCase(), scene3d: initial };
    const bad: [PlanCommand, string][] = [
      [{ type: 'set-probe-3d', probe: { ...probe(0), depthMm: -5 } }, 'plan/invalid-edit'],
      [{ type: 'set-structure-3d', modelId: 'nope', name: 'x', state }, 'plan/not-found'],
      [{ type: 'set-structure-3d', modelId: 'atlas-thorax', name: 'x', state: { ...state, opacity: 2 } }, 'plan/invalid-edit'],
      [{ type: 'add-model-3d', model: model('atlas-thorax') }, 'plan/duplicate-id'],
      [{ type: 'set-model-transform-3d', modelId: 'atlas-thorax', transform: [1, 2, 3] }, 'plan/invalid-edit'],
      [{ type: 'set-model-units-3d', modelId: 'atlas-thorax', mmPerUnit: 0 }, 'plan/invalid-edit'],
      [{ type: 'link-clip-3d', link: { clipId: 'no-such-clip', frameIndex: null, probe: probe(0) } }, 'plan/not-found'],
    ];
    for (const [cmd, code] of bad) {
      const r = executeCommand(c, cmd);
      expect(r.ok ? 'ok' : r.error.code, cmd.type).toBe(code);
    }
  });
});
