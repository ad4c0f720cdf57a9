import { beforeEach, describe, expect, it } from 'vitest';
import { atlasModelId } from '../../../../core/anatomy/atlas-manifest';
import { contourArea } from '../../../../core/anatomy/section';
import type { ProbePose } from '../../../../core/anatomy/plan3d';
import { parseCase, serializeCase, undoLabel } from '../../../../core/plan/index';
import { currentCase, useCase } from '../../../../renderer/state/case';
import { PROBE_DEPTH_RANGE_MM, axisName, moveProbe, probeAt, probeView } from '../../../../core/anatomy/probe';
import { defaultScene3d, effectiveStructure, patchedStructure, withModel, withStructureState, withoutModel } from '../../../../core/anatomy/scene-edits';
import type { Scene3dPlan, StructureRole } from '../../../../core/anatomy/plan3d';
import { poseToModel } from '../../../../core/anatomy/scene-section';
import { clipNeedlesIn3d, trajectoryOnClips } from '../../../../core/plan/scene3d-links';
import { apply3d, atlasStructures, editStructures, sceneOf, useScene3d, type StructureInfo, type SurfaceQueries } from '../../../../renderer/state/scene3d';
import { sectionScene } from '../../../../renderer/scene3d/section';
import { clipImageGeometry } from '../../../../renderer/ui/scene3d/clipGeometry';
import { typedTrajectory } from '../../../../renderer/ui/scene3d/NeedlePanel';
import { composeTrs } from '../../../../renderer/ui/scene3d/transform';
import { addModel, boxMesh, realManifest, resetStores, structureInfo } from './fixtures';

beforeEach(() => resetStores());

const manifest = realManifest();
/** The core edit the structure tree sends: a structure's full state after a patch. */
const withPatch = (s: Scene3dPlan, info: StructureInfo, patch: Parameters<typeof patchedStructure>[2]) => withStructureState(s, info.modelId, info.name, patchedStructure(s, info, patch));
const withRole = (s: Scene3dPlan, info: StructureInfo, role: StructureRole) => withPatch(s, info, { role });
const THORAX = 'atlas-thorax';

describe('default 3D plan from the atlas manifest', () => {
  it('lists every atlas file as a model in mm and takes the block’s at-risk structures', () => {
    const s = defaultScene3d(manifest, 'thoracic-paravertebral');
    expect(s.models.map((m) => m.id).sort()).toEqual(['atlas-abdomen', 'atlas-body-wall', 'atlas-pelvis', 'atlas-thorax']);
    expect(s.models.every((m) => m.mmPerUnit === 1000 && m.source.kind === 'atlas')).toBe(true);
    // blocks.md §1.1: the pleura is the structure at risk in a TPVB; the aorta is not part of it.
    expect(s.atRisk).toContain(`${THORAX}/parietal-pleura-right`);
    expect(s.atRisk).not.toContain('atlas-abdomen/aorta');
    expect(defaultScene3d(manifest, null).atRisk).toEqual([]);
  });

  it('gives a sample case of a named block its ready scene (probe, needle, target, at-risk set)', () => {
    const s = defaultScene3d(manifest, 'thoracic-paravertebral', { sample: true });
    expect(s.probe?.kind).toBe('linear');
    expect(s.trajectory).toBeDefined();
    expect(s.target).toBe(`${THORAX}/paravertebral-space-right`);
    expect(s.atRisk).toContain(`${THORAX}/parietal-pleura-right`);
    // A user's own TPVB case is not given a needle it did not plan.
    expect(defaultScene3d(manifest, 'thoracic-paravertebral').trajectory).toBeUndefined();
  });
});

