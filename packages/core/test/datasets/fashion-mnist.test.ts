import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES, fashionMnistSearchPath, loadFashionMnist } from '../../src/datasets/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'fovea-fmnist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes an IDX uint8 file: magic 00 00 08 ndim, big-endian sizes, bytes. */
function idx(shape: number[], values: ArrayLike<number>, type = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header.set([0, 0, type, shape.length]);
  shape.forEach((s, k) => header.writeUInt32BE(s, 4 + 4 * k));
  return Buffer.concat([header, Buffer.from(Uint8Array.from(values))]);
}

/** A fake split of n images where pixel j of image i is (i + j) % 256 and label i is i % 10. */
function fakeSplit(dir: string, prefix: 'train' | 't10k', n: number, gz: boolean): void {
  mkdirSync(dir, { recursive: true });
  const pixels = Array.from({ length: n * 784 }, (_, k) => (Math.floor(k / 784) + (k % 784)) % 256);
  const labels = Array.from({ length: n }, (_, i) => i % 10);
  const write = (name: string, data: Buffer) => writeFileSync(path.join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(data) : data);
  write(`${prefix}-images-idx3-ubyte`, idx([n, 28, 28], pixels));
  write(`${prefix}-labels-idx1-ubyte`, idx([n], labels));
}

const notFound = (text: string) => expect.objectContaining({ code: 'E_DATASET_NOT_FOUND', message: expect.stringContaining(text) });
const format = (text: string) => expect.objectContaining({ code: 'E_DATASET_FORMAT', message: expect.stringContaining(text) });

describe('loadFashionMnist on fake files', () => {
  const savedEnv = process.env.FOVEA_DATA;
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.FOVEA_DATA;
    else process.env.FOVEA_DATA = savedEnv;
  });

  it.each([
    ['gzipped', true],
    ['uncompressed', false],
  ])('reads %s files from dir, honouring limit', async (name, gz) => {
    const dir = path.join(tmp, name);
    fakeSplit(dir, 't10k', 12, gz);
    const all = await loadFashionMnist({ split: 'test', dir });
    expect(all).toMatchObject({ count: 12, height: 28, width: 28, dir, classes: FASHION_MNIST_CLASSES });
    expect(all.images.length).toBe(12 * 784);
    expect(Array.from(all.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(all.images[3 * 784 + 5]).toBe(8);
    const some = await loadFashionMnist({ split: 'test', dir, limit: 3 });
    expect(some.count).toBe(3);
    expect(some.images).toEqual(all.images.slice(0, 3 * 784));
    expect(Array.from(some.labels)).toEqual([0, 1, 2]);
    expect((await loadFashionMnist({ split: 'test', dir, limit: 99 })).count).toBe(12);
  });

  it('finds $FOVEA_DATA/fashion-mnist first', async () => {
    const root = path.join(tmp, 'root');
    fakeSplit(path.join(root, 'fashion-mnist'), 'train', 2, true);
    process.env.FOVEA_DATA = root;
    const d = await loadFashionMnist();
    expect(d.dir).toBe(path.join(root, 'fashion-mnist'));
    expect(d.count).toBe(2);
  });

  it('lists the places it searches', () => {
    const home = path.join(os.homedir(), '.cache', 'fovea', 'fashion-mnist');
    expect(fashionMnistSearchPath(undefined, { FOVEA_DATA: '/data' })).toEqual(['/data/fashion-mnist', '/data', '/usr/share/datasets/fashion-mnist', home]);
    expect(fashionMnistSearchPath(undefined, {})).toEqual(['/usr/share/datasets/fashion-mnist', home]);
    expect(fashionMnistSearchPath('/mine', { FOVEA_DATA: '/data' })).toEqual(['/mine']);
  });

  it('names the place searched and the fix when the files are missing', async () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    fakeSplit(empty, 'train', 1, false); // the train split is there, the test split is not
    const error = loadFashionMnist({ split: 'test', dir: empty });
    await expect(error).rejects.toThrowError(notFound(`t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]) not found; searched ${empty}.`));
    await expect(error).rejects.toThrowError(notFound('apt-get install dataset-fashion-mnist'));
    await expect(loadFashionMnist({ dir: path.join(tmp, 'nowhere') })).rejects.toThrowError(notFound('nowhere'));
  });

  it.each([
    ['images not 28 x 28', idx([1, 28, 27], new Uint8Array(756)), idx([1], [0]), 'uint8 [N, 28, 28]'],
    ['labels of int32', idx([1, 28, 28], new Uint8Array(784)), idx([1], [0, 0, 0, 0], 0x0c), 'labels are uint8'],
    ['fewer labels than images', idx([2, 28, 28], new Uint8Array(2 * 784)), idx([1], [0]), 'has 1 labels but'],
    ['a label of 10', idx([2, 28, 28], new Uint8Array(2 * 784)), idx([2], [1, 10]), 'label 10 at 1'],
    ['a truncated images file', idx([2, 28, 28], new Uint8Array(2 * 784)).subarray(0, 900), idx([2], [1, 1]), 'is truncated'],
    ['a truncated gzip', gzipSync(idx([2, 28, 28], new Uint8Array(2 * 784))).subarray(0, 20), idx([2], [1, 1]), 'does not inflate'],
  ])('rejects %s', async (name, images, labels, text) => {
    const dir = path.join(tmp, name.replace(/\W+/g, '-'));
    mkdirSync(dir);
    const gz = images[0] === 0x1f;
    writeFileSync(path.join(dir, gz ? 'train-images-idx3-ubyte.gz' : 'train-images-idx3-ubyte'), images);
    writeFileSync(path.join(dir, 'train-labels-idx1-ubyte'), labels);
    await expect(loadFashionMnist({ dir })).rejects.toThrowError(format(text));
  });

  it.each([
    ['an unknown split', { split: 'val' as never }, 'split'],
    ['a negative limit', { limit: -1 }, 'limit'],
    ['a fractional limit', { limit: 1.5 }, 'limit'],
  ])('rejects %s', async (_case, options, text) => {
    await expect(loadFashionMnist(options)).rejects.toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining(text) }));
  });
});

