import { check } from '../errors.js';

/** An sRGB colour: `'#rrggbb'` / `'#rgb'`, or `[r, g, b]` with integers 0-255. */
export type ColorInput = string | readonly [r: number, g: number, b: number];

/** A parsed colour, `[r, g, b]` integers 0-255. */
export type Rgb = readonly [r: number, g: number, b: number];

/**
 * The default annotation colours: 20 saturated hues a golden angle apart (so neighbouring ids
 * differ strongly), cycled by class or track id, the role of supervision's default `ColorPalette`.
 */
export const DEFAULT_PALETTE: readonly string[] = Object.freeze([
  '#ff4026', '#59ff9e', '#9c0bd9', '#d9d862', '#24b7f2', '#f25597', '#21bf0a', '#6756bf', '#ff8926', '#59ffd5',
  '#d90bd1', '#b1d962', '#2472f2', '#f25562', '#0abf2f', '#8a56bf', '#ffd126', '#59f2ff', '#d90b8c', '#8ad962',
]);

/**
 * Parses one colour.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` naming `name` for anything but `#rgb`, `#rrggbb` or
 *   three integers 0-255.
 */
export function parseColor(color: ColorInput, name = 'color'): Rgb {
  if (typeof color === 'string') {
    const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
    check(hex, `${name} is '${color}'; expected a hex colour '#rrggbb' or '#rgb', or [r, g, b].`);
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  check(
    Array.isArray(color) && color.length === 3 && color.every((v) => Number.isInteger(v) && v >= 0 && v <= 255),
    `${name} is ${JSON.stringify(color)}; expected [r, g, b] with integers 0-255, or a hex string '#rrggbb'.`,
  );
  return [color[0], color[1], color[2]];
}

/** Parses a palette (a non-empty list of colours); `name` is used in error messages. */
export function parsePalette(palette: readonly ColorInput[], name = 'palette'): Rgb[] {
  check(
    Array.isArray(palette) && palette.length > 0,
    `${name} is ${JSON.stringify(palette)}; expected a non-empty array of colours ('#rrggbb' or [r, g, b]).`,
  );
  return palette.map((c, i) => parseColor(c, `${name}[${i}]`));
}

/** The palette entry of integer `id`, cycling (negative ids too): `palette[id mod n]`. */
export function colorOf(palette: readonly Rgb[], id: number): Rgb {
  const n = palette.length;
  return palette[((id % n) + n) % n];
}

/** Black or white, whichever reads better on `background` (ITU-R 601 luma threshold 150, as a tag text colour). */
export function contrastColor([r, g, b]: Rgb): Rgb {
  return 0.299 * r + 0.587 * g + 0.114 * b >= 150 ? [0, 0, 0] : [255, 255, 255];
}
