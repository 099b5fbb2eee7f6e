import { describe, expect, it } from 'vitest';
import { DEFAULT_PALETTE, colorOf, contrastColor, parseColor, parsePalette } from '../../src/draw/palette.js';
import { thrown } from '../image/helpers.js';

describe('palette', () => {
  it.each([
    ['#ff8000', [255, 128, 0]],
    ['FF8000', [255, 128, 0]],
    ['#f80', [255, 136, 0]],
    ['#000', [0, 0, 0]],
    [[1, 2, 3], [1, 2, 3]],
  ] as const)('parses %j', (input, rgb) => {
    expect(parseColor(input)).toEqual(rgb);
  });

  it.each([['#ff80'], ['red'], ['#gg0000'], [[1, 2]], [[0, 0, 256]], [[0, 0.5, 1]], [null], [7]])('refuses %j', (input) => {
    const err = thrown(() => parseColor(input as never, 'palette[3]'));
    expect(err.code).toBe('E_INVALID_ARGUMENT');
    expect(err.message).toContain('palette[3]');
  });

  it('has 20 distinct default colours', () => {
    expect(new Set(parsePalette(DEFAULT_PALETTE).map(String)).size).toBe(20);
  });

  it.each([[0, 0], [3, 0], [4, 1], [-1, 2], [-3, 0], [7, 1]])('cycles id %i to entry %i of three', (id, entry) => {
    const p = parsePalette(['#100000', '#001000', '#000010']);
    expect(colorOf(p, id)).toBe(p[entry]);
  });

  it.each([
    [[255, 255, 0], [0, 0, 0]],
    [[255, 255, 255], [0, 0, 0]],
    [[0, 0, 255], [255, 255, 255]],
    [[20, 20, 20], [255, 255, 255]],
  ] as const)('writes on %j in %j', (bg, fg) => {
    expect(contrastColor(bg)).toEqual(fg);
  });

  it('refuses an empty palette', () => {
    expect(thrown(() => parsePalette([])).code).toBe('E_INVALID_ARGUMENT');
  });
});
