export { backboneFromModel, createBackbone } from './backbone.js';
export type { Backbone, BackboneOptions, BackboneSelection } from './backbone.js';
export type { FeatureInfo } from './levels.js';
