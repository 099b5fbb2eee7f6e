import { describe, expect, it } from 'vitest';
import { comparisonColumns, comparisonTable } from '../../src/index.js';
import { COMPARISON } from './fixture.js';

const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());

describe('comparisonTable', () => {
  const lines = comparisonTable(COMPARISON).trimEnd().split('\n');
  const header = lines.findIndex((l) => l.startsWith('| architecture'));

  it('states the data and budget above the table', () => {
    expect(lines[0]).toBe('Fashion-MNIST, 200 training and 100 test images, trained from scratch for 1 epoch(s) each on wasm ' +
      '(Adam, batch 32, learning rate 0.002, cosine schedule; BatchNorm statistics re-estimated on 128 training images); ' +
      'latency is the median of single-image runs.');
  });

  it('leaves out the BatchNorm re-estimation when there was none', () => {
    expect(comparisonTable({ ...COMPARISON, preciseBnSamples: 0, lrSchedule: 'constant' }).split('\n')[0])
      .toContain('(Adam, batch 32, learning rate 0.002, constant schedule); latency');
  });

  it('has one column per quantity and one latency column per backend', () => {
    expect(cells(lines[header])).toEqual(comparisonColumns(COMPARISON));
    expect(comparisonColumns(COMPARISON)).toEqual(
      ['architecture', 'input', 'params', 'size (MB)', 'MFLOPs', 'trained', 'test acc', 'wasm ms/img', 'cpu ms/img', 'scaled-down config']);
    expect(cells(lines[header + 1])).toEqual(['---', '---', '---:', '---:', '---:', '---', '---:', '---:', '---:', '---']);
  });

  it.each([
    ['lenet5', ['`lenet5`', '32x32x1', '100,000', '0.40', '2.0', '1.00 ep, 3 s', '82.0%', '2.00', '40.0', 'as published']],
    ['vgg16', ['`vgg16`', '32x32x1', '1,234,567', '1.60', '654', '0.50 ep, 3 s', '61.0%', '120', '2400', 'as published']],
    ['alexnet', ['`alexnet`', '67x67x1', '10,000,000', '40.0', '2.0', '1.00 ep, 3 s', '50.0%', '30.0', '700', 'as published']],
  ])('formats the %s row', (name, expected) => {
    const line = lines.find((l) => l.startsWith(`| \`${name}\``))!;
    expect(cells(line)).toEqual(expected);
  });

  it('keeps the run order and says "-" for a backend without a measurement', () => {
    const partial = { ...COMPARISON, rows: [{ ...COMPARISON.rows[0], latencyMs: { wasm: 2 } }] };
    const row = comparisonTable(partial).trimEnd().split('\n').at(-1)!;
    expect(cells(row)[8]).toBe('-');
    expect(lines.slice(header + 2).map((l) => cells(l)[0])).toEqual(['`lenet5`', '`vgg16`', '`alexnet`']);
  });

  it('names a seconds budget', () => {
    expect(comparisonTable({ ...COMPARISON, budget: { epochs: 2, seconds: 30 } })).toContain('for 2 epoch(s) or 30 s each');
  });
});
