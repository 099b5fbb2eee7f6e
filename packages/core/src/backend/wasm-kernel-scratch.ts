import * as tf from '@tensorflow/tfjs-core';

type Info = tf.TensorInfo;

/** Top, bottom, left, right padding in pixels; negative values crop. */
export type Pads4 = [number, number, number, number];

/**
 * Runs registered wasm kernels on raw tensor infos inside another kernel and
 * frees every intermediate it made: the composite kernels below build their
 * result from several wasm kernels without going through the engine, so nothing
 * is taped or tracked, and `dispose` is the only place their memory is freed.
 */
export class WasmScratch {
  private readonly made: Info[] = [];

  constructor(readonly backend: tf.KernelBackend) {}

  /** Calls the wasm kernel `name`; its output is freed by `dispose` unless `keep` is called. */
  run(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): Info {
    const kernel = tf.getKernel(name, 'wasm');
    if (kernel == null) throw new Error(`wasm kernel ${name} is not registered`);
    const out = kernel.kernelFunc({ inputs, attrs, backend: this.backend }) as Info;
    this.made.push(out);
    return out;
  }

  reshape(x: Info, shape: number[]): Info {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: Info, perm: number[]): Info {
    return this.run('Transpose', { x }, { perm });
  }

  /** `x[begin : begin + size]`, or `x` itself when that is the whole tensor. */
  slice(x: Info, begin: number[], size: number[]): Info {
    if (size.every((s, i) => s === x.shape[i]) && begin.every((b) => b === 0)) return x;
    return this.run('Slice', { x }, { begin, size });
  }

  /**
   * Inserts `sh - 1` zero rows after every row and `sw - 1` zero columns after
   * every column of an NHWC tensor: `[N, H, W, C] -> [N, H*sh, W*sw, C]`. The
   * trailing zeros after the last row/column are kept; callers account for them.
   */
  zeroInterleave(x: Info, sh: number, sw: number): Info {
    if (sh === 1 && sw === 1) return x;
    const [n, h, w, c] = x.shape;
    const six = this.reshape(x, [n, h, 1, w, 1, c]);
    const paddings = [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]];
    const padded = this.run('PadV2', { x: six }, { paddings, constantValue: 0 });
    return this.reshape(padded, [n, h * sh, w * sw, c]);
  }

  /**
   * Pads the two spatial axes of NHWC `x` with zeros by [top, bottom, left,
   * right]; negative values crop instead.
   */
  padOrCrop(x: Info, pads: Pads4): Info {
    const [top, bottom, left, right] = pads;
    const [n, h, w, c] = x.shape;
    const cropTop = Math.max(0, -top);
    const cropLeft = Math.max(0, -left);
    const cropped = this.slice(
      x,
      [0, cropTop, cropLeft, 0],
      [n, h - cropTop - Math.max(0, -bottom), w - cropLeft - Math.max(0, -right), c],
    );
    if (Math.max(top, bottom, left, right) <= 0) return cropped;
    const paddings = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
    return this.run('PadV2', { x: cropped }, { paddings, constantValue: 0 });
  }

  /**
   * Cross-correlates NHWC `x` with `filter` through the wasm `Conv2D` or
   * `DepthwiseConv2dNative` kernel, with explicit per-side padding that may be
   * negative (negative padding crops `x` first), and returns exactly
   * `outH x outW` output pixels (extra trailing pixels are sliced off).
   */
  correlate(
    kernel: 'Conv2D' | 'DepthwiseConv2dNative',
    x: Info,
    filter: Info,
    strides: [number, number],
    dilations: [number, number],
    pads: Pads4,
    outH: number,
    outW: number,
  ): Info {
    const [top, bottom, left, right] = pads;
    const [n, h, w, c] = x.shape;
    const cropTop = Math.max(0, -top);
    const cropLeft = Math.max(0, -left);
    const cropped = this.slice(
      x,
      [0, cropTop, cropLeft, 0],
      [n, h - cropTop - Math.max(0, -bottom), w - cropLeft - Math.max(0, -right), c],
    );
    const pad = [
      [0, 0],
      [Math.max(0, top), Math.max(0, bottom)],
      [Math.max(0, left), Math.max(0, right)],
      [0, 0],
    ];
    const attrs = { strides, dilations, pad, dataFormat: 'NHWC', dimRoundingMode: null };
    const y = this.run(kernel, { x: cropped, filter }, attrs as unknown as tf.NamedAttrMap);
    if (y.shape[1] < outH || y.shape[2] < outW) {
      throw new Error(`internal: correlate produced ${y.shape} for ${outH}x${outW}`);
    }
    return this.slice(y, [0, 0, 0, 0], [y.shape[0], outH, outW, y.shape[3]]);
  }

  /** Keeps `out` alive past `dispose` (it is the kernel's result). */
  keep(out: Info): Info {
    const i = this.made.lastIndexOf(out);
    if (i >= 0) this.made.splice(i, 1);
    else this.backend.incRef(out.dataId); // an input passed through: the caller owns one more reference
    return out;
  }

  /** Frees every intermediate (a reshape holds a reference of its own, so each is released once). */
  dispose(): void {
    for (const info of this.made) this.backend.disposeData(info.dataId);
    this.made.length = 0;
  }
}

/**
 * Runs `body` with a fresh scratch on the kernel's backend (typed `{}` in
 * `KernelFunc`); the returned info is kept, the rest freed.
 */
export function withScratch(backend: unknown, body: (s: WasmScratch) => Info): Info {
  const scratch = new WasmScratch(backend as tf.KernelBackend);
  try {
    return scratch.keep(body(scratch));
  } finally {
    scratch.dispose();
  }
}
