// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { createSimEngine } from '../../../../renderer/scene3d/sim/engine';
import { SimClient, type WorkerLike } from '../../../../renderer/scene3d/sim/client';
import type { FromSim, ToSim } from '../../../../renderer/scene3d/sim/protocol';
import type { ProbePose } from '../../../../core/anatomy/plan3d';
import { boxMesh } from '../../core/anatomy/helpers';

/** The simulator worker's engine and the app's client, without a real worker. */

const pose: ProbePose = { kind: 'linear', position: [0, 0, 0], beamDir: [0, 1, 0], lateralDir: [1, 0, 0], depthMm: 40, widthMm: 30 };
const bone = boxMesh([-20, 15, -10], [20, 20, 10], 'rib');
const noEncoder = () => Promise.reject(new Error('no encoder in this test'));

describe('simulator engine', () => {
  it('renders the probe view of its models; hidden structures are left out; a transformed model is cut in its own frame', async () => {
    const e = createSimEngine(noEncoder);
    await e.handle({ type: 'model', id: 'm', meshes: [{ name: 'rib', category: 'bone', positions: bone.positions, indices: bone.indices }] });
    const view = (scene: Extract<ToSim, { type: 'frame' }>['scene']) => e.handle({ type: 'frame', id: 1, seed: 1, scene, pose, trajectory: null, columns: 200, rows: 240, gainDb: 0 });
    const id = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const shown = await view({ models: [{ id: 'm', transform: id, hidden: [] }] });
    const hidden = await view({ models: [{ id: 'm', transform: id, hidden: ['rib'] }] });
    const moved = await view({ models: [{ id: 'm', transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 40, 1], hidden: [] }] });
    const img = (r: typeof shown) => (r!.reply as Extract<FromSim, { type: 'frame' }>).image;
    const row = (r: typeof shown, v: number) => {
      const g = img(r);
      const y = Math.round(g.originPx.y + v / g.mmPerPx);
      let s = 0;
      for (let x = g.region.x0 + 20; x <= g.region.x1 - 20; x++) s += g.pixels[y * g.columns + x]!;
      return s / (g.region.x1 - g.region.x0 - 39);
    };
    expect(img(shown).columns).toBe(200);
    expect(r(shown).transfer).toHaveLength(1); // the image buffer is transferred, not copied
    // The rib's cortex at 15 mm is bright and shadows what lies behind it.
    expect(row(shown, 15.1)).toBeGreaterThan(row(hidden, 15.1) + 60);
    expect(row(shown, 30)).toBeLessThan(row(hidden, 30) - 40);
    // Moved 40 mm out of the plane (z), it is not cut.
    expect(Math.abs(row(moved, 30) - row(hidden, 30))).toBeLessThan(15);
  });
});
const r = (x: Awaited<ReturnType<ReturnType<typeof createSimEngine>['handle']>>) => x!;

describe('simulator client', () => {
  it('asks for a new frame only when the last one came back, and then for the newest pose only', () => {
    const sent: ToSim[] = [];
    let listener: ((e: MessageEvent) => void) | null = null;
    const worker: WorkerLike = { postMessage: (m) => sent.push(m as ToSim), addEventListener: (_t, l) => (listener = l), terminate: () => {} };
    const c = new SimClient(worker);
    const frames: number[] = [];
    c.onFrame = (f) => frames.push(f.image.columns);
    const view = (x: number) => ({ scene: { models: [] }, pose: { ...pose, position: [x, 0, 0] as [number, number, number] }, trajectory: null, columns: 100, rows: 100, gainDb: 0 });
    c.requestFrame(view(1));
    c.requestFrame(view(2));
    c.requestFrame(view(3));
    expect(sent.map((m) => (m.type === 'frame' ? m.pose.position[0] : -1))).toEqual([1]);
    const reply = (id: number) => listener!({ data: { type: 'frame', id, image: { columns: 100, rows: 100, mmPerPx: 1, originPx: { x: 0, y: 0 }, region: { x0: 0, y0: 0, x1: 99, y1: 99 }, frequencyMHz: 10, pixels: new Uint8Array(1e4) }, needleInPlane: false, renderMs: 1 } } as MessageEvent);
    reply(1);
    // Pose 2 was replaced by pose 3 while waiting.
    expect(sent.map((m) => (m.type === 'frame' ? m.pose.position[0] : -1))).toEqual([1, 3]);
    reply(2);
    expect(sent).toHaveLength(2);
    expect(frames).toEqual([100, 100]);
  });
});
