import * as tf from '@tensorflow/tfjs-core';
import { readImage, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { plotComparison } from '../../src/index.js';
import { COMPARISON } from './fixture.js';

interface Circle { name: string; ms: number; cx: number; cy: number; r: number; size: number }

function circles(svg: string): Circle[] {
  const re = /<circle data-name="(\w+)" data-latency-ms="([\d.]+)" data-accuracy="[\d.]+" data-size-bytes="(\d+)" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g;
  return [...svg.matchAll(re)].map((m) => ({ name: m[1], ms: Number(m[2]), size: Number(m[3]), cx: Number(m[4]), cy: Number(m[5]), r: Number(m[6]) }));
}

describe('plotComparison', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', verbose: false });
  });

  const svg = plotComparison(COMPARISON);
  const byName = Object.fromEntries(circles(svg).map((c) => [c.name, c]));

  it('draws one circle per architecture, largest first so small ones stay on top', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="520"')).toBe(true);
    expect(circles(svg).map((c) => c.name)).toEqual(['alexnet', 'vgg16', 'lenet5']);
  });

  it('makes marker area proportional to size on disk', () => {
    const { lenet5, vgg16, alexnet } = byName;
    expect(alexnet.r).toBe(36);
    expect(vgg16.r ** 2 / alexnet.r ** 2).toBeCloseTo(vgg16.size / alexnet.size, 3);
    expect(lenet5.r ** 2 / alexnet.r ** 2).toBeCloseTo(lenet5.size / alexnet.size, 3);
  });

  it('puts latency on a log x axis and accuracy on a linear y axis', () => {
    const { lenet5, vgg16, alexnet } = byName;
    expect((vgg16.cx - lenet5.cx) / (alexnet.cx - lenet5.cx)).toBeCloseTo(Math.log(120 / 2) / Math.log(30 / 2), 3);
    expect((vgg16.cy - lenet5.cy) / (alexnet.cy - lenet5.cy)).toBeCloseTo((82 - 61) / (82 - 50), 3);
    expect(lenet5.cy).toBeLessThan(alexnet.cy); // more accurate is higher
    expect(svg).toContain('latency per image, ms (wasm, log scale)');
  });

  it('moves a label that would overlap another one a line down or up', () => {
    const labels = (doc: string) => [...doc.slice(doc.indexOf('<g class="labels"')).split('</g>')[0].matchAll(/<text x="([\d.]+)" y="([\d.]+)" text-anchor="(start|end)">(\w+)<\/text>/g)]
      .map((m) => ({ x: Number(m[1]), y: Number(m[2]), anchor: m[3], name: m[4] }));
    // Two architectures 0.1 points and 5% latency apart: their markers nearly coincide.
    const close = { ...COMPARISON, rows: [COMPARISON.rows[0], { ...COMPARISON.rows[1], name: 'resnet18', accuracy: 0.821, latencyMs: { wasm: 2.1, cpu: 40 } }] };
    const doc = plotComparison(close);
    const [a, b] = labels(doc);
    expect([a.name, b.name]).toEqual(['lenet5', 'resnet18']);
    const dot = circles(doc).find((c) => c.name === 'resnet18')!;
    expect(a.y).toBeCloseTo(circles(doc).find((c) => c.name === 'lenet5')!.cy + 4, 1); // the first keeps its line
    expect(Math.abs(b.y - a.y)).toBeGreaterThanOrEqual(14); // the second moves a whole line
    expect(Math.abs(b.y - (dot.cy + 4))).toBe(14);
    // Apart, every label stays on its marker's line.
    for (const l of labels(svg)) expect(l.y).toBeCloseTo(byName[l.name].cy + 4, 1);
  });

  it('plots another backend on request', () => {
    const cpu = circles(plotComparison(COMPARISON, { backend: 'cpu' }));
    expect(cpu.map((c) => c.ms)).toEqual([700, 2400, 40]);
  });

  it.each([
    ['an unmeasured backend', () => plotComparison(COMPARISON, { backend: 'tensorflow' }), /no latency on 'tensorflow'/],
    ['no rows', () => plotComparison({ ...COMPARISON, rows: [] }), /no rows/],
    ['a bad format', () => plotComparison(COMPARISON, { format: 'gif' as 'svg' }), /format must be 'svg' or 'png'/],
    ['a tiny size', () => plotComparison(COMPARISON, { width: 100 }), /size 100 x 520/],
  ])('rejects %s', (_, call, message) => {
    expect(call).toThrow(message);
  });

  it('rasterises the same plot to an 800 x 520 RGB PNG without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const png = await plotComparison(COMPARISON, { format: 'png' });
    expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = await readImage(png);
    expect(image.shape).toEqual([520, 800, 3]);
    // The largest marker's centre is tinted, the corner is the white background.
    const { alexnet } = byName;
    const pixels = image.arraySync();
    expect(pixels[Math.round(alexnet.cy)][Math.round(alexnet.cx)]).not.toEqual([255, 255, 255]);
    expect(pixels[2][2]).toEqual([255, 255, 255]);
    image.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
