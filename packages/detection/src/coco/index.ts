export { evaluateCoco } from './evaluate.js';
export { loadCocoJson } from './load.js';
export type { CocoJsonKind } from './load.js';
export { validateCocoDataset, validateCocoResults } from './validate.js';
export { COCO_IOU_THRS, COCO_REC_THRS, linspace } from './params.js';
export type {
  CocoAnnotation,
  CocoCategory,
  CocoCategoryStats,
  CocoDataset,
  CocoEvalOptions,
  CocoEvalParams,
  CocoEvaluation,
  CocoImage,
  CocoIouType,
  CocoResultLike,
  CocoSegmentation,
} from './types.js';
