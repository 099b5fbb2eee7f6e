export { estimateMemory } from './estimate.js';
export { bytesPerValue, convLayerCost } from './layer-cost.js';
export type { ConvLayerCost, ConvLayerCostArgs } from './layer-cost.js';
export { measurePeakBytes } from './measure.js';
export type { MeasuredMemory } from './measure.js';
export type {
  EstimateMemoryOptions,
  LayerMemory,
  LayerSpec,
  MemoryDtype,
  MemoryEstimate,
  OptimizerSlots,
} from './types.js';
