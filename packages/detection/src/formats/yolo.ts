import { Detections, FoveaError, check } from '@fovea/core';

function checkSize(imageSize: readonly [number, number], fn: string): [number, number] {
  check(
    Array.isArray(imageSize) && imageSize.length === 2 && imageSize.every((v) => Number.isFinite(v) && v > 0),
    `${fn}: imageSize is ${JSON.stringify(imageSize)}; pass [height, width] in pixels, both > 0.`,
  );
  return [imageSize[0], imageSize[1]];
}

/**
 * Reads a YOLO label file (ultralytics / darknet `labels/*.txt`): one object per line,
 * `class cx cy w h` with the box centre and size normalised by the image width and height, and an
 * optional 6th column, the confidence (what ultralytics writes with `save_conf`). Blank lines are
 * skipped. As ultralytics' label check does, every normalised value must lie in [0, 1].
 *
 * @param imageSize `[height, width]` of the image, pixels.
 * @returns Detections with `xyxy` boxes in pixels, `classId` from the first column, `confidence`
 *   from the 6th column or 1.
 * @throws FoveaError `E_YOLO_FORMAT` naming the line for a line without 5 or 6 numbers (polygon
 *   labels are not boxes), a class that is not a non-negative integer, a value outside [0, 1] or a
 *   non-finite confidence; `E_INVALID_ARGUMENT` for a bad image size.
 */
export function parseYoloLabels(text: string, imageSize: readonly [height: number, width: number]): Detections {
  const [h, w] = checkSize(imageSize, 'parseYoloLabels');
  check(typeof text === 'string', `parseYoloLabels: text is ${typeof text}; pass the label file's contents.`);
  const xyxy: number[] = [];
  const confidence: number[] = [];
  const classId: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const bad = (msg: string): never => {
      throw new FoveaError('E_YOLO_FORMAT', `YOLO labels line ${i + 1} ('${line.slice(0, 60)}'): ${msg}`);
    };
    const f = line.split(/\s+/);
    if (f.length !== 5 && f.length !== 6) bad(`has ${f.length} values; expected 'class cx cy w h' or 'class cx cy w h confidence' (segment polygons are not supported).`);
    const v = f.map(Number);
    if (!(Number.isInteger(v[0]) && v[0] >= 0 && v[0] <= 0x7fffffff)) bad(`class is '${f[0]}'; expected a non-negative integer.`);
    for (let k = 1; k < 5; k++) {
      if (!(v[k] >= 0 && v[k] <= 1)) bad(`${['cx', 'cy', 'w', 'h'][k - 1]} is '${f[k]}'; normalised values must be in [0, 1] (divide pixels by the image size).`);
    }
    if (f.length === 6 && !Number.isFinite(v[5])) bad(`confidence is '${f[5]}'; expected a finite number.`);
    const [, cx, cy, bw, bh] = v;
    xyxy.push((cx - bw / 2) * w, (cy - bh / 2) * h, (cx + bw / 2) * w, (cy + bh / 2) * h);
    classId.push(v[0]);
    confidence.push(f.length === 6 ? v[5] : 1);
  });
  return Detections.from({ xyxy, confidence, classId });
}

/** Options of {@link formatYoloLabels}. */
export interface FormatYoloLabelsOptions {
  /** Write the confidence as a 6th column (ultralytics' `save_conf`); default false. */
  saveConf?: boolean;
  /** Significant digits per value, written like C's `%g` (ultralytics uses `%g`, 6 digits); default 6. */
  digits?: number;
  /** Clip boxes to the image first, so every value is a valid normalised coordinate; default true. */
  clip?: boolean;
}

/** C's `%.{digits}g`: `digits` significant digits, trailing zeros dropped, exponent form below 1e-4. */
export function formatG(x: number, digits = 6): string {
  if (x === 0) return '0';
  const [mantissa, exp] = x.toExponential(digits - 1).split('e');
  const e = Number(exp);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= digits) return `${strip(mantissa)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return strip(x.toFixed(Math.max(0, digits - 1 - e)));
}

/**
 * Writes detections as YOLO labels: one line `class cx cy w h [confidence]` per detection, in
 * order, values normalised by the image size, each line ending in a newline (empty text for none).
 * `parseYoloLabels(formatYoloLabels(d, size), size)` gives `d` back to within the `digits` written.
 *
 * @param imageSize `[height, width]` of the image, pixels.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad image size or digits, or, with `clip: false`, a
 *   box that reaches outside the image.
 */
export function formatYoloLabels(detections: Detections, imageSize: readonly [height: number, width: number], options: FormatYoloLabelsOptions = {}): string {
  const [h, w] = checkSize(imageSize, 'formatYoloLabels');
  const { saveConf = false, digits = 6, clip = true } = options;
  check(detections instanceof Detections, 'formatYoloLabels: detections is not a Detections; build one with Detections.from.');
  check(Number.isInteger(digits) && digits >= 1 && digits <= 17, `formatYoloLabels: digits is ${digits}; pass an integer 1-17.`);
  const b = detections.xyxy;
  let out = '';
  for (let i = 0; i < detections.length; i++) {
    let [x1, y1, x2, y2] = [b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]];
    if (clip) {
      [x1, x2] = [Math.min(Math.max(x1, 0), w), Math.min(Math.max(x2, 0), w)];
      [y1, y2] = [Math.min(Math.max(y1, 0), h), Math.min(Math.max(y2, 0), h)];
    } else {
      check(x1 >= 0 && y1 >= 0 && x2 <= w && y2 <= h, `formatYoloLabels: box ${i} [${x1}, ${y1}, ${x2}, ${y2}] reaches outside the ${w} x ${h} image; clip it or pass clip: true.`);
    }
    const fields = [(x1 + x2) / 2 / w, (y1 + y2) / 2 / h, (x2 - x1) / w, (y2 - y1) / h].map((v) => formatG(v, digits));
    if (saveConf) fields.push(formatG(detections.confidence[i], digits));
    out += `${detections.classId[i]} ${fields.join(' ')}\n`;
  }
  return out;
}