// Reference values computed independently with /usr/bin/python3 (gzip + struct + hashlib) from
// Debian's dataset-fashion-mnist 0.0~git20200523.55506a9-1.
const DEBIAN = '/usr/share/datasets/fashion-mnist';
const REFERENCE = {
  train: {
    count: 60000,
    perClass: 6000,
    firstLabels: [9, 0, 0, 3, 0, 2, 7, 2, 5, 5],
    firstImageSum: 76247,
    lastImageSum: 16684,
    pixelSum: 3431114169,
    firstImageRow14: [0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229, 215, 218, 255, 77, 0],
    pixelsSha256: '2e487a6c89124f78f2d7521542223cafe96f7123c3ca13d447772ac6ecbb3012',
    labelsSha256: '657fbd221bfc9f4198cc14b5619cc33ec57c58dd0e47af4d99d6650759e869a7',
  },
  test: {
    count: 10000,
    perClass: 1000,
    firstLabels: [9, 2, 1, 1, 6, 1, 4, 6, 5, 7],
    firstImageSum: 33456,
    lastImageSum: 24390,
    pixelSum: 573469082,
    firstImageRow14: [0, 0, 0, 0, 0, 0, 2, 4, 1, 0, 0, 0, 98, 136, 110, 109, 110, 162, 135, 144, 149, 159, 167, 144, 158, 169, 119, 0],
    pixelsSha256: 'c867c93ff95360594e8ec3287995350b824dd110b11595c0e13d5423f621867a',
    labelsSha256: '3d0e6c6ea990b53b6f8f500a41cac93881d981b315f84578b7d915342ade01e9',
  },
} as const;

const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
const sha256 = (a: Uint8Array) => createHash('sha256').update(a).digest('hex');

// CI installs the data (.ci/run), so there a missing copy fails instead of skipping.
describe.skipIf(!existsSync(DEBIAN) && !process.env.CI)('loadFashionMnist on the real data (apt-get install dataset-fashion-mnist)', () => {
  it.each(['train', 'test'] as const)('%s split matches the Python reference', async (split) => {
    const ref = REFERENCE[split];
    const d = await loadFashionMnist({ split, dir: DEBIAN });
    expect(d.count).toBe(ref.count);
    expect(d.images.length).toBe(ref.count * 784);
    const histogram = new Array(10).fill(0);
    for (const l of d.labels) histogram[l]++;
    expect(histogram).toEqual(new Array(10).fill(ref.perClass));
    expect(Array.from(d.labels.subarray(0, 10))).toEqual(ref.firstLabels);
    expect(sum(d.images.subarray(0, 784))).toBe(ref.firstImageSum);
    expect(sum(d.images.subarray(d.images.length - 784))).toBe(ref.lastImageSum);
    expect(sum(d.images)).toBe(ref.pixelSum);
    expect(Array.from(d.images.subarray(14 * 28, 15 * 28))).toEqual(ref.firstImageRow14);
    expect(sha256(d.images)).toBe(ref.pixelsSha256);
    expect(sha256(d.labels)).toBe(ref.labelsSha256);
    expect(FASHION_MNIST_CLASSES[d.labels[0]]).toBe('Ankle boot');
  });
});
