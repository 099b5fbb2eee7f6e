// Shared by the contract test files: the registry as `it.each` rows, split into shards so that vitest's
// workers (one per file) share the heavy cases, the options of the training check, and the fast random fill of the forward check.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ArchitectureEntry, CreateModelOptions } from '../../src/index.js';
import { listArchitectures } from '../../src/index.js';

/** `[name, entry]` rows of the whole registry, in registration order. */
export const ENTRIES = listArchitectures().map((e) => [e.name, e] as const);

/**
 * Rows `index`, `index + count`, ... of `ENTRIES`: interleaving spreads the heavy families (VGG, the deep
 * ResNets, EfficientNet B5-B7) over the shards.
 */
export function shard(index: number, count: number): (readonly [string, ArchitectureEntry])[] {
  return ENTRIES.filter((_, i) => i % count === index);
}

/** Classes of the small-input checks. */
export const CLASSES = 3;

/**
 * Builder options that switch off the random regularisers (dropout, EfficientNet's drop-connect) for the
 * five-step check: with them, each step's loss is taken under a different random mask, and five steps'
 * progress is smaller than that noise. Builders ignore options they do not have.
 */
export const NO_NOISE = { dropout: 0, dropConnectRate: 0 } as CreateModelOptions;

const ONES = new Set(['gamma', 'moving_variance', 'variance']);
const ZEROS = new Set(['beta', 'moving_mean', 'bias', 'mean', 'count']);
const KERNELS = new Set(['kernel', 'pointwise_kernel', 'depthwise_kernel']);

/**
 * Fills every weight of a zero-initialised model with seeded pseudo-random values at He-uniform scale
 * (kernels uniform in +-sqrt(6 / fan_in), fan_in = kernel height x width x input channels per group, the
 * height x width alone for depthwise kernels), BatchNorm and Normalization at identity (gamma and
 * variances 1, shifts and means 0). This keeps the activations' scale through every depth, as the
 * builders' own initialisers do, at a seventh of their cost: tfjs draws each value through seedrandom
 * (VGG16's 138M weights: 34 s against 5 s here, under load; zero build 3 s), more than VGG16's forward pass.
 * @throws if a weight has a name this fill does not know (a new layer type: extend the sets above).
 */
export function fillRandom(model: tfl.LayersModel, seed: number): void {
  let state = seed >>> 0 || 1;
  for (const w of model.weights) {
    const kind = w.originalName.split('/').pop()!;
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (ONES.has(kind)) values.fill(1);
    else if (KERNELS.has(kind)) {
      const fanIn = kind === 'depthwise_kernel' ? shape[0] * shape[1] : size / shape[shape.length - 1];
      const limit = Math.sqrt(6 / fanIn);
      // xorshift32 inline: VGG's 138M draws through a function call each would cost seconds.
      for (let i = 0; i < size; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        values[i] = ((state >>> 0) / 2 ** 31 - 1) * limit;
      }
    } else if (!ZEROS.has(kind)) throw new Error(`fillRandom: no rule for weight ${w.originalName}; add '${kind}' to a set.`);
    const t = tf.tensor(values, shape);
    w.write(t);
    t.dispose();
  }
}
