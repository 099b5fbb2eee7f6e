import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseIdx } from '../../src/datasets/index.js';

/** Bytes from hex, spaces ignored: the test files are written out by hand. */
const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (b) => parseInt(b, 16));

// magic (00 00 type ndim), sizes (big-endian uint32), elements (big-endian).
const CASES = [
  ['uint8 [2, 3]', '0000 0802 00000002 00000003 010203 04ff00', 'uint8', [2, 3], [1, 2, 3, 4, 255, 0]],
  ['int8 [3]', '0000 0901 00000003 ff7f80', 'int8', [3], [-1, 127, -128]],
  ['int16 [2]', '0000 0b01 00000002 fffe 0100', 'int16', [2], [-2, 256]],
  ['int32 [1, 2]', '0000 0c02 00000001 00000002 80000000 00010203', 'int32', [1, 2], [-(2 ** 31), 66051]],
  ['float32 [2]', '0000 0d01 00000002 3fc00000 c0490fdb', 'float32', [2], [1.5, Math.fround(-Math.PI)]],
  ['float64 [1]', '0000 0e01 00000001 400921fb54442d18', 'float64', [1], [Math.PI]],
  ['empty uint8 [0, 28]', '0000 0802 00000000 0000001c', 'uint8', [0, 28], []],
] as const;

const format = (text: string) => expect.objectContaining({ code: 'E_DATASET_FORMAT', message: expect.stringContaining(text) });

describe('parseIdx', () => {
  it.each(CASES)('reads %s', (_case, bytes, dtype, shape, values) => {
    for (const input of [hex(bytes), gzipSync(hex(bytes))]) {
      const t = parseIdx(input);
      expect(t.dtype).toBe(dtype);
      expect(t.shape).toEqual(shape);
      expect(Array.from(t.data)).toEqual(values);
    }
  });

  it('returns the typed array of each dtype', () => {
    const kinds = CASES.map(([, bytes]) => parseIdx(hex(bytes)).data.constructor.name);
    expect(kinds).toEqual(['Uint8Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Uint8Array']);
  });

  it('reads from a view at an odd offset (a Buffer slice)', () => {
    const padded = new Uint8Array(1 + 12);
    padded.set(hex('0000 0b01 00000002 fffe 0100'), 1);
    expect(Array.from(parseIdx(padded.subarray(1)).data)).toEqual([-2, 256]);
  });

  it.each([
    ['empty input', '', 'has 0 bytes'],
    ['3 bytes', '000008', 'has 3 bytes'],
    ['a non-zero first byte', '0100 0801 00000001 05', 'not an IDX magic'],
    ['an unknown type byte', '0000 0a01 00000001 05', 'not an IDX magic'],
    ['zero dimensions', '0000 0800 05', 'not an IDX magic'],
    ['a truncated header', '0000 0803 00000001 0000', 'is truncated'],
    ['truncated data', '0000 0802 00000002 00000003 0102030405', 'is truncated: 17 bytes'],
    ['a truncated float64', '0000 0e01 00000001 400921fb54442d', 'is truncated'],
    ['trailing bytes', '0000 0801 00000001 0506', 'trailing bytes'],
    ['a PNG', '89504e470d0a1a0a', 'not an IDX magic'],
  ])('rejects %s', (_case, bytes, text) => {
    expect(() => parseIdx(hex(bytes), 'the file')).toThrowError(format(text));
  });

  it('rejects a truncated gzip stream, and a valid gzip of a truncated file', () => {
    const gz = gzipSync(hex(CASES[0][1]));
    expect(() => parseIdx(gz.subarray(0, gz.length - 6))).toThrowError(format('does not inflate'));
    expect(() => parseIdx(gzipSync(hex('0000 0801 00000009 0102')))).toThrowError(format('is truncated'));
  });
});
