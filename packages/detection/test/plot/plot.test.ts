import { readImage, tf } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../../src/formats/xml.js';
import { plotFrame, plotPrCurves } from '../../src/plot/index.js';
import type { PrCurve } from '../../src/plot/index.js';

const curves: PrCurve[] = [
  { categoryId: 1, recall: [0, 0.5, 0.5, 1], precision: [1, 1, 0.5, 2 / 3], ap: 0.8333 },
  { categoryId: 7, recall: [0.25, 0.75], precision: [0.4, 0.3], ap: 0.2 },
];

function all(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
}

describe('plotPrCurves', () => {
  it('draws well-formed SVG: one path per class, points at the data, a stable colour per class', () => {
    const svg = plotPrCurves(curves, { width: 500, height: 400, title: 'PR <val>', labels: { 1: 'cat' } });
    const root = parseXml(svg, 'E_INVALID_ARGUMENT', 'svg'); // throws unless well-formed
    expect(root.attributes).toMatchObject({ width: '500', height: '400' });
    const paths = all(root, 'path');
    expect(paths.map((p) => p.attributes['data-category-id'])).toEqual(['1', '7']);
    const f = plotFrame(500, 400, true);
    paths.forEach((p, k) => {
      const points = p.attributes.d.split(/[ML]/).filter(Boolean).map((s) => s.trim().split(' ').map(Number));
      expect(points).toHaveLength(curves[k].recall.length);
      points.forEach(([x, y], i) => {
        expect(x).toBeCloseTo(f.left + curves[k].recall[i] * f.width, 2);
        expect(y).toBeCloseTo(f.top + (1 - curves[k].precision[i]) * f.height, 2);
      });
    });
    // Colours follow the class id, not the position: category 7 alone gets the colour it had.
    const alone = parseXml(plotPrCurves([curves[1]]), 'E_INVALID_ARGUMENT');
    expect(all(alone, 'path')[0].attributes.stroke).toBe(paths[1].attributes.stroke);
    expect(paths[0].attributes.stroke).not.toBe(paths[1].attributes.stroke);
    const texts = all(root, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['PR <val>', 'Recall', 'Precision', '0.0', '1.0', 'cat (AP 0.833)', 'class 7 (AP 0.200)']));
  });

  it('shortens long names so the AP stays readable', () => {
    const root = parseXml(plotPrCurves([curves[1]], { labels: () => 'a very long class name here' }), 'E_INVALID_ARGUMENT');
    expect(all(root, 'text').map((t) => t.text)).toContain('a very lo… (AP 0.200)');
  });

  it('shortens a long legend to what fits, with "+N more"', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ categoryId: i, recall: [1], precision: [1], ap: 1 }));
    const root = parseXml(plotPrCurves(many, { height: 240 }), 'E_INVALID_ARGUMENT');
    expect(all(root, 'path')).toHaveLength(80);
    const legend = root.children.find((c) => c.attributes.class === 'legend')!;
    expect(legend.children.at(-1)!.text).toMatch(/^\+\d+ more$/);
  });

  it('rasterises to a PNG of the requested size, without leaking tensors', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const png = await plotPrCurves(curves, { format: 'png', width: 480, height: 320, title: 'PR' });
    expect(Array.from(png.slice(1, 4), (c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const image = await readImage(png);
    expect(image.shape).toEqual([320, 480, 3]);
    // Background white, and the curves drew colour somewhere.
    const pixels = await image.data();
    expect(Array.from(pixels.slice(0, 3))).toEqual([255, 255, 255]);
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 3) if (Math.max(pixels[i], pixels[i + 1], pixels[i + 2]) - Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) > 100) coloured++;
    expect(coloured).toBeGreaterThan(200);
    image.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['a bad size', () => plotPrCurves(curves, { width: 10 })],
    ['a bad format', () => plotPrCurves(curves, { format: 'gif' as 'svg' })],
    ['mismatched curve arrays', () => plotPrCurves([{ categoryId: 1, recall: [0, 1], precision: [1], ap: 0 }])],
    ['an empty palette', () => plotPrCurves(curves, { palette: [] })],
  ])('throws E_INVALID_ARGUMENT for %s', (_name, fn) => {
    expect(fn).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