describe('structure state and roles', () => {
  const skin = atlasStructures(manifest, 'atlas-body-wall.glb').find((s) => s.name === 'skin-back')!;
  const pleura = atlasStructures(manifest, 'atlas-thorax.glb').find((s) => s.name === 'parietal-pleura-right')!;
  const pvs = atlasStructures(manifest, 'atlas-thorax.glb').find((s) => s.name === 'paravertebral-space-right')!;

  it('keeps the manifest’s default opacity when only the colour changes (no schema default of 1)', () => {
    useScene3d.setState({ manifest });
    expect(effectiveStructure(sceneOf(currentCase(), manifest), skin).opacity).toBe(0.3);
    expect(editStructures('Colour', [skin], { color: '#123456' })).toBe(true);
    const scene = currentCase().scene3d!;
    expect(effectiveStructure(scene, skin)).toMatchObject({ color: '#123456', opacity: 0.3, visible: true });
  });

  it('keeps atRisk and target in step with roles; one target at a time', () => {
    let s = defaultScene3d(manifest, 'thoracic-paravertebral');
    s = withRole(s, pvs, 'target');
    expect(s.target).toBe(pvs.ref);
    s = withRole(s, pleura, 'target');
    expect(s.target).toBe(pleura.ref);
    expect(effectiveStructure(s, pvs).role).toBe('other');
    expect(s.atRisk).not.toContain(pleura.ref);
    s = withRole(s, pleura, 'at-risk');
    expect(s.target).toBeUndefined();
    expect(s.atRisk.filter((r) => r === pleura.ref)).toHaveLength(1);
    s = withRole(s, pleura, 'landmark');
    expect(s.atRisk).not.toContain(pleura.ref);
    expect(effectiveStructure(s, pleura).role).toBe('landmark');
  });

  it('shows or hides a group in one undo step, and undo/redo restore it', () => {
    useScene3d.setState({ manifest });
    const t5 = atlasStructures(manifest, 'atlas-thorax.glb').filter((s) => s.group === 'T5');
    expect(t5.length).toBeGreaterThan(5);
    editStructures('Hide T5', t5, { visible: false });
    expect(t5.every((i) => !effectiveStructure(currentCase().scene3d!, i).visible)).toBe(true);
    expect(undoLabel(useCase.getState().history)).toBe('Hide T5');
    useCase.getState().undo();
    expect(currentCase().scene3d).toBeUndefined();
    useCase.getState().redo();
    expect(t5.every((i) => !effectiveStructure(currentCase().scene3d!, i).visible)).toBe(true);
  });

  it('coalesces a colour drag into one undo step', () => {
    useScene3d.setState({ manifest });
    for (const c of ['#111111', '#222222', '#333333']) editStructures('Colour of skin', [skin], { color: c }, `color:${skin.ref}`);
    expect(useCase.getState().history.past).toHaveLength(1);
    useCase.getState().undo();
    expect(currentCase().scene3d).toBeUndefined();
  });

  it('saves and reloads the 3D plan with the case', () => {
    useScene3d.setState({ manifest });
    editStructures('At risk', [pleura], { role: 'at-risk' });
    apply3d({ type: 'set-trajectory-3d', trajectory: { entry: [-30, 74, 467], target: [-30, 18.5, 478], entryNormal: [0, 1, 0] }, label: 'Needle' });
    const r = parseCase(serializeCase(currentCase()), 'x.bpcase');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.plan.scene3d).toEqual(currentCase().scene3d);
  });

  it('removing a model drops its structures from the at-risk set and the target', () => {
    let s = defaultScene3d(manifest, 'thoracic-paravertebral');
    s = withRole(s, pvs, 'target');
    s = withoutModel(s, THORAX);
    expect(s.models.some((m) => m.id === THORAX)).toBe(false);
    expect(s.atRisk.some((r) => r.startsWith(`${THORAX}/`))).toBe(false);
    expect(s.target).toBeUndefined();
  });
});

