import { describe, expect, it } from 'vitest';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph, textWidth } from '../../src/draw/font.js';
import { drawText } from '../../src/draw/text.js';
import type { Canvas } from '../../src/draw/raster.js';

const PRINTABLE = Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k));

/** Hand-drawn reference glyphs, independent of the table under test. */
const HAND: Record<string, string[]> = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#', '.....'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...', '.....'],
  g: ['.....', '.....', '.####', '#...#', '#...#', '.####', '....#', '.###.'],
};

const rows = (char: string) => Array.from(glyph(char), (bits) => bits.toString(2).padStart(GLYPH_WIDTH, '0').replace(/0/g, '.').replace(/1/g, '#'));

describe('font', () => {
  it('has a 5-column glyph for every printable ASCII character, blank only for space, all different', () => {
    const seen = new Set<string>();
    for (const char of PRINTABLE) {
      const g = glyph(char);
      expect(g.length).toBe(GLYPH_HEIGHT);
      expect(g.every((bits) => bits < 1 << GLYPH_WIDTH)).toBe(true);
      expect(g.some((bits) => bits !== 0)).toBe(char !== ' ');
      seen.add(g.join(','));
    }
    expect(seen.size).toBe(95);
  });

  it.each(Object.keys(HAND))('draws %s as designed', (char) => {
    expect(rows(char)).toEqual(HAND[char]);
  });

  it.each(['é', '\n', '\u{1F600}', '\u007f'])('draws %j as ?', (char) => {
    expect(glyph(char)).toEqual(glyph('?'));
  });

  it.each([
    ['', 1, 0],
    ['a', 1, 5],
    ['ab', 1, 11],
    ['person 0.93', 2, (11 * 6 - 1) * 2],
    ['\u{1F600}x', 1, 11], // a code point is one character
  ])('textWidth(%j, %i) = %i', (text, scale, width) => {
    expect(textWidth(text, scale)).toBe(width);
  });
});

describe('drawText', () => {
  it.each([1, 2, 3])('paints each font pixel of "A7g" as a %i-pixel square', (scale) => {
    const width = textWidth('A7g', scale) + 4;
    const height = GLYPH_HEIGHT * scale + 4;
    const c: Canvas = { data: new Uint8Array(width * height), width, height, channels: 1, max: 255 };
    drawText(c, 'A7g', 2, 2, scale, [255]);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [fx, fy] = [Math.floor((x - 2) / scale), Math.floor((y - 2) / scale)];
        const char = 'A7g'[Math.floor(fx / 6)];
        const on = x >= 2 && y >= 2 && fy < GLYPH_HEIGHT && char !== undefined && fx % 6 < 5 && HAND[char][fy][fx % 6] === '#';
        expect(c.data[y * width + x], `pixel ${x},${y}`).toBe(on ? 255 : 0);
      }
    }
  });

  it('clips text running off the canvas', () => {
    const c: Canvas = { data: new Uint8Array(6 * 4), width: 6, height: 4, channels: 1, max: 255 };
    expect(() => drawText(c, 'WWWW', -3, -5, 2, [255])).not.toThrow();
    expect(() => drawText(c, 'WWWW', 100, 100, 2, [255])).not.toThrow();
  });
});
