export { prCurves } from './pr-curves.js';
export type { PrCurve, PrCurvesOptions } from './pr-curves.js';
export { plotPrCurves } from './plot.js';
export { plotFrame } from './svg.js';
export type { PlotFrame, PlotPrCurvesOptions } from './svg.js';
