export { nms, batchedNms } from './nms.js';
export { softNms } from './soft-nms.js';
export type { SoftNmsOptions, SoftNmsResult } from './soft-nms.js';
export { nmsDetections } from './detections.js';
export type { NmsDetectionsOptions } from './detections.js';
export type { NmsOptions } from './validate.js';
