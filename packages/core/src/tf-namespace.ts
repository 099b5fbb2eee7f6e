// The tfjs surface Fovea exposes as `tf`, the way @tensorflow/tfjs assembles it,
// without the webgl backend that Node cannot use.
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export * from '@tensorflow/tfjs-converter';