describe('plane sections of the scene', () => {
  // Box x ∈ [−10, 10], y ∈ [0, 30], z ∈ [−5, 5] mm.
  const box = () => boxMesh('box', [-10, 0, -5], [10, 30, 5]);
  const pose: ProbePose = { kind: 'linear', position: [0, -5, 0], beamDir: [0, 1, 0], lateralDir: [1, 0, 0], depthMm: 50, widthMm: 40 };

  it('cuts an untransformed model exactly (plane z = 0: u = x, v = y + 5)', () => {
    const rt = addModel('m', [box()]);
    const scene = withModel({ models: [], atRisk: [], clipLinks: [] }, { id: 'm', label: 'M', source: { kind: 'file', path: 'm.stl', format: 'stl' }, mmPerUnit: 1, unitsOverridden: false, transform: composeTrs({ translateMm: [0, 0, 0], rotateDeg: [0, 0, 0], scale: 1 }), structures: [] });
    const items = sectionScene(scene, { m: rt }, pose);
    expect(items).toHaveLength(1);
    const c = items[0]!.contours[0]!;
    expect(c.closed).toBe(true);
    const us = [...c.points].filter((_, i) => i % 2 === 0);
    const vs = [...c.points].filter((_, i) => i % 2 === 1);
    expect(Math.min(...us)).toBeCloseTo(-10, 5);
    expect(Math.max(...us)).toBeCloseTo(10, 5);
    expect(Math.min(...vs)).toBeCloseTo(5, 5);
    expect(Math.max(...vs)).toBeCloseTo(35, 5);
    expect(Math.abs(contourArea(c.points))).toBeCloseTo(600, 3);
    expect(items[0]!.inImage).toBe(true);
  });

  it('cuts a moved, rotated and scaled model in its own frame and maps the contour back', () => {
    // x' = 2·R_z(90°)·x + (100, 0, 0): the box becomes x' ∈ [40, 100], y' ∈ [−20, 20], z' ∈ [−10, 10].
    const rt = addModel('m', [box()]);
    const transform = composeTrs({ translateMm: [100, 0, 0], rotateDeg: [0, 0, 90], scale: 2 });
    const scene = withModel({ models: [], atRisk: [], clipLinks: [] }, { id: 'm', label: 'M', source: { kind: 'file', path: 'm.stl', format: 'stl' }, mmPerUnit: 1, unitsOverridden: false, transform, structures: [] });
    const p: ProbePose = { kind: 'linear', position: [70, -30, 0], beamDir: [0, 1, 0], lateralDir: [1, 0, 0], depthMm: 60, widthMm: 70 };
    const c = sectionScene(scene, { m: rt }, p)[0]!.contours[0]!;
    const us = [...c.points].filter((_, i) => i % 2 === 0);
    const vs = [...c.points].filter((_, i) => i % 2 === 1);
    expect(Math.min(...us)).toBeCloseTo(-30, 4);
    expect(Math.max(...us)).toBeCloseTo(30, 4);
    expect(Math.min(...vs)).toBeCloseTo(10, 4);
    expect(Math.max(...vs)).toBeCloseTo(50, 4);
    expect(Math.abs(contourArea(c.points))).toBeCloseTo(2400, 2);
    const local = poseToModel(p, transform)!;
    expect(local.widthMm).toBeCloseTo(35, 9);
    expect(local.position[0]).toBeCloseTo(-15, 9); // (70−100, −30)/2 rotated by −90° → (−15, 15)
    expect(local.position[1]).toBeCloseTo(15, 9);
  });

  it('leaves hidden structures out of the image', () => {
    const rt = addModel('m', [box()]);
    let scene = withModel({ models: [], atRisk: [], clipLinks: [] }, { id: 'm', label: 'M', source: { kind: 'file', path: 'm.stl', format: 'stl' }, mmPerUnit: 1, unitsOverridden: false, transform: composeTrs({ translateMm: [0, 0, 0], rotateDeg: [0, 0, 0], scale: 1 }), structures: [] });
    scene = withPatch(scene, structureInfo('m', 'box'), { visible: false });
    expect(sectionScene(scene, { m: rt }, pose)).toEqual([]);
  });
});

