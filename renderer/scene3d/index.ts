/**
 * renderer/scene3d — the only room that imports three, three-mesh-bvh and @react-three/*. Its public
 * face for the UI (renderer/ui imports this index, never the files behind it): the 3D view, the
 * probe-plane section, the simulated image (worker), saving a simulated clip, and model loading.
 */
export { Scene3DView } from './Scene3DView';
export { sectionScene, type SectionItem } from './section';
export { useSimImage } from './sim/useSimImage';
export type { SimFrame } from './sim/client';
export { saveSimClip, clipDescription, SIM_CLIP_SIZE } from './sim/saveClip';
export { setModelUnits } from './models';
export { modelGeometry } from './geometry';
export { computeClearance } from './analysis';
