import { FoveaError } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { softNms } from '../../src/index.js';

// Hand cases with dyadic boxes, so every IoU is exact: A = [0,0,2,1] (area 2), B = [0,0,1,1]
// (area 1, IoU(A,B) = 1/2), C = [0,0,2,0.5] (area 1, IoU(A,C) = 1/2, IoU(B,C) = float32(1/3)),
// D = [5,5,6,6] (disjoint from all).
const A = [0, 0, 2, 1], B = [0, 0, 1, 1], C = [0, 0, 2, 0.5], D = [5, 5, 6, 6];
const f = Math.fround;

describe('softNms hand cases', () => {
  it.each([
    ['linear, one overlap above N_t', [A, B], [0.9, 0.8], { method: 'linear' }, [0, 1], [0.9, 0.8 * 0.5]],
    ['linear, IoU not above N_t is untouched', [A, B], [0.9, 0.8], { method: 'linear', iouThreshold: 0.5 }, [0, 1], [0.9, 0.8]],
    ['gaussian, one overlap', [A, B], [0.9, 0.8], {}, [0, 1], [0.9, 0.8 * Math.exp(-0.25 / 0.5)]],
    ['gaussian, sigma 0.1', [A, B], [0.9, 0.8], { sigma: 0.1 }, [0, 1], [0.9, 0.8 * Math.exp(-0.25 / 0.1)]],
    ['disjoint boxes keep their scores', [D, A], [0.3, 0.6], {}, [1, 0], [0.6, 0.3]],
    // A first; B and C decay to 0.8*0.5 = 0.4 and 0.7*0.5 = 0.35; B next, C decays by 1 - IoU(B,C).
    ['linear, decay compounds', [A, B, C], [0.9, 0.8, 0.7], { method: 'linear' }, [0, 1, 2], [0.9, 0.4, 0.35 * (1 - f(1 / 3))]],
    // Gaussian: B -> 0.8 e^-0.5 = 0.48522, C -> 0.7 e^-0.5 = 0.42457; then C *= e^(-IoU(B,C)^2 / 0.5).
    ['gaussian, decay compounds', [A, B, C], [0.9, 0.8, 0.7], {}, [0, 1, 2],
      [0.9, 0.8 * Math.exp(-0.5), 0.7 * Math.exp(-0.5) * Math.exp(-(f(1 / 3) ** 2) / 0.5)]],
    // Decay reorders: after A, B drops to 0.8*0.5 = 0.4 below D's 0.5.
    ['decay can reorder', [A, B, D], [0.9, 0.8, 0.5], { method: 'linear' }, [0, 2, 1], [0.9, 0.5, 0.4]],
    ['score threshold drops decayed boxes', [A, B], [0.9, 0.8], { method: 'linear', scoreThreshold: 0.5 }, [0], [0.9]],
    ['score threshold drops low boxes up front', [A, D], [0.0005, 0.9], {}, [1], [0.9]],
    ['identical boxes, linear: IoU 1 zeroes the score', [A, A], [0.9, 0.8], { method: 'linear' }, [0], [0.9]],
    ['ties: lower index first', [A, D], [0.5, 0.5], {}, [0, 1], [0.5, 0.5]],
    ['empty', [], [], {}, [], []],
  ] as const)('%s', (_, boxes, scores, options, indices, expected) => {
    const out = softNms(boxes as unknown as number[][], scores as unknown as number[], options);
    expect(Array.from(out.indices)).toEqual(indices);
    // Scores are decayed in float64 from the float32 input, then rounded to float32.
    const input = (k: number) => (scores as readonly number[])[(indices as readonly number[])[k]];
    const fromF32 = (expected as readonly number[]).map((e, k) => f(e * (f(input(k)) / input(k))));
    expect(Array.from(out.scores)).toEqual(fromF32);
  });

  it.each([
    ['unknown method', { method: 'cubic' }, /method/],
    ['sigma 0', { sigma: 0 }, /sigma/],
    ['NaN iouThreshold', { iouThreshold: NaN }, /iouThreshold/],
  ] as const)('%s throws FoveaError', (_, options, message) => {
    const call = () => softNms([A], [1], options as never);
    expect(call).toThrow(FoveaError);
    expect(call).toThrow(message);
  });

  it('NaN scores throw', () => {
    expect(() => softNms([A], [NaN])).toThrow(/scores\[0\] is NaN/);
  });
});
