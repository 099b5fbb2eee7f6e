export type { Rle, RleInput, UncompressedRle } from './rle.js';
export { encodeCounts, decodeCounts } from './counts.js';
export { rleEncode, rleDecode } from './encode.js';
export { rleArea } from './area.js';
export { rleToBbox, rleFromBbox } from './bbox.js';
export { rleFromPolygon } from './polygon.js';
export { rleMerge } from './merge.js';
export { rleIou } from './iou.js';
