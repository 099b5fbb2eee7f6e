import * as tf from '@tensorflow/tfjs-core';

/**
 * RGB (last axis, values in [0, 1]) to HSV, each in [0, 1], with the formulas of torchvision's
 * tensor `_rgb2hsv` (after Pillow's): hue and saturation are 0 where the pixel is grey. Call
 * inside `tf.tidy`.
 */
export function rgbToHsv(rgb: tf.Tensor3D): tf.Tensor3D {
  const [r, g, b] = tf.unstack(rgb, 2) as tf.Tensor2D[];
  const maxc = tf.max(rgb, 2);
  const minc = tf.min(rgb, 2);
  const eqc = tf.equal(maxc, minc);
  const cr = tf.sub(maxc, minc);
  const ones = tf.onesLike(maxc);
  const s = tf.div(cr, tf.where(eqc, ones, maxc));
  const crDivisor = tf.where(eqc, ones, cr);
  const rc = tf.div(tf.sub(maxc, r), crDivisor);
  const gc = tf.div(tf.sub(maxc, g), crDivisor);
  const bc = tf.div(tf.sub(maxc, b), crDivisor);
  const isR = tf.equal(maxc, r);
  const isG = tf.logicalAnd(tf.equal(maxc, g), tf.logicalNot(isR));
  const isB = tf.logicalNot(tf.logicalOr(isR, tf.equal(maxc, g)));
  const zeros = tf.zerosLike(maxc);
  const h = tf.addN([
    tf.where(isR, tf.sub(bc, gc), zeros),
    tf.where(isG, tf.add(2, tf.sub(rc, bc)), zeros),
    tf.where(isB, tf.add(4, tf.sub(gc, rc)), zeros),
  ]);
  const hue = tf.mod(tf.add(tf.div(h, 6), 1), 1);
  return tf.stack([hue, s, maxc], 2) as tf.Tensor3D;
}

/** HSV (each in [0, 1], last axis) back to RGB in [0, 1], as torchvision's tensor `_hsv2rgb`. Call inside `tf.tidy`. */
export function hsvToRgb(hsv: tf.Tensor3D): tf.Tensor3D {
  const [h, s, v] = tf.unstack(hsv, 2);
  const h6 = tf.mul(h, 6);
  const i = tf.floor(h6);
  const f = tf.sub(h6, i);
  const sector = tf.cast(tf.mod(i, 6), 'int32');
  const p: tf.Tensor = tf.clipByValue(tf.mul(v, tf.sub(1, s)), 0, 1);
  const q: tf.Tensor = tf.clipByValue(tf.mul(v, tf.sub(1, tf.mul(s, f))), 0, 1);
  const t: tf.Tensor = tf.clipByValue(tf.mul(v, tf.sub(1, tf.mul(s, tf.sub(1, f)))), 0, 1);
  const pick = tf.cast(tf.reshape(tf.oneHot(tf.reshape(sector, [-1]), 6), [...sector.shape, 6]), 'float32');
  const channel = (values: tf.Tensor[]) => tf.sum(tf.mul(pick, tf.stack(values, 2)), 2);
  return tf.stack([channel([v, q, p, p, t, v]), channel([t, v, v, q, p, p]), channel([p, p, t, v, v, q])], 2) as tf.Tensor3D;
}
