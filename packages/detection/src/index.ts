export { batchedNms, nms, nmsDetections, softNms } from './nms/index.js';
export type { NmsDetectionsOptions, NmsOptions, SoftNmsOptions, SoftNmsResult } from './nms/index.js';
export { evaluateCoco, loadCocoJson, validateCocoDataset, validateCocoResults, linspace, COCO_IOU_THRS, COCO_REC_THRS } from './coco/index.js';
export type { CocoAnnotation, CocoCategory, CocoCategoryStats, CocoDataset, CocoEvalOptions, CocoEvalParams, CocoEvaluation, CocoImage, CocoIouType, CocoJsonKind, CocoResultLike, CocoSegmentation } from './coco/index.js';
