import { FoveaError } from '@fovea/core';
import type { CocoDataset, CocoResultLike } from './types.js';
import { formatError, validateCocoDataset, validateCocoResults } from './validate.js';

/** Which COCO JSON a value is: a dataset object or a results array. */
export type CocoJsonKind = 'dataset' | 'results';

async function readJson(path: string): Promise<unknown> {
  // Imported on demand so the browser build never sees node:fs.
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FoveaError('E_FILE_NOT_FOUND', `${path} does not exist; pass the path of a COCO JSON file.`, { cause: e });
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return formatError(path, `is not valid JSON (${(e as Error).message}); fix the file or regenerate it.`, e);
  }
}

/**
 * Reads and validates COCO JSON: a dataset (`{ images, annotations, categories }`, what
 * `pycocotools.coco.COCO` reads) or a results list (what `COCO.loadRes` reads). An empty results
 * list is valid. Values that pass are returned as they are (not copied) and are not re-checked by
 * {@link evaluateCoco}.
 *
 * @param source A file path (Node only) or an already parsed value.
 * @param kind Expected kind; by default a JSON array is read as results and an object as a dataset.
 * @returns The dataset or the results list.
 * @throws FoveaError `E_FILE_NOT_FOUND` for a missing file; `E_COCO_FORMAT` for invalid JSON or a
 *   bad value, naming its JSON path (for example `dt.json[41].bbox`) and the fix.
 */
export async function loadCocoJson(source: string | object, kind: 'dataset'): Promise<CocoDataset>;
export async function loadCocoJson(source: string | object, kind: 'results'): Promise<CocoResultLike[]>;
export async function loadCocoJson(source: string | object, kind?: CocoJsonKind): Promise<CocoDataset | CocoResultLike[]>;
export async function loadCocoJson(source: string | object, kind?: CocoJsonKind): Promise<CocoDataset | CocoResultLike[]> {
  const name = typeof source === 'string' ? source : kind === 'results' || Array.isArray(source) ? 'dt' : 'gt';
  const value = typeof source === 'string' ? await readJson(source) : source;
  const k = kind ?? (Array.isArray(value) ? 'results' : 'dataset');
  return k === 'results' ? validateCocoResults(value, name) : validateCocoDataset(value, name);
}
