import { FoveaError, check } from '@fovea/core';
import type { VocGroundTruth } from '../voc/types.js';
import { escapeXml, parseXml, type XmlElement } from './xml.js';

/** One `<object>` of a Pascal VOC annotation. */
export interface VocObject {
  /** Class name (`<name>`), trimmed. */
  name: string;
  /** `<bndbox>` as `[xmin, ymin, xmax, ymax]`: VOC's 1-based, inclusive pixel coordinates, as written. */
  bbox: [xmin: number, ymin: number, xmax: number, ymax: number];
  /** `<difficult>`; false when absent. */
  difficult: boolean;
  /** `<truncated>`; false when absent. */
  truncated: boolean;
  /** `<occluded>` (VOC2010+), when present. */
  occluded?: boolean;
  /** `<pose>` ("Left", "Frontal", "Unspecified", ...), when present. */
  pose?: string;
}

/** A Pascal VOC annotation file (`Annotations/*.xml`), the fields detection uses. */
export interface VocAnnotation {
  folder?: string;
  filename: string;
  /** `<size>`, pixels; `depth` when present. */
  size: { width: number; height: number; depth?: number };
  /** `<segmented>` when present. */
  segmented?: boolean;
  objects: VocObject[];
}

const vocError = (path: string, message: string): never => {
  throw new FoveaError('E_VOC_FORMAT', `${path} ${message}`);
};

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

function requiredChild(el: XmlElement, name: string): XmlElement {
  return child(el, name) ?? vocError(`${el.path}/${name}`, `is missing; a VOC annotation needs <${name}> in <${el.name}>.`);
}

function textOf(el: XmlElement): string {
  if (el.children.length > 0) vocError(el.path, `holds elements (<${el.children[0].name}>); expected text.`);
  return el.text.trim();
}

function numberOf(el: XmlElement, integer = false): number {
  const t = textOf(el);
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v) || (integer && !(Number.isInteger(v) && v >= 0))) {
    vocError(el.path, `is '${t}'; expected ${integer ? 'a non-negative integer' : 'a finite number'}.`);
  }
  return v;
}

function flagOf(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const t = textOf(el);
  if (t === '0' || t === 'false') return false;
  if (t === '1' || t === 'true') return true;
  return vocError(el.path, `is '${t}'; expected 0 or 1.`);
}

/**
 * Reads a Pascal VOC annotation XML (`Annotations/000001.xml`; also what labelImg writes).
 * Unknown elements (`<source>`, `<owner>`, `<part>`, `<actions>`, ...) are skipped; each object's
 * own `<bndbox>` is read (not its parts'). Coordinates stay as written (VOC: 1-based inclusive
 * pixels, which `vocEval`'s default `pixelInclusive` expects); fractional values are accepted.
 *
 * @throws FoveaError `E_VOC_FORMAT` naming the element path (`annotation/object[2]/bndbox/xmax`) and
 *   the fix, for malformed XML, a root other than `<annotation>`, a missing filename, size, name or
 *   box coordinate, a non-numeric coordinate, `xmax < xmin` or `ymax < ymin`, or a flag other than 0/1.
 */
export function parseVocXml(xml: string): VocAnnotation {
  const root = parseXml(xml, 'E_VOC_FORMAT', 'VOC XML');
  if (root.name !== 'annotation') vocError(root.path, 'is the root element; a VOC annotation has <annotation> at the root.');
  const size = requiredChild(root, 'size');
  const out: VocAnnotation = {
    filename: textOf(requiredChild(root, 'filename')),
    size: { width: numberOf(requiredChild(size, 'width'), true), height: numberOf(requiredChild(size, 'height'), true) },
    objects: [],
  };
  const folder = child(root, 'folder');
  if (folder) out.folder = textOf(folder);
  const depth = child(size, 'depth');
  if (depth) out.size.depth = numberOf(depth, true);
  const segmented = flagOf(child(root, 'segmented'));
  if (segmented !== undefined) out.segmented = segmented;
  for (const el of root.children) if (el.name === 'object') out.objects.push(objectOf(el));
  return out;
}

function objectOf(el: XmlElement): VocObject {
  const name = textOf(requiredChild(el, 'name'));
  if (name === '') vocError(`${el.path}/name`, 'is empty; give the class name.');
  const box = requiredChild(el, 'bndbox');
  const [xmin, ymin, xmax, ymax] = (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) => numberOf(requiredChild(box, k)));
  if (xmax < xmin) vocError(`${box.path}/xmax`, `is ${xmax}, less than xmin ${xmin}; expected xmin <= xmax.`);
  if (ymax < ymin) vocError(`${box.path}/ymax`, `is ${ymax}, less than ymin ${ymin}; expected ymin <= ymax.`);
  const obj: VocObject = {
    name,
    bbox: [xmin, ymin, xmax, ymax],
    difficult: flagOf(child(el, 'difficult')) ?? false,
    truncated: flagOf(child(el, 'truncated')) ?? false,
  };
  const occluded = flagOf(child(el, 'occluded'));
  if (occluded !== undefined) obj.occluded = occluded;
  const pose = child(el, 'pose');
  if (pose) obj.pose = textOf(pose);
  return obj;
}

