import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { FoveaError } from '../errors.js';

/** Bytes per stored value, by dtype or quantization dtype (tfjs-core's DTYPE_VALUE_SIZE_MAP). */
const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4, int32: 4, bool: 1, complex64: 8, float16: 2, uint16: 2, uint8: 1,
};

/**
 * Reads the weight shards a model.json lists, relative to the model.json's
 * directory, into one ArrayBuffer in manifest order: the byte layout
 * `tf.io.decodeWeights` expects. A shard boundary may fall inside a tensor,
 * as tensorflowjs_converter writes them. Quantized entries are passed through
 * untouched; tfjs dequantizes them when it decodes.
 *
 * @param manifest `weightsManifest` of the model.json.
 * @param jsonPath Absolute path of the model.json (for relative shard paths and messages).
 * @returns `[weightSpecs, weightData]`: the groups' entries concatenated, and the shards' bytes.
 * @throws FoveaError `E_FILE_NOT_FOUND` naming a missing shard; `E_MODEL_FORMAT` when a group's
 *   shards do not hold exactly the bytes its entries need; `E_MODEL_IO` when a read fails.
 */
export async function readWeightFiles(
  manifest: tf.io.WeightsManifestConfig,
  jsonPath: string,
): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer]> {
  const dir = dirname(jsonPath);
  const files = manifest.map((group) => group.paths.map((path) => join(dir, path)));
  // Sizes first, so a missing shard is reported before anything is read.
  const sizes = await Promise.all(files.map((group) => Promise.all(group.map((file) => fileSize(file, jsonPath)))));
  const total = sizes.flat().reduce((sum, size) => sum + size, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const [g, group] of manifest.entries()) {
    const start = offset;
    for (const [f, file] of files[g].entries()) {
      await readInto(file, bytes.subarray(offset, offset + sizes[g][f]));
      offset += sizes[g][f];
    }
    const needed = groupByteLength(group.weights, bytes.subarray(start, offset), jsonPath);
    if (needed !== offset - start) {
      const names = group.paths.map((path) => basename(path)).join(', ');
      throw new FoveaError('E_MODEL_FORMAT', `weight file(s) ${names} (weightsManifest group ${g + 1} of ${jsonPath}) hold ${offset - start} bytes, but the ${group.weights.length} weights listed for them need ${needed}; the files are truncated or belong to another model.`);
    }
  }
  return [manifest.flatMap((group) => group.weights), bytes.buffer];
}

/**
 * Bytes that `weights` occupy in `bytes`, walking the length prefixes of
 * string tensors (uint32 little-endian, then the UTF-8 bytes, per value). When
 * a prefix lies past the end, returns a count larger than `bytes.length`.
 */
function groupByteLength(weights: tf.io.WeightsManifestEntry[], bytes: Uint8Array, jsonPath: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  for (const spec of weights) {
    const shapeOk = Array.isArray(spec.shape) && spec.shape.every((d) => Number.isInteger(d) && d >= 0);
    const storedAs = spec.quantization?.dtype ?? spec.dtype;
    if (!shapeOk || (storedAs !== 'string' && BYTES_PER_VALUE[storedAs] == null)) {
      throw new FoveaError('E_MODEL_FORMAT', `${jsonPath}: weight ${JSON.stringify(spec.name)} has shape ${JSON.stringify(spec.shape)} and dtype ${JSON.stringify(storedAs)}; expected non-negative integer dims and one of string, ${Object.keys(BYTES_PER_VALUE).join(', ')}.`);
    }
    const size = spec.shape.reduce((product, d) => product * d, 1);
    if (storedAs !== 'string') {
      offset += size * BYTES_PER_VALUE[storedAs];
      continue;
    }
    for (let i = 0; i < size; i++) {
      if (offset + 4 > bytes.length) return offset + 4;
      offset += 4 + view.getUint32(offset, true);
    }
  }
  return offset;
}

async function fileSize(file: string, jsonPath: string): Promise<number> {
  try {
    const info = await fs.stat(file);
    if (info.isFile()) return info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw new FoveaError('E_MODEL_IO', `cannot read weight file ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  throw new FoveaError('E_FILE_NOT_FOUND', `weight file ${file}, listed in the weightsManifest of ${jsonPath}, does not exist; copy it next to the model.json.`);
}

/** Fills `target` from the start of `file`; fails if the file is shorter than `target`. */
async function readInto(file: string, target: Uint8Array): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    let filled = 0;
    while (filled < target.length) {
      const { bytesRead } = await handle.read(target, filled, target.length - filled, filled);
      if (bytesRead === 0) throw new Error(`file ended after ${filled} of ${target.length} bytes`);
      filled += bytesRead;
    }
  } catch (error) {
    throw new FoveaError('E_MODEL_IO', `cannot read weight file ${file}: ${(error as Error).message}`, { cause: error });
  } finally {
    await handle?.close();
  }
}
