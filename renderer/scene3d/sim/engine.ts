/**
 * The simulator worker's engine, free of worker plumbing so tests run it directly: it keeps each
 * model's prepared meshes, renders frames (core/sim/view) and makes clips (core/sim/clip), given a
 * JPEG encoder for the clips.
 */
import type { AtlasCategory } from '../../../core/anatomy/atlas-manifest';
import { transformMesh, type TriMesh } from '../../../core/anatomy/mesh';
import { meshSkin } from '../../../core/anatomy/probe';
import { prepareSectionMesh, type SectionMesh } from '../../../core/anatomy/section';
import type { Scene3dPlan } from '../../../core/anatomy/plan3d';
import type { JpegBaselineEncoder } from '../../../core/dicom/write/jpeg-encoder';
import { err, ok, type Result } from '../../../core/result';
import { simClipFrames, writeSimClip } from '../../../core/sim/clip';
import { renderProbeView, type SimModel } from '../../../core/sim/view';
import type { FromSim, SimMeshMsg, SimSceneMsg, SimViewMsg, ToSim } from './protocol';

interface ModelEntry {
  meshes: SectionMesh[];
  raw: TriMesh[];
  categories: Map<string, AtlasCategory | null>;
}

export interface SimEngine {
  handle(msg: ToSim): Promise<{ reply: FromSim; transfer: Transferable[] } | null>;
}

export function createSimEngine(encoder: () => Promise<JpegBaselineEncoder>): SimEngine {
  const models = new Map<string, ModelEntry>();

  const addModel = (id: string, meshes: SimMeshMsg[]) => {
    const raw = meshes.map((m) => ({ name: m.name, positions: m.positions, indices: m.indices }));
    models.set(id, {
      raw,
      meshes: raw.map((m) => prepareSectionMesh(m)).filter((m): m is SectionMesh => m !== undefined),
      categories: new Map(meshes.map((m) => [m.name, m.category])),
    });
  };

  const simModels = (scene: SimSceneMsg): SimModel[] => {
    const out: SimModel[] = [];
    for (const m of scene.models) {
      const e = models.get(m.id);
      if (!e) continue;
      const hidden = new Set(m.hidden);
      out.push({ id: m.id, transform: m.transform, meshes: hidden.size ? e.meshes.filter((s) => !hidden.has(s.name)) : e.meshes, categories: e.categories });
    }
    return out;
  };

  /** The skin of the scene in the patient frame (the sweep settles on it). */
  const skinOf = (scene: SimSceneMsg) => {
    const out: TriMesh[] = [];
    for (const m of scene.models) {
      const e = models.get(m.id);
      if (!e) continue;
      for (const r of e.raw) if (e.categories.get(r.name) === 'skin') out.push(transformMesh(r, m.transform));
    }
    return meshSkin(out);
  };

  const asScene = (v: SimViewMsg): Scene3dPlan => ({ models: [], atRisk: [], clipLinks: [], probe: v.pose, ...(v.trajectory ? { trajectory: v.trajectory } : {}) });

  async function clip(msg: Extract<ToSim, { type: 'clip' }>): Promise<Result<{ bytes: Uint8Array; frames: number }>> {
    const frames = simClipFrames(asScene(msg), msg.plan, skinOf(msg.scene));
    if (!frames.ok) return frames;
    const sm = simModels(msg.scene);
    const images = frames.value.map((f, i) => renderProbeView(sm, f.pose, f.needleTip && msg.trajectory ? msg.trajectory : undefined, { columns: msg.columns, rows: msg.rows, gainDb: msg.gainDb, seed: i + 1, ...(f.needleTip ? { needleTip: f.needleTip } : {}) }).image);
    const bytes = writeSimClip(images, msg.pose, { what: msg.what, uidSeed: msg.uidSeed, now: new Date(msg.nowIso) }, await encoder());
    return bytes.ok ? ok({ bytes: bytes.value, frames: images.length }) : err(bytes.error);
  }

  return {
    async handle(msg) {
      switch (msg.type) {
        case 'model':
          addModel(msg.id, msg.meshes);
          return null;
        case 'drop-model':
          models.delete(msg.id);
          return null;
        case 'frame': {
          const t0 = performance.now();
          const v = renderProbeView(simModels(msg.scene), msg.pose, msg.trajectory ?? undefined, { columns: msg.columns, rows: msg.rows, gainDb: msg.gainDb, seed: msg.seed });
          const { pixels, columns, rows, mmPerPx, originPx, region, frequencyMHz } = v.image;
          return { reply: { type: 'frame', id: msg.id, image: { pixels, columns, rows, mmPerPx, originPx, region, frequencyMHz }, needleInPlane: v.needleInPlane, renderMs: performance.now() - t0 }, transfer: [pixels.buffer] };
        }
        case 'clip': {
          const r = await clip(msg);
          if (!r.ok) return { reply: { type: 'error', id: msg.id, error: r.error }, transfer: [] };
          return { reply: { type: 'clip', id: msg.id, bytes: r.value.bytes, frames: r.value.frames }, transfer: [r.value.bytes.buffer] };
        }
      }
    },
  };
}
