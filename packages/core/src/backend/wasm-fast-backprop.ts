import * as tf from '@tensorflow/tfjs-core';
import { transposedConvPads } from './wasm-gradient-kernels.js';
import { withScratch } from './wasm-kernel-scratch.js';

// Faster replacements for two tfjs-backend-wasm 4.22 gradient kernels that are
// plain scalar loops in C++: both become XNNPACK forward kernels (mostly one
// convolution of the zero-interleaved dy). Same results as the originals (parity-tested
// against the cpu backend); the original kernel still runs what these do not
// cover (NCHW).

type Info = tf.TensorInfo;

/**
 * dx = the zero-interleaved dy correlated with the filter flipped in space and
 * with its in/out channels swapped ([fh, fw, Co, Ci]), at stride 1.
 */
function conv2DBackpropInput(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, attrs, backend } = args;
    const { dy, filter } = inputs as { dy: Info; filter: Info };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (dataFormat === 'NCHW') return original(args);
    const info = tf.backend_util.computeConv2DInfo(
      inputShape, filter.shape as [number, number, number, number], strides, 1,
      pad, dimRoundingMode, false, 'channelsLast');
    const [fh, fw, ci, co] = filter.shape;
    const [n, ho, wo] = dy.shape;
    return withScratch(backend, (s) => {
      if (ho === 1 && wo === 1) {
        // One output pixel (a conv that spans its input, e.g. LeNet's C5): the
        // transposed conv would mostly multiply padding, so use one matmul
        // dy [N, Co] x W^T [Co, fh*fw*Ci] and place the window at the padding offset.
        const a = s.reshape(dy, [1, n, co]);
        // (wasm's BatchMatMul is ~10x slower with transposeB, so transpose first.)
        const wT = s.transpose(s.reshape(filter, [fh * fw * ci, co]), [1, 0]);
        const b = s.reshape(wT, [1, co, fh * fw * ci]);
        const cols = s.run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
        const { top, left } = info.padInfo;
        return s.padOrCrop(s.reshape(cols, [n, fh, fw, ci]),
          [-top, info.inHeight - fh + top, -left, info.inWidth - fw + left]);
      }
      const dyUp = s.zeroInterleave(dy, info.strideHeight, info.strideWidth);
      const pads = transposedConvPads(info, dy.shape[1], dy.shape[2]);
      if (ci === 1) {
        // One input channel (a network's first conv on grey images): XNNPACK's conv with one
        // output channel is slow; a depthwise correlation per dy channel, then a channel sum,
        // is about twice as fast.
        const flipped = s.reshape(s.run('Reverse', { x: filter }, { dims: [0, 1] }), [fh, fw, co, 1]);
        const perChannel = s.correlate('DepthwiseConv2dNative', dyUp, flipped, [1, 1], [1, 1], pads, info.inHeight, info.inWidth);
        return s.run('Sum', { x: perChannel }, { axis: [3], keepDims: true });
      }
      const flipped = s.transpose(s.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
      return s.correlate('Conv2D', dyUp, flipped, [1, 1], [1, 1], pads, info.inHeight, info.inWidth);
    });
  };
}

/**
 * dx = the zero-interleaved dy depthwise-correlated with a constant
 * 1 / (filterHeight * filterWidth) window, which is what tfjs's AvgPoolGrad
 * computes on every backend (the divisor ignores padding); when the windows
 * tile the input exactly, a broadcast multiply of dy instead.
 */
function avgPoolGrad(): tf.KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const { dy, input } = inputs as { dy: Info; input: Info };
    const { filterSize, strides, pad } = attrs as unknown as tf.AvgPoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number], filterSize, strides, 1, pad);
    const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, inChannels: c } = info;
    const [n, h, w] = input.shape;
    const [, ho, wo] = dy.shape;
    const { top, bottom, left, right } = info.padInfo;
    const tiled = fh === sh && fw === sw && top + bottom + left + right === 0 && ho * sh === h && wo * sw === w;
    return withScratch(backend, (s) => {
      if (tiled) {
        // Windows tile the input exactly (e.g. 2x2 pooling at stride 2): every input pixel gets
        // its window's dy / (fh * fw), one broadcast multiply.
        const share = s.run('Fill', {}, { shape: [1, 1, fh, 1, fw, 1], value: 1 / (fh * fw), dtype: 'float32' });
        const spread = s.run('Multiply', { a: s.reshape(dy, [n, ho, 1, wo, 1, c]), b: share });
        return s.reshape(spread, [n, h, w, c]);
      }
      const window = s.run('Fill', {}, { shape: [fh, fw, c, 1], value: 1 / (fh * fw), dtype: 'float32' });
      const dyUp = s.zeroInterleave(dy, info.strideHeight, info.strideWidth);
      const pads = transposedConvPads(info, dy.shape[1], dy.shape[2]);
      return s.correlate('DepthwiseConv2dNative', dyUp, window, [1, 1], [1, 1], pads, info.inHeight, info.inWidth);
    });
  };
}

/** Builders of the replacement kernels, given the original wasm kernel function. */
export const fastBackpropKernels: Record<string, (original: tf.KernelFunc) => tf.KernelFunc> = {
  [tf.Conv2DBackpropInput]: conv2DBackpropInput,
  [tf.AvgPoolGrad]: avgPoolGrad,
};