describe('the virtual probe', () => {
  const pose: ProbePose = { kind: 'linear', position: [0, 80, 100], beamDir: [0, -1, 0], lateralDir: [1, 0, 0], depthMm: 50, widthMm: 38 };

  it('is placed with its beam into the skin and a transverse lateral axis', () => {
    const p = probeAt({ point: [5, 80, 100], normal: [0, 1, 0] }, 'linear')!;
    expect(p.beamDir).toEqual([-0, -1, -0]);
    expect(p.lateralDir).toEqual([1, 0, 0]);
    expect(p.widthMm).toBe(38);
    expect(probeView(p)).toBe('transverse');
    expect(axisName(p.lateralDir)).toBe('patient left');
    // On the flank (normal ±X) the lateral axis runs cranially.
    expect(probeAt({ point: [150, 0, 100], normal: [1, 0, 0] }, 'curvilinear')!.lateralDir).toEqual([0, 0, 1]);
  });

  it('slides along its face and settles back on the skin', () => {
    const surfaces: SurfaceQueries = {
      // A skin plane y = 80 − x/10 (tilted), queried along the beam.
      skinAlongRay: (o, d) => {
        const t = (80 - o[0] / 10 - o[1]) / d[1];
        return { point: [o[0] + d[0] * t, o[1] + d[1] * t, o[2] + d[2] * t], normal: [0.1, 1, 0] };
      },
      skinNormalNear: () => null,
    };
    const moved = moveProbe(pose, { kind: 'slide', axis: 'lateral', mm: 10 }, surfaces);
    expect(moved.position[0]).toBeCloseTo(10, 9);
    expect(moved.position[1]).toBeCloseTo(79, 9);
    // Elevation axis = lateral × beam = (+X) × (−Y) = −Z: sliding 2 mm "forward" goes 2 mm caudal.
    expect(moveProbe(pose, { kind: 'slide', axis: 'elevation', mm: 2 }, null).position).toEqual([0, 80, 98]);
  });

  it('rotates about its own axes and keeps the depth within its range', () => {
    const spun = moveProbe(pose, { kind: 'rotate', axis: 'beam', deg: 90 }, null);
    expect(probeView(spun)).toBe('longitudinal');
    expect(moveProbe(pose, { kind: 'depth', mm: 1000 }, null).depthMm).toBe(PROBE_DEPTH_RANGE_MM.max);
    expect(moveProbe(pose, { kind: 'depth', mm: -1000 }, null).depthMm).toBe(PROBE_DEPTH_RANGE_MM.min);
  });
});

