export { compareArchitectures } from './compare.js';
export type { ArchitectureComparison, CompareArchitecturesOptions, CompareBudget, CompareProgress, ComparisonRow } from './compare.js';
export { DEFAULT_COMPARE_NAMES, buildScaled, scaledConfig } from './configs.js';
export type { ScaledConfig } from './configs.js';
export { comparisonColumns, comparisonTable } from './table.js';
export { plotComparison } from './plot.js';
export type { PlotComparisonOptions } from './plot.js';
export { availableBackends, measureLatency, median, sizeOnDisk } from './measure.js';
export type { LatencyOptions } from './measure.js';
