import { FoveaError, type Detections } from '@fovea/core';

/**
 * One line of a MOTChallenge text file, as py-motmetrics' `io.load_motchallenge` loads it: the box is
 * `x, y, width, height` in pixels with a 0-based top-left corner (the file's 1-based `bb_left`/`bb_top`
 * minus 1).
 */
export interface MotRow {
  /** Frame number as written in the file (MOTChallenge counts from 1). */
  frame: number;
  /** Object id (ground truth) or track id (hypothesis). */
  id: number;
  /** Left edge, 0-based pixels (`bb_left - 1`). */
  x: number;
  /** Top edge, 0-based pixels (`bb_top - 1`). */
  y: number;
  width: number;
  height: number;
  /** Column 7: detection confidence, or the ground truth's "consider" flag (0 or 1). */
  confidence: number;
  /** Column 8 (MOT16+ class; MOT15's world x): -1 when absent. */
  classId: number;
  /** Column 9 (MOT16+ visibility ratio; MOT15's world y): -1 when absent. */
  visibility: number;
}

/** Options for {@link readMotChallenge}. */
export interface ReadMotChallengeOptions {
  /**
   * Keep only rows whose confidence is at least this (py-motmetrics' `min_confidence`). Default `-1`
   * (keep all). Use `1` for MOTChallenge ground truth, so that rows flagged "ignore" (0) are dropped.
   */
  minConfidence?: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a MOTChallenge text file (`gt.txt` or a tracker's result) the way py-motmetrics'
 * `io.load_motchallenge` does: lines `frame, id, bb_left, bb_top, bb_width, bb_height, conf, x|class,
 * y|visibility, z`, fields separated by commas and/or whitespace, blank lines skipped; 1 is subtracted from
 * `bb_left` and `bb_top` (the files count pixels from 1, MATLAB-style); rows with `confidence <
 * minConfidence` are dropped. Rows keep file order.
 *
 * Lines may have 6 to 10 fields. A missing confidence reads as 1 and a missing class/visibility as -1.
 * (py-motmetrics reads a missing confidence as NaN, which then fails every `min_confidence` test, so it
 * silently drops 6-field rows; Fovea keeps them.) The tenth field is read and discarded, as py-motmetrics
 * does.
 *
 * @param text - The file's contents.
 * @returns One {@link MotRow} per kept line.
 * @throws FoveaError `E_MOT_FORMAT` naming the 1-based line number, when a line has fewer than 6 or more
 *   than 10 fields, or a field that is not a finite decimal number.
 */
export function readMotChallenge(text: string, options: ReadMotChallengeOptions = {}): MotRow[] {
  const minConfidence = options.minConfidence ?? -1;
  if (typeof minConfidence !== 'number' || Number.isNaN(minConfidence)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `readMotChallenge: minConfidence is ${String(minConfidence)}; use a number such as -1 (keep all) or 1 (ground truth).`);
  }
  const rows: MotRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    const fields = line.replace(/[\s,]+$/, '').split(/\s*,\s*|\s+/);
    if (fields.length < 6 || fields.length > 10) {
      throw new FoveaError('E_MOT_FORMAT', `readMotChallenge: line ${n + 1} has ${fields.length} fields ("${clip(line)}"); a MOTChallenge line has 6 to 10: frame, id, bb_left, bb_top, bb_width, bb_height[, conf, class, visibility, z].`);
    }
    const v = fields.map((field, k) => {
      if (!NUMBER.test(field)) {
        throw new FoveaError('E_MOT_FORMAT', `readMotChallenge: line ${n + 1}, field ${k + 1} is "${clip(field)}", not a finite number ("${clip(line)}").`);
      }
      return Number(field);
    });
    const row: MotRow = {
      frame: v[0], id: v[1], x: v[2] - 1, y: v[3] - 1, width: v[4], height: v[5],
      confidence: v[6] ?? 1, classId: v[7] ?? -1, visibility: v[8] ?? -1,
    };
    if (row.confidence >= minConfidence) rows.push(row);
  }
  return rows;
}

/**
 * Writes rows as MOTChallenge text, the inverse of {@link readMotChallenge}: one line per row,
 * `frame,id,bb_left,bb_top,bb_width,bb_height,conf,class,visibility,-1` with `bb_left = x + 1` and
 * `bb_top = y + 1`, numbers in JavaScript's shortest round-trip form, each line ending in `\n`. Rows are
 * written in the order given (MOTChallenge tools expect them sorted by frame).
 *
 * @param rows - Rows with 0-based boxes; `confidence` defaults to 1, `classId` and `visibility` to -1.
 * @throws FoveaError `E_INVALID_ARGUMENT` when a frame, id or box field is not a finite number.
 */
export function writeMotChallenge(rows: readonly MotRowInput[]): string {
  const out: string[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const fields = [r.frame, r.id, r.x + 1, r.y + 1, r.width, r.height, r.confidence ?? 1, r.classId ?? -1, r.visibility ?? -1];
    const bad = fields.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
    if (bad >= 0) {
      throw new FoveaError('E_INVALID_ARGUMENT', `writeMotChallenge: rows[${k}] has a non-finite ${FIELD_NAMES[bad]} (${JSON.stringify(r)}); every field must be a finite number.`);
    }
    out.push(`${fields.join(',')},-1\n`);
  }
  return out.join('');
}

/** A row for {@link writeMotChallenge}: confidence, class and visibility are optional. */
export type MotRowInput = Omit<MotRow, 'confidence' | 'classId' | 'visibility'> &
  Partial<Pick<MotRow, 'confidence' | 'classId' | 'visibility'>>;

const FIELD_NAMES = ['frame', 'id', 'x', 'y', 'width', 'height', 'confidence', 'classId', 'visibility'];

/**
 * Turns a tracker's per-frame output into MOT rows: frame `firstFrame + t` for `frames[t]`, id
 * `trackerId`, box `xyxy` as `x1, y1, x2 - x1, y2 - y1` (0-based, as {@link readMotChallenge} returns),
 * confidence from `confidence`, class `classId`, visibility -1.
 *
 * @param frames - One `Detections` per frame, each with `trackerId`.
 * @param firstFrame - Frame number of `frames[0]`. Default 1 (MOTChallenge numbering).
 * @throws FoveaError `E_INVALID_ARGUMENT` when a non-empty frame has no `trackerId`.
 */
export function motRowsFromDetections(frames: readonly Detections[], firstFrame = 1): MotRow[] {
  const rows: MotRow[] = [];
  frames.forEach((d, t) => {
    if (d.length === 0) return;
    if (!d.trackerId) {
      throw new FoveaError('E_INVALID_ARGUMENT', `motRowsFromDetections: frames[${t}] has no trackerId; pass a tracker's output (Detections with trackerId).`);
    }
    for (let i = 0; i < d.length; i++) {
      const [x1, y1, x2, y2] = d.xyxy.subarray(4 * i, 4 * i + 4);
      rows.push({
        frame: firstFrame + t, id: d.trackerId[i], x: x1, y: y1, width: x2 - x1, height: y2 - y1,
        confidence: d.confidence[i], classId: d.classId[i], visibility: -1,
      });
    }
  });
  return rows;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