/** Options of {@link formatVocXml}. */
export interface FormatVocXmlOptions {
  /** Indentation per level; default a tab, as the VOC files. */
  indent?: string;
}

/**
 * Writes a Pascal VOC annotation XML, in the element order of the VOC files: folder, filename,
 * size, segmented, then per object name, pose, truncated, occluded, difficult, bndbox. Optional
 * fields that are absent are not written. `parseVocXml(formatVocXml(a))` deep-equals `a`.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for a missing filename or name, or a size or box that is
 *   not finite (sizes: non-negative integers) or has `max < min`.
 */
export function formatVocXml(annotation: VocAnnotation, options: FormatVocXmlOptions = {}): string {
  const { indent = '\t' } = options;
  check(annotation != null && typeof annotation === 'object', `formatVocXml got ${annotation}; pass { filename, size, objects }.`);
  const { filename, size, objects } = annotation;
  check(typeof filename === 'string', `formatVocXml: filename is ${filename}; pass a string.`);
  check(size != null, 'formatVocXml: size is missing; pass { width, height, depth? }.');
  for (const k of ['width', 'height', 'depth'] as const) {
    const v = size[k];
    check((k === 'depth' && v === undefined) || (Number.isInteger(v) && v! >= 0), `formatVocXml: size.${k} is ${v}; pass a non-negative integer.`);
  }
  check(Array.isArray(objects), `formatVocXml: objects is ${objects}; pass an array (empty for none).`);
  const lines = ['<annotation>'];
  const put = (level: number, tag: string, value: string | number) => lines.push(`${indent.repeat(level)}<${tag}>${escapeXml(String(value))}</${tag}>`);
  const flag = (b: boolean) => (b ? 1 : 0);
  if (annotation.folder !== undefined) put(1, 'folder', annotation.folder);
  put(1, 'filename', filename);
  lines.push(`${indent}<size>`);
  put(2, 'width', size.width);
  put(2, 'height', size.height);
  if (size.depth !== undefined) put(2, 'depth', size.depth);
  lines.push(`${indent}</size>`);
  if (annotation.segmented !== undefined) put(1, 'segmented', flag(annotation.segmented));
  objects.forEach((o, i) => {
    check(typeof o?.name === 'string' && o.name.trim() !== '', `formatVocXml: objects[${i}].name is ${o?.name}; pass the class name.`);
    const b = o.bbox;
    check(
      Array.isArray(b) && b.length === 4 && b.every(Number.isFinite) && b[2] >= b[0] && b[3] >= b[1],
      `formatVocXml: objects[${i}].bbox is ${JSON.stringify(b)}; pass [xmin, ymin, xmax, ymax] with xmin <= xmax, ymin <= ymax.`,
    );
    lines.push(`${indent}<object>`);
    put(2, 'name', o.name);
    if (o.pose !== undefined) put(2, 'pose', o.pose);
    put(2, 'truncated', flag(o.truncated));
    if (o.occluded !== undefined) put(2, 'occluded', flag(o.occluded));
    put(2, 'difficult', flag(o.difficult));
    lines.push(`${indent.repeat(2)}<bndbox>`);
    (['xmin', 'ymin', 'xmax', 'ymax'] as const).forEach((k, j) => put(3, k, b[j]));
    lines.push(`${indent.repeat(2)}</bndbox>`);
    lines.push(`${indent}</object>`);
  });
  lines.push('</annotation>');
  return lines.join('\n') + '\n';
}

/**
 * The ground truth of one image for {@link vocEval}: boxes as written, class ids the index of each
 * object's name in `classNames`, and the difficult flags.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` naming an object whose class is not in `classNames`.
 */
export function vocGroundTruth(annotation: VocAnnotation, classNames: readonly string[]): Required<VocGroundTruth> {
  const index = new Map(classNames.map((n, i) => [n, i] as const));
  const boxes: number[][] = [];
  const classIds: number[] = [];
  const difficult: boolean[] = [];
  annotation.objects.forEach((o, i) => {
    const c = index.get(o.name);
    check(c !== undefined, `vocGroundTruth: ${annotation.filename} objects[${i}] is a '${o.name}', which is not in classNames; add it or drop the object.`);
    boxes.push([...o.bbox]);
    classIds.push(c);
    difficult.push(o.difficult);
  });
  return { boxes, classIds, difficult };
}
