// Importing the backends registers them with the single tfjs-core instance
// that every Fovea package shares through this module.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export * as tf from './tf-namespace.js';
