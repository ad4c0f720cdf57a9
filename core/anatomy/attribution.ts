/**
 * Attribution the anatomy atlas's licences require (shown in the About box and in docs/ANATOMY.md).
 * The atlas files (assets/anatomy) are derived from BodyParts3D, so they carry its licence,
 * CC BY-SA 2.1 JP; the HuBMAP-derived structures are also under CC BY 4.0.
 */
export const ATLAS_ATTRIBUTION: readonly { source: string; text: string; licence: string }[] = [
  {
    source: 'BodyParts3D',
    text: 'BodyParts3D, © The Database Center for Life Science licensed under CC Attribution-Share Alike 2.1 Japan (vertebrae, ribs, sacrum, hip bones, diaphragm; decimated and re-framed).',
    licence: 'CC BY-SA 2.1 JP',
  },
  {
    source: 'HuBMAP',
    text: 'HuBMAP HRA 3D Reference Object Library (Visible Human Female, National Library of Medicine; K. Browne, H. Schlehlein et al.): kidneys, pancreas, aorta, celiac trunk, SMA, IVC; decimated and registered.',
    licence: 'CC BY 4.0',
  },
];

/** Licence of the atlas files as distributed with BlockPlan. */
export const ATLAS_LICENCE = 'The anatomy atlas (assets/anatomy) is derived from BodyParts3D and distributed under CC BY-SA 2.1 JP.';
