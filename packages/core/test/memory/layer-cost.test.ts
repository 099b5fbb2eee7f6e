import { describe, expect, it } from 'vitest';
import { bytesPerValue, convLayerCost } from '../../src/memory/layer-cost.js';

const invalid = expect.objectContaining({ code: 'E_INVALID_ARGUMENT' });

describe('convLayerCost', () => {
  it('holds the book case: 200 5x5 filters, stride 1, same, on a 150x100 RGB image', () => {
    const cost = convLayerCost({
      inputShape: [150, 100, 3],
      filters: 200,
      kernelSize: 5,
      strides: 1,
      padding: 'same',
      batchSize: 100,
    });
    expect(cost).toEqual({
      outputShape: [150, 100, 200],
      params: 15_200, // (5 * 5 * 3 + 1) * 200
      multiplications: 225_000_000, // 5 * 5 * 3 multiplications for each of 150 * 100 * 200 outputs
      activations: 3_000_000,
      bytes: 12_000_000, // 12 MB per instance in float32
      batchBytes: 1_200_000_000, // 1.2 GB for a batch of 100
    });
  });

  it.each([
    // [args, outputShape, params, multiplications] worked by hand
    [{ inputShape: [32, 32, 3], filters: 16, kernelSize: 3 }, [30, 30, 16], (27 + 1) * 16, 27 * 16 * 900],
    [{ inputShape: [32, 32, 3], filters: 16, kernelSize: 3, useBias: false }, [30, 30, 16], 27 * 16, 27 * 16 * 900],
    [{ inputShape: [224, 224, 3], filters: 64, kernelSize: 7, strides: 2, padding: 'same' }, [112, 112, 64], (147 + 1) * 64, 147 * 64 * 112 * 112],
    [{ inputShape: [28, 28, 8], filters: 8, kernelSize: 3, padding: 'same', groups: 8 }, [28, 28, 8], (9 + 1) * 8, 9 * 8 * 784], // depthwise
    [{ inputShape: [14, 14, 8], filters: 16, kernelSize: 1, groups: 2 }, [14, 14, 16], (4 + 1) * 16, 4 * 16 * 196],
    [{ inputShape: [10, 12, 2], filters: 4, kernelSize: [3, 5], dilation: 2 }, [6, 4, 4], (15 * 2 + 1) * 4, 15 * 2 * 4 * 24],
    [{ inputShape: [1, 1, 5], filters: 3, kernelSize: 1 }, [1, 1, 3], 18, 15],
  ] as const)('%j', (args, outputShape, params, multiplications) => {
    const cost = convLayerCost(args);
    expect(cost).toMatchObject({ outputShape, params, multiplications });
    expect(cost.activations).toBe(outputShape[0] * outputShape[1] * outputShape[2]);
    expect(cost.bytes).toBe(cost.activations * 4);
    expect(cost.batchBytes).toBe(cost.bytes);
  });

  it('counts bytes in the requested dtype', () => {
    const args = { inputShape: [8, 8, 3] as const, filters: 4, kernelSize: 3, padding: 'same' as const };
    expect(convLayerCost({ ...args, dtype: 'float16' }).bytes).toBe(8 * 8 * 4 * 2);
    expect(convLayerCost({ ...args, dtype: 'int8', batchSize: 3 }).batchBytes).toBe(8 * 8 * 4 * 3);
  });

  it.each([
    ['two-axis input', { inputShape: [8, 8], filters: 4, kernelSize: 3 }],
    ['zero filters', { inputShape: [8, 8, 3], filters: 0, kernelSize: 3 }],
    ['fractional channels', { inputShape: [8, 8, 2.5], filters: 4, kernelSize: 3 }],
    ['groups not dividing channels', { inputShape: [8, 8, 3], filters: 4, kernelSize: 3, groups: 2 }],
    ['kernel larger than input', { inputShape: [4, 4, 3], filters: 4, kernelSize: 5 }],
    ['zero batch', { inputShape: [8, 8, 3], filters: 4, kernelSize: 3, batchSize: 0 }],
    ['unknown dtype', { inputShape: [8, 8, 3], filters: 4, kernelSize: 3, dtype: 'float64' }],
  ])('rejects %s with E_INVALID_ARGUMENT', (_name, args) => {
    expect(() => convLayerCost(args as never)).toThrowError(invalid);
  });
});

describe('bytesPerValue', () => {
  it.each([
    ['float32', 4], ['int32', 4], ['float16', 2], ['bfloat16', 2], ['int8', 1], ['uint8', 1], ['bool', 1],
  ] as const)('%s is %i bytes', (dtype, bytes) => {
    expect(bytesPerValue(dtype)).toBe(bytes);
  });
});
