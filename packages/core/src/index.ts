export { FoveaError, check } from './errors.js';
export type { FoveaErrorCode } from './errors.js';
export { tf } from './tf.js';
export { initBackend } from './backend/init.js';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend/init.js';
export { registerWasmGradients } from './backend/wasm-gradients.js';
export { configureWasmThreads } from './backend/wasm-threads.js';
export { boxArea, clipBoxes, convertBoxes, scaleBoxes, toBoxArray, toValidBoxes } from './geometry/boxes.js';
export type { BoxFormat, BoxesInput } from './geometry/boxes.js';
export { boxIou, completeBoxIou, distanceBoxIou, generalizedBoxIou } from './geometry/iou.js';
export { convOutputShape, convTransposeOutputShape, poolOutputShape } from './geometry/conv-arithmetic.js';
export type { ConvShapeArgs, Padding, Size2D } from './geometry/conv-arithmetic.js';
export { receptiveField } from './geometry/receptive-field.js';
export type { ReceptiveField, ReceptiveFieldLayer } from './geometry/receptive-field.js';
export { fileSystemHandler } from './io/file-system.js';
export { saveModel, loadModel, loadGraphModel } from './io/model.js';
export type { SaveModelOptions, LoadModelOptions } from './io/model.js';
export { readImage } from './image/read.js';
export type { ReadImageOptions } from './image/read.js';
export { encodeImage, writeImage } from './image/write.js';
export type { ImageFormat, EncodeImageOptions, WriteImageOptions } from './image/write.js';
export { resize } from './image/resize.js';
export type { ResizeOptions } from './image/resize.js';
export { letterbox, letterboxTransform } from './image/letterbox.js';
export type { LetterboxOptions, LetterboxTransform } from './image/letterbox.js';
export { normalize, IMAGENET_MEAN, IMAGENET_STD } from './image/normalize.js';
export type { NormalizePreset } from './image/normalize.js';
export { Detections } from './detections/index.js';
export type { CategoryIds, CocoResult, CocoResultInput, DataColumn, DetectionItem, DetectionsInit, TypedArray } from './detections/index.js';
export { FASHION_MNIST_CLASSES, fashionMnistSearchPath, fashionMnistTensors, loadFashionMnist, parseIdx } from './datasets/index.js';
export type { FashionMnist, FashionMnistArrays, FashionMnistTensorOptions, IdxArrays, IdxDtype, IdxTensor, LoadFashionMnistOptions } from './datasets/index.js';
export { rleEncode, rleDecode, rleArea, rleIou, rleMerge, rleToBbox, rleFromBbox, rleFromPolygon, encodeCounts, decodeCounts } from './masks/index.js';
export type { Rle, UncompressedRle, RleInput } from './masks/index.js';
export { annotate, TrackTrails, DEFAULT_PALETTE, parseColor } from './draw/index.js';
export type { AnnotateOptions, TrailMap, RawImage, Point, TrackTrailsOptions, TrailAnchor, ColorInput, Rgb } from './draw/index.js';
export { Random, mixSeed } from './datasets/random.js';
export { SHAPE_CLASSES } from './datasets/shapes-raster.js';
export type { ShapeClass } from './datasets/shapes-raster.js';
export type { ShapesCommonOptions } from './datasets/shapes-options.js';
export { shapesDataset } from './datasets/shapes-dataset.js';
export type { CocoDataset, ShapesDataset, ShapesDatasetOptions, ShapesSample } from './datasets/shapes-dataset.js';
export { shapesVideo } from './datasets/shapes-video.js';
export type { ShapesFrame, ShapesVideo, ShapesVideoOptions, ToMotOptions } from './datasets/shapes-video.js';
export {
  Augmenter, compose, randomApply, mulberry32,
  horizontalFlip, verticalFlip,
  translate, randomTranslate, randomTranslateParams,
  crop, resizedCrop, randomCrop, randomCropParams, randomResizedCrop, randomResizedCropParams,
  adjustBrightness, adjustContrast, adjustSaturation, adjustHue, colorJitter, colorJitterParams, applyColorJitter, GRAYSCALE_WEIGHTS,
  lighting, randomLighting, IMAGENET_EIGVAL, IMAGENET_EIGVEC,
} from './augment/index.js';
export type {
  AugmentSample, Transform, RandomFn, AugmenterOptions, TranslateOptions, RandomTranslateOptions, CropRegion,
  ResizedCropOptions, RandomResizedCropOptions, ColorOptions, ColorJitterOptions, ColorJitterParams, ColorAdjustment,
  JitterRange, LightingOptions,
} from './augment/index.js';
export { bytesPerValue, convLayerCost, estimateMemory, measurePeakBytes } from './memory/index.js';
export type { ConvLayerCost, ConvLayerCostArgs, EstimateMemoryOptions, LayerMemory, LayerSpec, MeasuredMemory, MemoryDtype, MemoryEstimate, OptimizerSlots } from './memory/index.js';
