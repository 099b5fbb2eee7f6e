// A hand-written tfjs-converter graph model, laid out as tensorflowjs_converter
// writes one (GraphDef as JSON, one weight group split into shards, optional
// quantization), since no converter runs here. The graph is
//   input (Placeholder, NHWC) -> Conv2D(filter, SAME, stride 1) -> BiasAdd(bias) -> Relu -> output
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export type Quantization = 'none' | 'uint8' | 'float16';

export const INPUT_SHAPE = [1, 5, 5, 2] as const;
export const FILTER_SHAPE = [3, 3, 2, 4] as const;
/** Multiples of 1/8 in [-1, 1]: exact in float16 and as uint8 with scale 1/8, min -1. */
export const FILTER = Float32Array.from({ length: 72 }, (_, i) => (((i * 7) % 17) - 8) / 8);
export const BIAS = Float32Array.of(0.5, -0.25, 0.125, -1);

const base64 = (s: string) => Buffer.from(s).toString('base64');
const ints = (xs: number[]) => ({ list: { i: xs.map(String) } });
const float = { T: { type: 'DT_FLOAT' } };
const dims = (shape: readonly number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });

/** Half-precision bits of `v`; exact for the normal, representable values used here. */
export function float16Bits(v: number): number {
  if (v === 0) return 0;
  const exponent = Math.floor(Math.log2(Math.abs(v)));
  const mantissa = Math.abs(v) / 2 ** exponent - 1;
  return (v < 0 ? 0x8000 : 0) | ((exponent + 15) << 10) | Math.round(mantissa * 1024);
}

function filterBytes(quantization: Quantization): Uint8Array {
  if (quantization === 'uint8') return Uint8Array.from(FILTER, (v) => (v + 1) * 8);
  if (quantization === 'float16') return new Uint8Array(Uint16Array.from(FILTER, float16Bits).buffer);
  return new Uint8Array(FILTER.buffer.slice(0));
}

const QUANTIZATION_SPEC = {
  none: undefined,
  uint8: { dtype: 'uint8', scale: 0.125, min: -1 },
  float16: { dtype: 'float16' },
} as const;

/**
 * Writes model.json and `shards` weight files to `dir`, cutting the weight
 * bytes at odd offsets so a tensor straddles each shard boundary.
 * Returns the shard file names.
 */
export async function writeConvGraphModel(dir: string, quantization: Quantization = 'none', shards = 2): Promise<string[]> {
  const weights = Buffer.concat([filterBytes(quantization), new Uint8Array(BIAS.buffer.slice(0))]);
  const names = Array.from({ length: shards }, (_, i) => `group1-shard${i + 1}of${shards}.bin`);
  const cuts = [0, ...names.slice(1).map((_, i) => Math.floor(((i + 1) * weights.length) / shards) | 1), weights.length];
  const modelJson = {
    format: 'graph-model',
    generatedBy: '2.15.0',
    convertedBy: 'hand-written test fixture',
    signature: {
      inputs: { 'input:0': { name: 'input:0', dtype: 'DT_FLOAT', tensorShape: dims([-1, 5, 5, 2]) } },
      outputs: { 'output:0': { name: 'output:0', dtype: 'DT_FLOAT', tensorShape: dims([-1, 5, 5, 4]) } },
    },
    modelTopology: {
      node: [
        { name: 'input', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dims([-1, 5, 5, 2]) } } },
        { name: 'conv/filter', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(FILTER_SHAPE) } } } },
        { name: 'conv/bias', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims([4]) } } } },
        {
          name: 'conv/Conv2D', op: 'Conv2D', input: ['input', 'conv/filter'],
          attr: { ...float, strides: ints([1, 1, 1, 1]), dilations: ints([1, 1, 1, 1]), padding: { s: base64('SAME') }, data_format: { s: base64('NHWC') }, explicit_paddings: { list: {} }, use_cudnn_on_gpu: { b: true } },
        },
        { name: 'conv/BiasAdd', op: 'BiasAdd', input: ['conv/Conv2D', 'conv/bias'], attr: { ...float, data_format: { s: base64('NHWC') } } },
        { name: 'output', op: 'Relu', input: ['conv/BiasAdd'], attr: float },
      ],
      library: {},
      versions: { producer: 1645 },
    },
    weightsManifest: [{
      paths: names,
      weights: [
        { name: 'conv/filter', shape: [...FILTER_SHAPE], dtype: 'float32', quantization: QUANTIZATION_SPEC[quantization] },
        { name: 'conv/bias', shape: [4], dtype: 'float32' },
      ],
    }],
  };
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  await Promise.all(names.map((name, i) => fs.writeFile(join(dir, name), weights.subarray(cuts[i], cuts[i + 1]))));
  return names;
}
