/**
 * 2D geometry for planning on ultrasound images: unit-free shapes (./shapes), calibrated
 * measurements (./measure) and needle path metrics (./needle). 3D math lives in core/anatomy.
 */
export * from './shapes';
export * from './ellipse';
export * from './outline';
export * from './measure';
export * from './needle';
export * from './plausibility';
