export { parseIdx } from './idx.js';
export type { IdxArrays, IdxDtype, IdxTensor } from './idx.js';
export { FASHION_MNIST_CLASSES, fashionMnistSearchPath, loadFashionMnist } from './fashion-mnist.js';
export type { FashionMnist, LoadFashionMnistOptions } from './fashion-mnist.js';
export { fashionMnistTensors } from './fashion-mnist-tensors.js';
export type { FashionMnistArrays, FashionMnistTensorOptions } from './fashion-mnist-tensors.js';
