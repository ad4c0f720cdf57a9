/**
 * Structure names as drawn in small spaces (the 3D section labels, the clearance tags in the 3D
 * view): the side is abbreviated, the rest of the name kept. Lists keep names whole.
 */

/** "Right lung" → "R. lung", "Left …" → "L. …"; other names unchanged. */
export const shortName = (label: string): string => label.replace(/^Right /, 'R. ').replace(/^Left /, 'L. ');
