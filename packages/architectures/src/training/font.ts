// A 5 x 7 bitmap font with just the glyphs training plots use (digits, number punctuation and the letters of
// "loss accuracy epoch train val"), so plots render without a canvas, SVG renderer or system fonts.
// Rows top to bottom, '#' lit. Characters without a glyph draw as blank space.

const GLYPHS: Record<string, string> = {
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '##### ...#. ..#.. ...#. ....# #...# .###.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  '.': '..... ..... ..... ..... ..... .##.. .##..',
  '-': '..... ..... ..... ##### ..... ..... .....',
  '%': '##... ##..# ...#. ..#.. .#... #..## ...##',
  a: '..... ..... .###. ....# .#### #...# .####',
  c: '..... ..... .###. #.... #.... #...# .###.',
  e: '..... ..... .###. #...# ##### #.... .###.',
  h: '#.... #.... #.##. ##..# #...# #...# #...#',
  i: '..#.. ..... .##.. ..#.. ..#.. ..#.. .###.',
  l: '.##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  n: '..... ..... #.##. ##..# #...# #...# #...#',
  o: '..... ..... .###. #...# #...# #...# .###.',
  p: '..... ..... ####. #...# ####. #.... #....',
  r: '..... ..... #.##. ##..# #.... #.... #....',
  s: '..... ..... .#### #.... .###. ....# ####.',
  t: '.#... .#... ###.. .#... .#... .#..# ..##.',
  u: '..... ..... #...# #...# #...# #..## .##.#',
  v: '..... ..... #...# #...# #...# .#.#. ..#..',
  y: '..... ..... #...# #...# .#### ....# .###.',
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

/** The lit pixels of `ch` as [x, y] pairs in a 5 x 7 cell (empty for unknown characters). */
export function glyphPixels(ch: string): [number, number][] {
  const rows = GLYPHS[ch]?.split(' ') ?? [];
  const out: [number, number][] = [];
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '#') out.push([x, y]);
  });
  return out;
}

/** Width in pixels of `text` at `scale` (one blank column between glyphs). */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * (GLYPH_WIDTH + 1) - 1) * scale;
}
