/** Short display names of atlas structures for tight places (labels in the 3D view and the probe image). */

/** "Right parietal pleura" → "R. parietal pleura". */
export const shortName = (label: string): string => label.replace(/^Right /, 'R. ').replace(/^Left /, 'L. ');
