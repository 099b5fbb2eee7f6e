export { vocAp, elevenPointThresholds } from './ap.js';
export { vocEval } from './evaluate.js';
export type { VocApMethod, VocClassResult, VocDetectionArrays, VocEvalArgs, VocEvaluation, VocGroundTruth, VocVariant } from './types.js';
