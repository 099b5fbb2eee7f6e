import * as tf from '@tensorflow/tfjs-core';

/** What {@link measurePeakBytes} reports; all in bytes as tfjs's engine counts them. */
export interface MeasuredMemory {
  /** Bytes held by all live tensors at the busiest moment of `fn` (`tf.profile(...).peakBytes`). */
  peakBytes: number;
  /** Bytes held before `fn` ran (weights, inputs, anything else alive). */
  startBytes: number;
  /** `peakBytes - startBytes`: what `fn` itself added at its busiest. */
  peakAboveStart: number;
  /** Bytes still held after `fn` beyond `startBytes`, its returned tensors excluded (e.g. new optimizer slots). */
  newBytes: number;
  /** Tensors still alive after `fn` beyond those before, its returned tensors excluded. */
  newTensors: number;
  /** Name of the backend that ran `fn`. */
  backend: string;
}

/**
 * Runs `fn` on the current tfjs backend under `tf.profile` and reports the peak bytes tfjs measured:
 * the engine's byte count after each kernel, so it includes every tensor alive at that moment
 * (weights and inputs made before `fn` included; see `startBytes`), but not a backend's internal
 * scratch memory. Tensors that `fn` returns (or resolves to) are disposed; read what you need
 * inside `fn`. Compare with {@link estimateMemory}.
 *
 * @returns the measurement; if `fn` runs no kernel, the peak is `startBytes`.
 */
export async function measurePeakBytes(fn: () => tf.TensorContainer | Promise<tf.TensorContainer>): Promise<MeasuredMemory> {
  const { numBytes: startBytes, numTensors: startTensors } = tf.memory();
  const info = await tf.profile(fn);
  tf.dispose(info.result);
  // tf.profile reports -Infinity when no kernel ran.
  const peakBytes = Math.max(info.peakBytes, startBytes);
  const after = tf.memory();
  return {
    peakBytes,
    startBytes,
    peakAboveStart: peakBytes - startBytes,
    newBytes: after.numBytes - startBytes,
    newTensors: after.numTensors - startTensors,
    backend: tf.getBackend(),
  };
}
