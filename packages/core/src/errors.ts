/**
 * Stable error codes. Code that handles Fovea errors switches on `code`, never
 * on message text, so codes are only ever added, not renamed.
 */
export type FoveaErrorCode =
  | 'E_INVALID_ARGUMENT'
  | 'E_INVALID_RLE'
  | 'E_BACKEND_UNAVAILABLE'
  | 'E_IMAGE_EMPTY'
  | 'E_IMAGE_TRUNCATED'
  | 'E_IMAGE_UNSUPPORTED'
  | 'E_IMAGE_TOO_LARGE'
  | 'E_IMAGE_DECODE'
  | 'E_FILE_NOT_FOUND'
  | 'E_MODEL_FORMAT'
  | 'E_MODEL_IO'
  | 'E_DATASET_FORMAT'
  | 'E_DATASET_NOT_FOUND'
  | 'E_COCO_FORMAT'
  | 'E_VOC_FORMAT'
  | 'E_YOLO_FORMAT'
  | 'E_MOT_FORMAT';

/**
 * The one error type Fovea throws on bad input. The message names the bad
 * value and, where there is one, the fix.
 */
export class FoveaError extends Error {
  readonly code: FoveaErrorCode;

  constructor(code: FoveaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FoveaError';
    this.code = code;
  }
}

/**
 * Throws `E_INVALID_ARGUMENT` with `message` unless `condition` holds. Pass a function when the message is costly
 * to build (it interpolates arrays): hot paths then pay nothing for it.
 */
export function check(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new FoveaError('E_INVALID_ARGUMENT', typeof message === 'function' ? message() : message);
}
