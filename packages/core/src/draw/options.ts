import { check } from '../errors.js';
import { DEFAULT_PALETTE, parsePalette, type ColorInput, type Rgb } from './palette.js';
import { TrackTrails } from './trails.js';

/** Trails by track id: points `[x, y]` in pixels, oldest first. */
export type TrailMap = ReadonlyMap<number, ReadonlyArray<readonly [x: number, y: number]>>;

/** What {@link annotate} draws and how. Every field is optional. */
export interface AnnotateOptions {
  /** Class names indexed by `classId`. Without a name there, the tag uses `data.className[i]`, else the id. */
  labels?: readonly string[];
  /** Draw box outlines. Default true. */
  boxes?: boolean;
  /** Draw `"#track label score"` tags (score to 2 decimals; `#track` only with `trackerId`). Default true. */
  tags?: boolean;
  /** Blend instance masks (when the detections have them) over the image. Default true. */
  masks?: boolean;
  /** Mask opacity, 0-1: `out = pixel * (1 - a) + colour * a`. Default 0.5 (supervision's MaskAnnotator). */
  maskOpacity?: number;
  /** Trails to draw for the tracks present in `detections`: a {@link TrackTrails} or a map from track id to points. */
  trackTrails?: TrackTrails | TrailMap;
  /** Colours, cycled by id: `palette[id mod length]`. Default {@link DEFAULT_PALETTE}. */
  palette?: readonly ColorInput[];
  /** Colour each detection by its `'class'` (default) or its `'track'` (needs `trackerId`). */
  colorBy?: 'class' | 'track';
  /** Box outline and trail width in pixels, an integer >= 1. Default `max(1, round(min(h, w) / 240))`. */
  thickness?: number;
  /** Font pixel size of tags (glyphs are 5x8 font pixels), an integer >= 1. Default `max(1, round(min(h, w) / 480))`. */
  textScale?: number;
  /** JPEG/WebP quality (1-100) when re-encoding an encoded image. Default 90 (JPEG), 80 (WebP). */
  quality?: number;
}

/** Options checked, with defaults filled in for an image `width` x `height`. */
export interface ResolvedOptions {
  labels?: readonly string[];
  boxes: boolean;
  tags: boolean;
  masks: boolean;
  maskOpacity: number;
  trackTrails?: TrackTrails | TrailMap;
  palette: Rgb[];
  colorBy: 'class' | 'track';
  thickness: number;
  textScale: number;
  quality?: number;
}

const KEYS = new Set(['labels', 'boxes', 'tags', 'masks', 'maskOpacity', 'trackTrails', 'palette', 'colorBy', 'thickness', 'textScale', 'quality']);

/**
 * Validates `options` and fills defaults.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` naming the option for an unknown key, a wrong type,
 *   a non-integer or non-positive thickness/textScale, an opacity outside 0-1, a bad colour.
 */
export function resolveOptions(options: AnnotateOptions, width: number, height: number): ResolvedOptions {
  check(options != null && typeof options === 'object', `annotate: options is ${options}; expected an object.`);
  for (const key of Object.keys(options)) {
    check(KEYS.has(key), `annotate: unknown option '${key}'; the options are ${[...KEYS].join(', ')}.`);
  }
  const short = Math.min(width, height);
  const {
    labels, boxes = true, tags = true, masks = true, maskOpacity = 0.5, trackTrails, palette = DEFAULT_PALETTE,
    colorBy = 'class', thickness = Math.max(1, Math.round(short / 240)), textScale = Math.max(1, Math.round(short / 480)),
    quality,
  } = options;
  check(
    labels === undefined || (Array.isArray(labels) && labels.every((l) => typeof l === 'string' || l === undefined)),
    'annotate: labels must be an array of class names indexed by classId, e.g. [\'person\', \'car\'].',
  );
  for (const [name, value] of [['boxes', boxes], ['tags', tags], ['masks', masks]] as const) {
    check(typeof value === 'boolean', `annotate: ${name} is ${String(value)}; expected true or false.`);
  }
  check(
    typeof maskOpacity === 'number' && maskOpacity >= 0 && maskOpacity <= 1,
    `annotate: maskOpacity is ${maskOpacity}; expected a number from 0 (invisible) to 1 (opaque).`,
  );
  check(
    trackTrails === undefined || trackTrails instanceof TrackTrails || trackTrails instanceof Map,
    'annotate: trackTrails must be a TrackTrails or a Map from track id to [x, y] points.',
  );
  check(colorBy === 'class' || colorBy === 'track', `annotate: colorBy is '${colorBy}'; expected 'class' or 'track'.`);
  for (const [name, value] of [['thickness', thickness], ['textScale', textScale]] as const) {
    check(Number.isInteger(value) && value >= 1, `annotate: ${name} is ${value}; expected an integer >= 1 (pixels).`);
  }
  check(
    quality === undefined || (Number.isInteger(quality) && quality >= 1 && quality <= 100),
    `annotate: quality is ${quality}; expected an integer 1-100.`,
  );
  return {
    labels, boxes, tags, masks, maskOpacity, trackTrails, palette: parsePalette(palette, 'annotate: palette'), colorBy,
    thickness, textScale, quality,
  };
}
