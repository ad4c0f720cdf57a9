/** Colours of the 3D scene's own objects (anatomy colours come from the atlas manifest) and the camera's field of view. */
export const SCENE_COLORS = {
  background: '#14191e',
  needle: '#e9eef2',
  needleMark: '#ffd166',
  entry: '#7fd0dc',
  target: '#5fd08c',
  danger: '#ff7a6b',
  clearance: '#ffb38a',
  probe: '#c8d3dc',
  probeNotch: '#5fb4c2',
  plane: '#5fb4c2',
  clipNeedle: '#c9a4ff',
  landmarkMoving: '#e6c65c',
  landmarkFixed: '#7fd0dc',
} as const;

/** Vertical field of view of the 3D camera, degrees. */
export const FOV_DEG = 40;
