/** Shared unit geometries and the no-op raycast of the scene's own objects (needle, probe, markers). */
import { CylinderGeometry, SphereGeometry, Vector3 } from 'three';

export const Y_AXIS = new Vector3(0, 1, 0);
export const unitCylinder = new CylinderGeometry(1, 1, 1, 16, 1);
export const unitSphere = new SphereGeometry(1, 20, 14);
/** Objects drawn over the anatomy are not picked. */
export const noRaycast = () => null;
