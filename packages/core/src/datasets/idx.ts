import { gunzipSync } from 'node:zlib';
import { FoveaError } from '../errors.js';

/** The element types an IDX file can hold, named by their third magic byte. */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array each {@link IdxDtype} is returned in. */
export interface IdxArrays {
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  float32: Float32Array;
  float64: Float64Array;
}

/** A parsed IDX tensor: row-major `data` of `shape`, in host byte order. */
export type IdxTensor = { [D in IdxDtype]: { dtype: D; shape: number[]; data: IdxArrays[D] } }[IdxDtype];

// Third magic byte -> element type and size in bytes (LeCun's IDX format, as used by MNIST).
const DTYPES: Record<number, [IdxDtype, number]> = {
  0x08: ['uint8', 1],
  0x09: ['int8', 1],
  0x0b: ['int16', 2],
  0x0c: ['int32', 4],
  0x0d: ['float32', 4],
  0x0e: ['float64', 8],
};

function formatError(name: string, what: string, cause?: unknown): FoveaError {
  return new FoveaError('E_DATASET_FORMAT', `${name} ${what}`, cause === undefined ? undefined : { cause });
}

/**
 * Parses an IDX file (the format of MNIST and Fashion-MNIST), gzipped or not.
 *
 * Layout: magic `00 00 TT DD` (TT the element type: 08 uint8, 09 int8, 0B int16, 0C int32,
 * 0D float32, 0E float64; DD the number of dimensions), then DD big-endian uint32 sizes, then
 * the elements, big-endian, row-major. A gzip stream (first bytes `1F 8B`) is inflated first.
 *
 * @param bytes The file's contents.
 * @param name What to call the file in error messages (its path, say).
 * @returns `{ dtype, shape, data }` with `data.length` the product of `shape`. For uint8 and int8
 *   `data` is a view into the (inflated) bytes, not a copy.
 * @throws FoveaError `E_DATASET_FORMAT` if the gzip stream is corrupt, the magic number is not
 *   IDX, or the file is shorter or longer than its header says.
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxTensor {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw formatError(name, `is gzip but does not inflate (${(e as Error).message}); the download is probably truncated.`, e);
    }
  }
  if (buf.length < 4) throw formatError(name, `has ${buf.length} bytes; an IDX file starts with a 4-byte magic number.`);
  const type = DTYPES[buf[2]];
  if (buf[0] !== 0 || buf[1] !== 0 || type === undefined || buf[3] === 0) {
    const magic = Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw formatError(name, `starts with ${magic}, not an IDX magic number (00 00 then type 08/09/0b/0c/0d/0e, then 1 or more dimensions).`);
  }
  const [dtype, size] = type;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const ndim = buf[3];
  const header = 4 + 4 * ndim;
  if (buf.length < header) throw formatError(name, `is truncated: ${buf.length} bytes, but its ${ndim} dimension sizes need ${header}.`);
  const shape: number[] = [];
  let count = 1;
  for (let k = 0; k < ndim; k++) {
    shape.push(view.getUint32(4 + 4 * k, false));
    count *= shape[k];
  }
  const expected = header + count * size;
  if (buf.length !== expected) {
    const problem = buf.length < expected ? 'is truncated' : 'has trailing bytes';
    throw formatError(name, `${problem}: ${buf.length} bytes, but shape [${shape.join(', ')}] of ${dtype} needs ${expected}.`);
  }
  return { dtype, shape, data: readElements(view, header, count, dtype) } as IdxTensor;
}

function readElements(view: DataView, offset: number, n: number, dtype: IdxDtype): IdxArrays[IdxDtype] {
  const at = view.byteOffset + offset;
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(view.buffer, at, n);
    case 'int8':
      return new Int8Array(view.buffer, at, n);
    case 'int16': {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}
