import { DEFAULT_PALETTE, check } from '@fovea/core';
import { escapeXml } from '../formats/xml.js';
import type { PrCurve } from './pr-curves.js';

/** Options of {@link plotPrCurves}. */
export interface PlotPrCurvesOptions {
  /** `'svg'` (default) returns the SVG text; `'png'` a Promise of PNG bytes (Node). */
  format?: 'svg' | 'png';
  /** Pixels; default 640. */
  width?: number;
  /** Pixels; default 480. */
  height?: number;
  /** Drawn above the axes; default none. */
  title?: string;
  /** A name per category id for the legend; default `class <id>`. */
  labels?: Readonly<Record<number, string>> | ((categoryId: number) => string);
  /** Colours cycled by category id; default core's `DEFAULT_PALETTE` (the colours `annotate` uses). */
  palette?: readonly string[];
}

/** Where the axes sit inside the image, in pixels; recall maps to x, precision to y. */
export interface PlotFrame {
  left: number;
  top: number;
  width: number;
  height: number;
}

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const LEGEND_WIDTH = 170;
const ROW = 18;
const LEGEND_CHARS = 21;

/** The axes' frame for an image of `width` x `height` (exported so tests can map points back). */
export function plotFrame(width: number, height: number, hasTitle: boolean): PlotFrame {
  const top = hasTitle ? 40 : 16;
  const left = 56;
  return { left, top, width: width - left - LEGEND_WIDTH, height: height - top - 44 };
}

/** SVG text for a value: at most 2 decimals, no trailing zeros, never `-0`. */
function num(v: number): string {
  const s = (Math.round(v * 100) / 100).toString();
  return s === '-0' ? '0' : s;
}

function colorOf(palette: readonly string[], id: number): string {
  const n = palette.length;
  return palette[((id % n) + n) % n];
}

function labelOf(labels: PlotPrCurvesOptions['labels'], id: number): string {
  if (typeof labels === 'function') return labels(id);
  return labels?.[id] ?? `class ${id}`;
}

/** Renders the curves as an SVG document (see {@link plotPrCurves}). */
export function prCurvesSvg(curves: readonly PrCurve[], options: PlotPrCurvesOptions = {}): string {
  const { width = 640, height = 480, title, labels, palette = DEFAULT_PALETTE } = options;
  check(Array.isArray(curves as unknown), `plotPrCurves: curves is ${curves}; pass the array prCurves returns.`);
  check(
    Number.isInteger(width) && Number.isInteger(height) && width >= 320 && height >= 200 && width <= 8192 && height <= 8192,
    `plotPrCurves: size ${width} x ${height} is not usable; pass integer width 320-8192 and height 200-8192.`,
  );
  check(Array.isArray(palette as unknown) && palette.length > 0, 'plotPrCurves: palette is empty; pass at least one colour.');
  curves.forEach((c, i) =>
    check(
      c != null && Array.isArray(c.recall) && Array.isArray(c.precision) && c.recall.length === c.precision.length,
      `plotPrCurves: curves[${i}] needs recall and precision arrays of one length.`,
    ),
  );
  const f = plotFrame(width, height, title !== undefined);
  const x = (r: number) => num(f.left + r * f.width);
  const y = (p: number) => num(f.top + (1 - p) * f.height);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (title !== undefined) {
    out.push(`<text x="${num(f.left + f.width / 2)}" y="24" text-anchor="middle" font-size="16">${escapeXml(title)}</text>`);
  }
  // Grid every 0.1, ticks and labels every 0.2.
  out.push('<g class="grid" stroke="#e5e5e5" stroke-width="1">');
  for (let i = 0; i <= 10; i++) {
    const v = i / 10;
    out.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}"/>`);
    out.push(`<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}"/>`);
  }
  out.push('</g>');
  out.push('<g class="axes" stroke="#333333" stroke-width="1">');
  out.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(0)}"/>`);
  out.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(1)}"/>`);
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    out.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${num(f.top + f.height + 5)}"/>`);
    out.push(`<line x1="${num(f.left - 5)}" y1="${y(v)}" x2="${x(0)}" y2="${y(v)}"/>`);
  }
  out.push('</g>');
  out.push('<g class="tick-labels" fill="#333333">');
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    out.push(`<text x="${x(v)}" y="${num(f.top + f.height + 18)}" text-anchor="middle">${v.toFixed(1)}</text>`);
    out.push(`<text x="${num(f.left - 8)}" y="${num(f.top + (1 - v) * f.height + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  out.push('</g>');
  out.push(`<text x="${num(f.left + f.width / 2)}" y="${num(height - 8)}" text-anchor="middle" font-size="13">Recall</text>`);
  out.push(`<text x="14" y="${num(f.top + f.height / 2)}" text-anchor="middle" font-size="13" transform="rotate(-90 14 ${num(f.top + f.height / 2)})">Precision</text>`);
  out.push('<g class="curves" fill="none" stroke-width="2" stroke-linejoin="round">');
  for (const c of curves) {
    if (c.recall.length === 0) continue;
    const d = c.recall.map((r, i) => `${i === 0 ? 'M' : 'L'}${x(r)} ${y(c.precision[i])}`).join(' ');
    out.push(`<path data-category-id="${c.categoryId}" stroke="${colorOf(palette, c.categoryId)}" d="${d}"/>`);
  }
  out.push('</g>');
  out.push(legend(curves, f, height, labels, palette));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function legend(
  curves: readonly PrCurve[],
  f: PlotFrame,
  height: number,
  labels: PlotPrCurvesOptions['labels'],
  palette: readonly string[],
): string {
  const left = f.left + f.width + 16;
  const rows = Math.max(1, Math.floor((height - f.top - 8) / ROW));
  const shown = curves.length > rows ? rows - 1 : curves.length;
  const out = ['<g class="legend" fill="#333333">'];
  curves.slice(0, shown).forEach((c, i) => {
    const top = f.top + i * ROW;
    // About 21 characters fit in the legend at 12 px; the name gives way to the AP.
    const suffix = Number.isFinite(c.ap) && c.ap >= 0 ? ` (AP ${c.ap.toFixed(3)})` : '';
    const name = labelOf(labels, c.categoryId);
    const room = Math.max(4, LEGEND_CHARS - suffix.length);
    const text = (name.length > room ? `${name.slice(0, room - 1)}…` : name) + suffix;
    out.push(`<rect x="${num(left)}" y="${num(top + 3)}" width="14" height="8" fill="${colorOf(palette, c.categoryId)}"/>`);
    out.push(`<text x="${num(left + 20)}" y="${num(top + 11)}">${escapeXml(text)}</text>`);
  });
  if (shown < curves.length) out.push(`<text x="${num(left)}" y="${num(f.top + shown * ROW + 11)}">+${curves.length - shown} more</text>`);
  out.push('</g>');
  return out.join('\n');
}
