import * as tf from '@tensorflow/tfjs-core';
import { withScratch } from './wasm-kernel-scratch.js';

// The three conv-gradient kernels the tfjs wasm backend lacks, each composed
// from wasm's forward (XNNPACK) convolutions plus reshapes and transposes.
// Shapes are NHWC; filters are [fh, fw, inChannels, outChannels | multiplier].

type Info = tf.TensorInfo;

function requireNhwc(kernel: string, dataFormat: unknown): void {
  if (dataFormat != null && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`wasm ${kernel} supports dataFormat 'NHWC' only, got '${String(dataFormat)}'; transpose the input to NHWC`);
  }
}

/**
 * dW[kh,kw,ci,co] = sum over n,i,j of xPad[n, i*sh + kh, j*sw + kw, ci] * dy[n,i,j,co]:
 * a stride-1 correlation of x^T [Ci, H, W, N] with dy^T [Ho, Wo, N, Co] dilated
 * by the forward stride, giving [Ci, fh, fw, Co].
 */
const conv2DBackpropFilter: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  requireNhwc('Conv2DBackpropFilter', dataFormat);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, 1,
    pad, dimRoundingMode, false, 'channelsLast');
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const [, h, w] = x.shape;
  const [, ho, wo] = dy.shape;
  return withScratch(backend, (s) => {
    const xT = s.transpose(x, [3, 1, 2, 0]);
    const dyT = s.transpose(dy, [1, 2, 0, 3]);
    const pads: [number, number, number, number] = [
      padInfo.top, (fh - 1) + (ho - 1) * sh + 1 - h - padInfo.top,
      padInfo.left, (fw - 1) + (wo - 1) * sw + 1 - w - padInfo.left,
    ];
    const dw = s.correlate('Conv2D', xT, dyT, [1, 1], [sh, sw], pads, fh, fw);
    return s.transpose(dw, [1, 2, 0, 3]);
  });
};

/**
 * dW[kh,kw,c,m] = sum over n,i,j of xPad[n, i*sh + kh*dh, j*sw + kw*dw, c] * dy[n,i,j,c*M+m]:
 * batch folded into channels, x^T [1, H, W, C*N] is depthwise-correlated with
 * dy^T [Ho, Wo, C*N, M] (stride = forward dilation, dilation = forward stride),
 * then the batch axis is summed out of [fh, fw, C, N, M].
 */
const depthwiseBackpropFilter: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, dilations ?? 1,
    pad, dimRoundingMode, true);
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const [n, h, w, c] = x.shape;
  const [, ho, wo] = dy.shape;
  const m = filterShape[3];
  return withScratch(backend, (s) => {
    const xT = s.reshape(s.transpose(x, [1, 2, 3, 0]), [1, h, w, c * n]);
    const dy5 = s.transpose(s.reshape(dy, [n, ho, wo, c, m]), [1, 2, 3, 0, 4]);
    const dyT = s.reshape(dy5, [ho, wo, c * n, m]);
    const pads: [number, number, number, number] = [
      padInfo.top, (fh - 1) * dh + (ho - 1) * sh + 1 - h - padInfo.top,
      padInfo.left, (fw - 1) * dw + (wo - 1) * sw + 1 - w - padInfo.left,
    ];
    const y = s.correlate('DepthwiseConv2dNative', xT, dyT, [dh, dw], [sh, sw], pads, fh, fw);
    if (n === 1) return s.reshape(y, [fh, fw, c, m]);
    const perBatch = s.reshape(y, [fh, fw, c, n, m]);
    return s.run('Sum', { x: perBatch }, { axis: [3], keepDims: false });
  });
};

/**
 * Transposed convolution as a correlation: dy with `stride - 1` zeros between
 * pixels, padded by `effectiveFilter - 1 - padTop` (top/left), against the
 * spatially flipped filter at the forward dilation. Returns the padding
 * [top, bottom, left, right] for the zero-interleaved dy (which carries
 * `stride - 1` trailing zeros).
 */
export function transposedConvPads(info: tf.backend_util.Conv2DInfo, ho: number, wo: number): [number, number, number, number] {
  const { effectiveFilterHeight: kh, effectiveFilterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  return [
    kh - 1 - padInfo.top, info.inHeight + padInfo.top - ho * sh,
    kw - 1 - padInfo.left, info.inWidth + padInfo.left - wo * sw,
  ];
}

/**
 * dx[n,h,w,c] = sum over kh,kw,m of dy[n,i,j,c*M+m] * W[kh,kw,c,m] with
 * h = i*sh + kh*dh - padTop: a depthwise correlation of the zero-interleaved dy
 * with the flipped filter as [fh, fw, C*M, 1], then a sum over the M outputs of
 * each input channel.
 */
const depthwiseBackpropInput: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: Info; filter: Info };
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], strides, dilations ?? 1,
    pad, dimRoundingMode, true);
  const [n, h, w, c] = inputShape;
  const [fh, fw, , m] = filter.shape;
  return withScratch(backend, (s) => {
    const dyUp = s.zeroInterleave(dy, info.strideHeight, info.strideWidth);
    const flipped = s.run('Reverse', { x: filter }, { dims: [0, 1] });
    const f = s.reshape(flipped, [fh, fw, c * m, 1]);
    const pads = transposedConvPads(info, dy.shape[1], dy.shape[2]);
    const dilation: [number, number] = [info.dilationHeight, info.dilationWidth];
    const y = s.correlate('DepthwiseConv2dNative', dyUp, f, [1, 1], dilation, pads, h, w);
    if (m === 1) return y;
    return s.run('Sum', { x: s.reshape(y, [n, h, w, c, m]) }, { axis: [4], keepDims: false });
  });
};

/** Kernel configs for the conv gradients missing from tfjs-backend-wasm 4.22. */
export const wasmGradientKernels: tf.KernelConfig[] = [
  { kernelName: tf.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2DBackpropFilter },
  { kernelName: tf.DepthwiseConv2dNativeBackpropFilter, backendName: 'wasm', kernelFunc: depthwiseBackpropFilter },
  { kernelName: tf.DepthwiseConv2dNativeBackpropInput, backendName: 'wasm', kernelFunc: depthwiseBackpropInput },
];
