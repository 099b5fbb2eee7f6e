import { FoveaError } from '@fovea/core';
import type { PrCurve } from './pr-curves.js';
import { prCurvesSvg, type PlotPrCurvesOptions } from './svg.js';

interface SharpLike {
  png(): { toBuffer(): Promise<Buffer> };
}

// sharp is Node-only and a dependency of @fovea/core; imported on demand so the SVG path (and the
// browser build) never loads it. The specifier is a variable so bundlers leave it alone.
const SHARP = 'sharp';

async function rasterise(svg: string): Promise<Uint8Array> {
  let sharp: (input: Buffer, options?: { density?: number }) => SharpLike;
  try {
    sharp = ((await import(SHARP)) as { default: typeof sharp }).default;
  } catch (e) {
    throw new FoveaError('E_BACKEND_UNAVAILABLE', "plotPrCurves: format 'png' needs sharp (Node), which could not be loaded; install sharp or use format 'svg'.", { cause: e });
  }
  const out = await sharp(Buffer.from(svg)).png().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Plots precision/recall curves (from {@link prCurves}): recall on x, precision on y, both 0-1, with a
 * grid every 0.1, ticks every 0.2, axis labels, an optional title and a legend with each class's AP.
 * Each class has one colour, chosen by its id from the palette (so a class keeps its colour across
 * plots and matches `annotate`). The legend lists as many classes as fit, then "+N more".
 *
 * `'svg'` returns the document as text: one `<path data-category-id="…">` per non-empty curve, in
 * `curves` order, its points `(left + recall * width, top + (1 - precision) * height)` of
 * {@link plotFrame}, rounded to 0.01 px. `'png'` rasterises that SVG with sharp (librsvg; text uses
 * the system's fonts through fontconfig, DejaVu Sans first).
 *
 * @returns SVG text, or a Promise of PNG bytes (`width` x `height`, RGBA) for `format: 'png'`.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad size, palette or curve;
 *   `E_BACKEND_UNAVAILABLE` (PNG only) when sharp cannot be loaded.
 */
export function plotPrCurves(curves: readonly PrCurve[], options: PlotPrCurvesOptions & { format: 'png' }): Promise<Uint8Array>;
export function plotPrCurves(curves: readonly PrCurve[], options?: PlotPrCurvesOptions & { format?: 'svg' }): string;
export function plotPrCurves(curves: readonly PrCurve[], options: PlotPrCurvesOptions = {}): string | Promise<Uint8Array> {
  const { format = 'svg' } = options;
  if (format !== 'svg' && format !== 'png') {
    throw new FoveaError('E_INVALID_ARGUMENT', `plotPrCurves: format must be 'svg' or 'png', got '${String(format)}'.`);
  }
  const svg = prCurvesSvg(curves, options);
  return format === 'svg' ? svg : rasterise(svg);
}
