import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph, textWidth } from './font.js';
import { fillRect, type Canvas } from './raster.js';

/**
 * Draws `text` with its top-left corner at pixel `(x, y)`, each font pixel a `scale` x `scale`
 * square (clipped to the canvas). Runs of set bits in a glyph row are filled as one rectangle.
 */
export function drawText(c: Canvas, text: string, x: number, y: number, scale: number, paint: readonly number[]): void {
  let left = x;
  for (const char of text) {
    const rows = glyph(char);
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      const bits = rows[r];
      for (let col = 0; col < GLYPH_WIDTH; ) {
        if (!(bits & (1 << (GLYPH_WIDTH - 1 - col)))) {
          col++;
          continue;
        }
        const from = col;
        while (col < GLYPH_WIDTH && bits & (1 << (GLYPH_WIDTH - 1 - col))) col++;
        const top = y + r * scale;
        fillRect(c, left + from * scale, top, left + col * scale, top + scale, paint);
      }
    }
    left += (GLYPH_WIDTH + 1) * scale;
  }
}

/** A label tag's rectangle in pixels: `[x0, x1) x [y0, y1)`, and where its text starts. */
export interface TagLayout {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  textX: number;
  textY: number;
}

/**
 * Places the tag for a box whose pixel rectangle is `[bx0, bx1) x [by0, by1)` on a canvas
 * `width` x `height`: text padded by `2 * scale` on every side, left-aligned with the box (moved
 * left to stay inside the image), sitting on the box's top edge, or just inside the box when
 * there is no room above it.
 */
export function layoutTag(text: string, scale: number, bx0: number, by0: number, width: number): TagLayout {
  const pad = 2 * scale;
  const w = textWidth(text, scale) + 2 * pad;
  const h = GLYPH_HEIGHT * scale + 2 * pad;
  const x0 = Math.max(0, Math.min(bx0, width - w));
  const y0 = by0 - h >= 0 ? by0 - h : Math.max(by0, 0);
  return { x0, y0, x1: x0 + w, y1: y0 + h, textX: x0 + pad, textY: y0 + pad };
}
