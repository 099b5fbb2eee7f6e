import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';

/** Options of {@link preciseBatchNorm}. */
export interface PreciseBatchNormOptions {
  /** Images per forward pass, the batch size the statistics are taken over; default 32. */
  batchSize?: number;
}

/**
 * Re-estimates the moving mean and variance of every `BatchNormalization` layer of `model` from `x`: the
 * average, over the batches of `x` (in order, the last short one dropped unless it is the only one), of each
 * layer's per-channel batch mean and (biased, as tfjs's training-mode BN) batch variance, with the model in
 * training mode so that every layer sees the inputs it was trained on. This is PreciseBN (Wu and Johnson,
 * "Rethinking 'batch' in BatchNorm", 2021) and what PyTorch's `torch.optim.swa_utils.update_bn` does
 * (cumulative average, `momentum=None`).
 *
 * Why: a moving average with Keras's momentum 0.99 (0.999 in MobileNet v2/v3) still holds 53% (94%) of its
 * initial zero mean and unit variance after 63 steps, so a network trained for a short budget tests near
 * chance in inference mode however well it trained; the builders' momenta differ by family, so without
 * this a short-budget comparison ranks momentum conventions, not architectures. Trainable weights are
 * untouched; dropout draws as in training.
 *
 * @param x `[N, ...]` inputs, usually training images; kept by the caller.
 * @returns How many layers were updated (0 for a model without BatchNorm, which is left as it was).
 * @throws FoveaError `E_INVALID_ARGUMENT` for an empty `x` or a bad batch size.
 */
export function preciseBatchNorm(model: tfl.LayersModel, x: tf.Tensor, options: PreciseBatchNormOptions = {}): number {
  const { batchSize = 32 } = options;
  check(Number.isInteger(batchSize) && batchSize > 0, `preciseBatchNorm: batchSize is ${batchSize}; give a positive integer.`);
  const n = x.shape[0];
  check(n > 0, 'preciseBatchNorm: x has no images; pass at least one.');
  const layers = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
  if (layers.length === 0) return 0;
  // A graph over the model's own layers whose outputs are the BN inputs. Deliberately not disposed: a
  // container does not own the layers it is built over, and disposing it would release their weights.
  const probe = tfl.model({ inputs: model.inputs, outputs: layers.map((l) => l.input as tfl.SymbolicTensor) });
  const axes = layers.map((l) => {
    const rank = (l.input as tfl.SymbolicTensor).shape.length;
    const axis = l.getConfig().axis as number;
    const channel = axis < 0 ? rank + axis : axis;
    return Array.from({ length: rank }, (_, i) => i).filter((i) => i !== channel);
  });
  const batches = Math.max(1, Math.floor(n / batchSize));
  const size = Math.min(batchSize, n);
  const sums = layers.map(() => ({ mean: undefined as tf.Tensor | undefined, variance: undefined as tf.Tensor | undefined }));
  try {
    for (let b = 0; b < batches; b++) {
      tf.tidy(() => {
        const batch = tf.slice(x, b * size, size);
        const inputs = probe.apply(batch, { training: true }) as tf.Tensor | tf.Tensor[];
        (Array.isArray(inputs) ? inputs : [inputs]).forEach((input, i) => {
          const { mean, variance } = tf.moments(input, axes[i]);
          const s = sums[i];
          const next = { mean: s.mean ? tf.add(s.mean, mean) : mean, variance: s.variance ? tf.add(s.variance, variance) : variance };
          tf.dispose([s.mean, s.variance]);
          sums[i] = { mean: tf.keep(next.mean), variance: tf.keep(next.variance) };
        });
      });
    }
    layers.forEach((layer, i) => {
      for (const w of layer.weights) {
        const kind = w.originalName.split('/').pop();
        const sum = kind === 'moving_mean' ? sums[i].mean : kind === 'moving_variance' ? sums[i].variance : undefined;
        if (sum !== undefined) tf.tidy(() => { w.write(tf.div(sum, batches)); });
      }
    });
    return layers.length;
  } finally {
    tf.dispose(sums.flatMap((s) => [s.mean, s.variance]).filter((t): t is tf.Tensor => t !== undefined));
  }
}
