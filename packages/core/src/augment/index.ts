export type { AugmentSample, Transform } from './sample.js';
export { mulberry32 } from './random.js';
export type { RandomFn } from './random.js';
export { horizontalFlip, verticalFlip } from './flip.js';
export { translate, randomTranslate, randomTranslateParams } from './translate.js';
export type { TranslateOptions, RandomTranslateOptions } from './translate.js';
export { crop, resizedCrop, randomCrop, randomCropParams, randomResizedCrop, randomResizedCropParams } from './crop.js';
export type { CropRegion, ResizedCropOptions, RandomResizedCropOptions } from './crop.js';
export {
  GRAYSCALE_WEIGHTS,
  adjustBrightness,
  adjustContrast,
  adjustHue,
  adjustSaturation,
  applyColorJitter,
  colorJitter,
  colorJitterParams,
} from './color.js';
export type { ColorAdjustment, ColorJitterOptions, ColorJitterParams, ColorOptions, JitterRange } from './color.js';
export { IMAGENET_EIGVAL, IMAGENET_EIGVEC, lighting, randomLighting } from './lighting.js';
export type { LightingOptions } from './lighting.js';
export { compose, randomApply, Augmenter } from './compose.js';
export type { AugmenterOptions } from './compose.js';
