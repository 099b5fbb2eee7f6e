import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { FoveaError, check } from '../errors.js';
import { parseIdx } from './idx.js';

/** Fashion-MNIST's ten classes, indexed by label (Xiao, Rasul and Vollgraf, 2017). */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** One split of Fashion-MNIST as typed arrays. */
export interface FashionMnist {
  /** `count` images of 28 x 28 grey pixels, 0 (background) to 255, row-major: N x 28 x 28. */
  images: Uint8Array;
  /** Class per image, 0-9, indexing {@link FASHION_MNIST_CLASSES}. */
  labels: Uint8Array;
  count: number;
  height: 28;
  width: 28;
  classes: typeof FASHION_MNIST_CLASSES;
  /** The directory the files were read from. */
  dir: string;
}

export interface LoadFashionMnistOptions {
  /** `'train'` (60,000 images) or `'test'` (10,000). Default `'train'`. */
  split?: 'train' | 'test';
  /** The directory holding the IDX files; when given, the only place searched. */
  dir?: string;
  /** Keep only the first `limit` images (the whole file is still read). */
  limit?: number;
}

const FILES = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

const SIDE = 28;

/**
 * Where {@link loadFashionMnist} looks, in order. With `dir`, only there (so a wrong `dir` fails
 * loudly instead of silently loading another copy). Otherwise `$FOVEA_DATA/fashion-mnist`,
 * `$FOVEA_DATA`, `/usr/share/datasets/fashion-mnist` (Debian's `dataset-fashion-mnist`),
 * `~/.cache/fovea/fashion-mnist`.
 */
export function fashionMnistSearchPath(dir?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (dir !== undefined) return [path.resolve(dir)];
  const dirs: string[] = [];
  if (env.FOVEA_DATA) dirs.push(path.resolve(env.FOVEA_DATA, 'fashion-mnist'), path.resolve(env.FOVEA_DATA));
  dirs.push('/usr/share/datasets/fashion-mnist', path.join(os.homedir(), '.cache', 'fovea', 'fashion-mnist'));
  return dirs;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of `base` or `base.gz` in `dir` (uncompressed first), or undefined. */
async function findFile(dir: string, base: string): Promise<string | undefined> {
  for (const file of [path.join(dir, base), path.join(dir, `${base}.gz`)]) if (await exists(file)) return file;
  return undefined;
}

async function readIdx(file: string) {
  let bytes: Uint8Array = await readFile(file);
  // Inflate off the main thread; parseIdx would do it synchronously.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await promisify(gunzip)(bytes);
    } catch (e) {
      throw new FoveaError('E_DATASET_FORMAT', `${file} does not inflate (${(e as Error).message}); the file is probably truncated, download it again.`, { cause: e });
    }
  }
  return parseIdx(bytes, file);
}

/**
 * Loads one split of Fashion-MNIST from its four IDX files (gzipped or not, as
 * `train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`, `t10k-...`), the same bytes
 * Keras' `fashion_mnist.load_data()` and torchvision's `FashionMNIST` read. Nothing is downloaded.
 *
 * The first directory of {@link fashionMnistSearchPath} that holds both files of the split wins.
 *
 * @returns Images N x 28 x 28 uint8 and labels N uint8, in file order.
 * @throws FoveaError `E_DATASET_NOT_FOUND` naming every place searched when no directory has the
 *   files; `E_DATASET_FORMAT` if a file is not valid IDX, not 28 x 28 uint8 images, has labels
 *   outside 0-9, or images and labels disagree in count; `E_INVALID_ARGUMENT` for bad options.
 */
export async function loadFashionMnist(options: LoadFashionMnistOptions = {}): Promise<FashionMnist> {
  const { split = 'train', dir, limit } = options;
  check(split === 'train' || split === 'test', `split is '${split}'; use 'train' or 'test'.`);
  check(limit === undefined || (Number.isInteger(limit) && limit >= 0), `limit is ${limit}; give a non-negative integer.`);
  const [imagesName, labelsName] = FILES[split];
  const searched = fashionMnistSearchPath(dir);
  for (const d of searched) {
    const imagesFile = await findFile(d, imagesName);
    const labelsFile = await findFile(d, labelsName);
    if (imagesFile === undefined || labelsFile === undefined) continue;
    const [images, labels] = await Promise.all([readIdx(imagesFile), readIdx(labelsFile)]);
    const bad = (file: string, what: string) => new FoveaError('E_DATASET_FORMAT', `${file} ${what}`);
    if (images.dtype !== 'uint8' || images.shape.length !== 3 || images.shape[1] !== SIDE || images.shape[2] !== SIDE) {
      throw bad(imagesFile, `holds ${images.dtype} [${images.shape.join(', ')}]; Fashion-MNIST images are uint8 [N, 28, 28].`);
    }
    if (labels.dtype !== 'uint8' || labels.shape.length !== 1) {
      throw bad(labelsFile, `holds ${labels.dtype} [${labels.shape.join(', ')}]; Fashion-MNIST labels are uint8 [N].`);
    }
    const total = images.shape[0];
    if (labels.shape[0] !== total) throw bad(labelsFile, `has ${labels.shape[0]} labels but ${imagesFile} has ${total} images.`);
    const bigLabel = labels.data.findIndex((l) => l >= FASHION_MNIST_CLASSES.length);
    if (bigLabel >= 0) throw bad(labelsFile, `holds label ${labels.data[bigLabel]} at ${bigLabel}; labels are 0-9.`);
    const count = limit === undefined ? total : Math.min(limit, total);
    return {
      // With a limit, copy so the rest of the file can be freed.
      images: count === total ? images.data : images.data.slice(0, count * SIDE * SIDE),
      labels: count === total ? labels.data : labels.data.slice(0, count),
      count,
      height: SIDE,
      width: SIDE,
      classes: FASHION_MNIST_CLASSES,
      dir: d,
    };
  }
  const msg =
    `Fashion-MNIST ${split} files (${imagesName}[.gz], ${labelsName}[.gz]) not found; searched ${searched.join(', ')}. ` +
    (dir !== undefined
      ? 'Fix: put the four idx files there, or drop { dir } to use $FOVEA_DATA or Debian\'s copy (apt-get install dataset-fashion-mnist).'
      : 'Fix: apt-get install dataset-fashion-mnist, or put the four idx files in $FOVEA_DATA/fashion-mnist (or $FOVEA_DATA).');
  throw new FoveaError('E_DATASET_NOT_FOUND', msg);
}
