export { Detections } from './detections.js';
export type { CocoResultInput } from './coco.js';
export type { CategoryIds, CocoResult, DataColumn, DetectionItem, DetectionsInit, TypedArray } from './types.js';
