/** The case → note part of the export workflow: prefill, laterality, overlays, the note document. */
export * from './prefill';
export * from './laterality';
export * from './overlays';
export * from './document';
export * from './identity';
