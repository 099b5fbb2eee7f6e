export { annotate } from './annotate.js';
export type { AnnotateOptions, TrailMap } from './options.js';
export type { RawImage } from './kinds.js';
export { TrackTrails } from './trails.js';
export type { Point, TrackTrailsOptions, TrailAnchor } from './trails.js';
export { DEFAULT_PALETTE, parseColor } from './palette.js';
export type { ColorInput, Rgb } from './palette.js';
