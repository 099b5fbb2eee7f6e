import { FoveaError, encodeImage, readImage, tf } from '@fovea/core';
import type { PrCurve } from './pr-curves.js';
import { prCurvesSvg, type PlotPrCurvesOptions } from './svg.js';

// core's readImage decodes SVG through sharp (librsvg) at 72 dpi, i.e. at the SVG's own pixel size.
// readImage makes a tensor, so the default backend must be ready (wasm initialises asynchronously).
async function rasterise(svg: string): Promise<Uint8Array> {
  await tf.ready();
  const image = await readImage(new TextEncoder().encode(svg), { channels: 3 });
  try {
    return await encodeImage(image, 'png');
  } finally {
    image.dispose();
  }
}

/**
 * Plots precision/recall curves (from {@link prCurves}): recall on x, precision on y, both 0-1, with a
 * grid every 0.1, ticks every 0.2, axis labels, an optional title and a legend with each class's AP.
 * Each class has one colour, chosen by its id from the palette (so a class keeps its colour across
 * plots and matches `annotate`). The legend lists as many classes as fit, then "+N more".
 *
 * `'svg'` returns the document as text: one `<path data-category-id="…">` per non-empty curve, in
 * `curves` order, its points `(left + recall * width, top + (1 - precision) * height)` of
 * {@link plotFrame}, rounded to 0.01 px. `'png'` (Node) rasterises that SVG with sharp through
 * core's `readImage` (librsvg; text in the system's fonts via fontconfig, DejaVu Sans first) and
 * encodes RGB PNG bytes with `encodeImage`; no tensor is left behind.
 *
 * @returns SVG text, or a Promise of PNG bytes (`width` x `height`, RGB) for `format: 'png'`.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad format, size, palette or curve.
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
