import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  Augmenter,
  type AugmentSample,
  type Transform,
  colorJitter,
  compose,
  horizontalFlip,
  mulberry32,
  randomApply,
  randomCrop,
  randomLighting,
  randomResizedCrop,
  randomTranslate,
} from '../../src/augment/index.js';
import { Detections } from '../../src/detections/index.js';
import { errorCode, expectBoxesInside, randomSample, rng, useCpuAndCheckLeaks } from './helpers.js';

useCpuAndCheckLeaks();

/** AlexNet's recipe (random crops, reflections, PCA lighting) on a 20 x 24 image. */
const alexnet: Transform[] = [
  (s, r) => randomCrop(s, { size: [16, 16] }, r),
  randomApply(0.5, horizontalFlip),
  (s, r) => randomLighting(s, { alphaStd: 0.1 }, r),
];

/** The usual detection-friendly pipeline. */
const usual: Transform[] = [
  (s, r) => randomResizedCrop(s, { size: [16, 16], scale: [0.3, 1] }, r),
  randomApply(0.5, horizontalFlip),
  randomApply(0.8, (s, r) => randomTranslate(s, { translate: [0.2, 0.2] }, r)),
  (s, r) => colorJitter(s, { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }, r),
];

function dataset(n: number): AugmentSample[] {
  const r = rng(77);
  return Array.from({ length: n }, () => randomSample(r, 20, 24, 1 + Math.floor(r() * 4)));
}

function snapshot(s: AugmentSample) {
  return { pixels: Array.from(s.image.dataSync()), shape: s.image.shape, detections: s.detections };
}

describe.each([
  ['AlexNet', alexnet],
  ['usual', usual],
])('Augmenter with the %s recipe', (_, transforms) => {
  it('is reproducible: same seed, same dataset pass; reset repeats it', () => {
    const data = dataset(6);
    const a = new Augmenter(transforms, { seed: 5 });
    const b = new Augmenter(transforms, { seed: 5 });
    const run = (aug: Augmenter) => data.map((s) => aug.apply(s));
    const [ra, rb] = [run(a), run(b)];
    a.reset();
    const rc = run(a);
    for (let i = 0; i < data.length; i++) {
      expect(snapshot(ra[i])).toEqual(snapshot(rb[i]));
      expect(snapshot(rc[i])).toEqual(snapshot(ra[i]));
      expect(ra[i].image.shape).toEqual([16, 16, 3]);
      expectBoxesInside(ra[i].detections!, 16, 16);
    }
    const other = run(new Augmenter(transforms, { seed: 6 }));
    expect(other.map(snapshot)).not.toEqual(ra.map(snapshot));
    [...data, ...ra, ...rb, ...rc, ...other].forEach((s) => s.image.dispose());
  });

  it('by index gives each sample its own stream, whatever the visiting order', () => {
    const data = dataset(5);
    const aug = new Augmenter(transforms, { seed: 11 });
    const forward = data.map((s, i) => aug.apply(s, i));
    const backward = [...data.keys()].reverse().map((i) => aug.apply(data[i], i)).reverse();
    forward.forEach((s, i) => expect(snapshot(backward[i])).toEqual(snapshot(s)));
    [...data, ...forward, ...backward].forEach((s) => s.image.dispose());
  });

  it('leaves the input intact and returns tensors the caller owns', () => {
    const [sample] = dataset(1);
    const before = snapshot(sample);
    const out = new Augmenter(transforms, { seed: 1 }).apply(sample);
    expect(sample.image.isDisposed).toBe(false);
    expect(snapshot(sample)).toEqual(before);
    sample.image.dispose();
    expect(out.image.isDisposed).toBe(false);
    out.image.dispose();
  });
});

describe('compose', () => {
  it('with no transforms returns a clone the caller owns', () => {
    const image = tf.ones([2, 2, 3], 'int32') as tf.Tensor3D;
    const out = compose([])({ image }, mulberry32(1));
    expect(out.image).not.toBe(image);
    image.dispose();
    expect(Array.from(out.image.dataSync())).toEqual(new Array(12).fill(1));
    out.image.dispose();
  });

  it('uses the injected random source', () => {
    const draws: number[] = [];
    const spy = () => {
      const v = 0.25;
      draws.push(v);
      return v;
    };
    const image = tf.ones([4, 4, 3], 'int32') as tf.Tensor3D;
    const out = new Augmenter([randomApply(0.5, horizontalFlip)], { random: spy }).apply({ image, detections: Detections.empty() });
    expect(draws).toEqual([0.25]);
    [image, out.image].forEach((t) => t.dispose());
  });

  it('disposes its intermediates when a transform throws', () => {
    const image = tf.ones([4, 4, 3], 'int32') as tf.Tensor3D;
    const pipeline = compose([horizontalFlip, (s, r) => randomResizedCrop(s, { size: [2, 2], ratio: [2, 1] }, r)]);
    expect(errorCode(() => pipeline({ image }, mulberry32(1)))).toBe('E_INVALID_ARGUMENT');
    expect(image.isDisposed).toBe(false);
    image.dispose();
  });

  it.each([[[1]], [['x']], ['nope']])('rejects transforms %j', (t) => {
    expect(errorCode(() => compose(t as never))).toBe('E_INVALID_ARGUMENT');
  });
});

describe('randomApply', () => {
  it.each([
    [0, 0],
    [1, 1000],
  ])('with p = %f applies %i times in 1000', (p, expected) => {
    let applied = 0;
    const t: Transform = (s) => {
      applied++;
      return { ...s, image: tf.clone(s.image) };
    };
    const image = tf.zeros([1, 1, 1], 'int32') as tf.Tensor3D;
    const r = mulberry32(1);
    const step = randomApply(p, t);
    for (let i = 0; i < 1000; i++) step({ image }, r).image.dispose();
    expect(applied).toBe(expected);
    image.dispose();
  });

  it('with p = 0.5 applies about half the time', () => {
    const image = tf.tensor3d([[[1]], [[2]]], [2, 1, 1], 'int32');
    const r = mulberry32(2);
    const step = randomApply(0.5, (s) => ({ ...s, image: tf.reverse(s.image, 0) }));
    let flipped = 0;
    for (let i = 0; i < 1000; i++) {
      const out = step({ image }, r);
      if (out.image.dataSync()[0] === 2) flipped++;
      out.image.dispose();
    }
    expect(Math.abs(flipped - 500)).toBeLessThan(60);
    image.dispose();
  });

  it.each([-0.1, 1.01, NaN])('rejects p = %f', (p) => {
    expect(errorCode(() => randomApply(p, horizontalFlip))).toBe('E_INVALID_ARGUMENT');
  });

  it.each([[Infinity], ['seed']])('Augmenter rejects seed %j', (seed) => {
    expect(errorCode(() => new Augmenter([], { seed: seed as never }))).toBe('E_INVALID_ARGUMENT');
  });
});