describe('clip frames tied to the probe', () => {
  // Probe face at the origin, image +x = patient left (+X), image +y = anterior (−Y); 0.1 mm/px; face centre at px (100, 0).
  const probe: ProbePose = { kind: 'linear', position: [0, 0, 0], beamDir: [0, -1, 0], lateralDir: [1, 0, 0], depthMm: 50, widthMm: 38 };
  const image = { originPx: { x: 100, y: 0 }, mmPerPxX: 0.1, mmPerPxY: 0.1 };

  function caseWithClipNeedle() {
    const st = useCase.getState();
    expect(st.apply({ type: 'add-clip', clip: { id: 'c1', path: 'c1.dcm', displayName: 'c1.dcm', sha256: 'a'.repeat(64), sopInstanceUid: null, studyInstanceUid: null, seriesInstanceUid: null, frameCount: 10, columns: 400, rows: 500 } })).toBe(true);
    expect(st.apply({ type: 'add-needle-path', path: { id: 'n1', clipId: 'c1', frameIndex: 3, entry: { x: 100, y: 0 }, target: { x: 300, y: 400 }, mode: 'in-plane' } })).toBe(true);
  }

  it('puts the clip’s needle path on the probe plane (hand-computed: 20 mm left, 40 mm deep)', () => {
    caseWithClipNeedle();
    expect(apply3d({ type: 'link-clip-3d', link: { clipId: 'c1', frameIndex: 3, probe, image }, label: 'Tie' })).toBe(true);
    const [n] = clipNeedlesIn3d(currentCase());
    expect(n!.entry).toEqual([0, 0, 0]);
    expect(n!.target[0]).toBeCloseTo(20, 9);
    expect(n!.target[1]).toBeCloseTo(-40, 9);
    expect(n!.target[2]).toBeCloseTo(0, 9);
  });

  it('projects the 3D needle onto the linked frame in px', () => {
    caseWithClipNeedle();
    apply3d({ type: 'link-clip-3d', link: { clipId: 'c1', frameIndex: 3, probe, image }, label: 'Tie' });
    apply3d({ type: 'set-trajectory-3d', trajectory: { entry: [-5, 0, 0], target: [10, -30, 0.5] } });
    const [t] = trajectoryOnClips(currentCase());
    expect(t!.frameIndex).toBe(3);
    expect(t!.entryPx.x).toBeCloseTo(50, 9);
    expect(t!.entryPx.y).toBeCloseTo(0, 9);
    expect(t!.targetPx.x).toBeCloseTo(200, 9);
    expect(t!.targetPx.y).toBeCloseTo(300, 9);
    expect(t!.inPlane).toBe(true);
  });

  it('refuses a link to a clip that is not in the case', () => {
    expect(apply3d({ type: 'link-clip-3d', link: { clipId: 'zz', frameIndex: null, probe }, label: 'Tie' })).toBe(false);
  });

  it('derives the image geometry from the calibrated region (reference pixel or top centre)', () => {
    const region = { index: 0, x0: 40, y0: 60, x1: 439, y1: 559, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.01 };
    const g = clipImageGeometry({ regions: [region] }, { columns: 480, rows: 600 });
    expect(g.geometry).toEqual({ originPx: { x: 240, y: 60 }, mmPerPxX: 0.1, mmPerPxY: 0.1 });
    const g2 = clipImageGeometry({ regions: [{ ...region, referencePixelX0: 200, referencePixelY0: 0 }] }, { columns: 480, rows: 600 });
    expect(g2.geometry?.originPx).toEqual({ x: 240, y: 60 });
    const none = clipImageGeometry({ regions: [] }, { columns: 480, rows: 600 });
    expect(none.geometry).toBeNull();
  });
});

describe('typed coordinates', () => {
  it('takes the skin normal near the entry when there is one', () => {
    const surfaces: SurfaceQueries = { skinAlongRay: () => null, skinNormalNear: (p) => ({ point: p, normal: [0, 1, 0] }) };
    expect(typedTrajectory([0, 80, 0], [0, 40, 30], surfaces)).toEqual({ entry: [0, 80, 0], target: [0, 40, 30], entryNormal: [0, 1, 0] });
    expect(typedTrajectory([0, 80, 0], [0, 40, 30], null)).toEqual({ entry: [0, 80, 0], target: [0, 40, 30] });
    expect(typedTrajectory([0, 0, 0], [0, 0, 0], null)).toBeNull();
    expect(typedTrajectory([Number.NaN, 0, 0], [0, 0, 1], null)).toBeNull();
  });
});

describe('model transforms', () => {
  it('stores a typed placement and resets it', () => {
    useScene3d.setState({ manifest });
    const m = composeTrs({ translateMm: [10, 20, 30], rotateDeg: [0, 0, 45], scale: 1 });
    apply3d({ type: 'set-model-transform-3d', modelId: atlasModelId('atlas-pelvis.glb'), transform: m, label: 'Place' });
    expect(currentCase().scene3d!.models.find((x) => x.id === 'atlas-pelvis')!.transform).toEqual(m);
    apply3d({ type: 'set-probe-3d', probe: null, label: 'Probe' });
    expect(currentCase().scene3d!.probe).toBeUndefined();
  });
});
