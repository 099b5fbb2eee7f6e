import * as tfl from '@tensorflow/tfjs-layers';

type AddWeight = (this: tfl.layers.Layer, ...args: unknown[]) => tfl.LayerVariable;

/**
 * Runs a synchronous model build with every weight zero-filled instead of randomly initialised,
 * through tfjs's own fast-init path (the one `loadLayersModel` uses before it reads weights). No
 * random numbers are drawn, and on the cpu backend the zero-filled buffers are never touched, so
 * building VGG16 (553 MB of float32 weights) costs little time or resident memory: for counting
 * parameters and FLOPs. The patch of `Layer.prototype.addWeight` lasts only for `build`'s
 * synchronous execution, so it cannot leak into other code.
 */
export function withZeroInit<T>(build: () => T): T {
  const proto = tfl.layers.Layer.prototype as unknown as { addWeight: AddWeight };
  const original = proto.addWeight;
  proto.addWeight = function zeroInitAddWeight(this: tfl.layers.Layer, ...args: unknown[]) {
    this.setFastWeightInitDuringBuild(true);
    return original.apply(this, args);
  };
  try {
    return build();
  } finally {
    proto.addWeight = original;
  }
}
