export { batchedNms, nms, nmsDetections, softNms } from './nms/index.js';
export type { NmsDetectionsOptions, NmsOptions, SoftNmsOptions, SoftNmsResult } from './nms/index.js';
