import { DEFAULT_PALETTE, FoveaError, check, encodeImage, readImage, tf, type BackendName } from '@fovea/core';
import type { ArchitectureComparison } from './compare.js';

/** Options of {@link plotComparison}. */
export interface PlotComparisonOptions {
  /** `'svg'` (default) returns SVG text; `'png'` a Promise of PNG bytes (Node: sharp/librsvg). */
  format?: 'svg' | 'png';
  /** Whose latency is the x axis; default the first (fastest) measured backend. */
  backend?: BackendName;
  /** Pixels; default 800 x 520. */
  width?: number;
  height?: number;
  /** Default "Test accuracy vs latency (<backend>, one image)". */
  title?: string;
}

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const MAX_RADIUS = 36;
const MIN_RADIUS = 2;
/** The column right of the axes that holds the key of reference sizes. */
const KEY_WIDTH = 2 * MAX_RADIUS + 60;

const num = (v: number) => {
  const s = (Math.round(v * 100) / 100).toString();
  return s === '-0' ? '0' : s;
};
const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' } as const)[c as '<']};`);
const tickLabel = (ms: number) => (ms >= 1 ? `${ms}` : ms.toPrecision(1));

/**
 * The comparison as a scatter plot: median single-image latency on `backend` along a log x axis
 * (milliseconds, a tick per 1-2-5 step), test accuracy (%) on y, one circle per architecture whose
 * area is proportional to its size on disk (radius `36 * sqrt(size / largest)` px, at least 2 px so
 * the smallest stays visible), labelled with its name (moved a line or two up or down where it would
 * overlap another label), and a key of reference sizes right of the axes.
 *
 * `'svg'` returns the document: each circle is `<circle data-name=… data-latency-ms=… data-accuracy=…
 * data-size-bytes=…>` at `(x(latency), y(accuracy))`. `'png'` rasterises that SVG through core's
 * `readImage` (sharp, librsvg; system fonts) and `encodeImage` as RGB PNG bytes; no tensor remains.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad format or size, a backend without measurements, or
 *   no rows.
 */
export function plotComparison(result: ArchitectureComparison, options: PlotComparisonOptions & { format: 'png' }): Promise<Uint8Array>;
export function plotComparison(result: ArchitectureComparison, options?: PlotComparisonOptions & { format?: 'svg' }): string;
export function plotComparison(result: ArchitectureComparison, options: PlotComparisonOptions = {}): string | Promise<Uint8Array> {
  const { format = 'svg' } = options;
  if (format !== 'svg' && format !== 'png') {
    throw new FoveaError('E_INVALID_ARGUMENT', `plotComparison: format must be 'svg' or 'png', got '${String(format)}'.`);
  }
  const svg = comparisonSvg(result, options);
  return format === 'svg' ? svg : rasterise(svg);
}

async function rasterise(svg: string): Promise<Uint8Array> {
  await tf.ready();
  const image = await readImage(new TextEncoder().encode(svg), { channels: 3 });
  try {
    return await encodeImage(image, 'png');
  } finally {
    image.dispose();
  }
}

/** Ticks at 1, 2, 5 x 10^k inside [lo, hi] (milliseconds). */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** k).toPrecision(1));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

function comparisonSvg(result: ArchitectureComparison, options: PlotComparisonOptions): string {
  const { width = 800, height = 520 } = options;
  check(Number.isInteger(width) && Number.isInteger(height) && width >= 400 && height >= 300 && width <= 8192 && height <= 8192,
    `plotComparison: size ${width} x ${height} is not usable; pass integer width 400-8192 and height 300-8192.`);
  check(result != null && Array.isArray(result.rows) && result.rows.length > 0, 'plotComparison: no rows; pass the result of compareArchitectures.');
  const backend = options.backend ?? result.backends[0];
  const points = result.rows.map((r) => ({ row: r, ms: r.latencyMs[backend] }));
  check(backend !== undefined && points.every((p) => p.ms !== undefined && p.ms > 0),
    `plotComparison: no latency on '${backend}' for every row; use one of the measured backends ${result.backends.join(', ')}.`);
  const title = options.title ?? `Test accuracy vs latency (${backend}, one image); marker area ∝ size on disk`;

  const f = { left: 64, top: 44, width: width - 64 - 16 - KEY_WIDTH, height: height - 44 - 52 };
  const lat = points.map((p) => p.ms!);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...lat) / 1.5));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...lat) * 1.5));
  const acc = result.rows.map((r) => 100 * r.accuracy);
  const yLo = Math.max(0, Math.floor((Math.min(...acc) - 5) / 10) * 10);
  const yHi = Math.min(100, Math.ceil((Math.max(...acc) + 5) / 10) * 10);
  const x = (ms: number) => f.left + ((Math.log10(ms) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * f.width;
  const y = (pct: number) => f.top + (1 - (pct - yLo) / (yHi - yLo)) * f.height;
  const largest = Math.max(...result.rows.map((r) => r.sizeBytes));
  const radius = (bytes: number) => Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(bytes / largest));

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${num(f.left + f.width / 2)}" y="26" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`);
  out.push('<g class="grid" stroke="#e5e5e5" stroke-width="1">');
  const xTicks = logTicks(lo, hi);
  for (const t of xTicks) out.push(`<line x1="${num(x(t))}" y1="${num(f.top)}" x2="${num(x(t))}" y2="${num(f.top + f.height)}"/>`);
  for (let v = yLo; v <= yHi; v += 10) out.push(`<line x1="${num(f.left)}" y1="${num(y(v))}" x2="${num(f.left + f.width)}" y2="${num(y(v))}"/>`);
  out.push('</g>');
  out.push(`<rect class="axes" x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}" fill="none" stroke="#333333"/>`);
  out.push('<g class="tick-labels" fill="#333333">');
  for (const t of xTicks) out.push(`<text x="${num(x(t))}" y="${num(f.top + f.height + 16)}" text-anchor="middle">${tickLabel(t)}</text>`);
  for (let v = yLo; v <= yHi; v += 10) out.push(`<text x="${num(f.left - 6)}" y="${num(y(v) + 4)}" text-anchor="end">${v}</text>`);
  out.push('</g>');
  out.push(`<text x="${num(f.left + f.width / 2)}" y="${num(height - 12)}" text-anchor="middle" font-size="13">latency per image, ms (${escapeXml(backend)}, log scale)</text>`);
  const mid = num(f.top + f.height / 2);
  out.push(`<text x="16" y="${mid}" text-anchor="middle" font-size="13" transform="rotate(-90 16 ${mid})">test accuracy, %</text>`);

  // Largest first, so small markers stay on top and visible.
  const order = points.map((p, i) => ({ ...p, i })).sort((a, b) => b.row.sizeBytes - a.row.sizeBytes);
  out.push('<g class="markers" stroke-width="1">');
  for (const { row, ms, i } of order) {
    const color = DEFAULT_PALETTE[i % DEFAULT_PALETTE.length];
    out.push(`<circle data-name="${escapeXml(row.name)}" data-latency-ms="${ms}" data-accuracy="${row.accuracy}" data-size-bytes="${row.sizeBytes}" ` +
      `cx="${num(x(ms!))}" cy="${num(y(100 * row.accuracy))}" r="${num(radius(row.sizeBytes))}" fill="${color}" fill-opacity="0.45" stroke="${color}"/>`);
  }
  out.push('</g>');
  out.push('<g class="labels" fill="#222222">');
  const placed: Box[] = [];
  for (const { row, ms } of points) {
    const { tx, ty, right } = placeLabel(row.name, x(ms!), y(100 * row.accuracy), radius(row.sizeBytes), f, placed);
    out.push(`<text x="${num(tx)}" y="${num(ty)}" text-anchor="${right ? 'start' : 'end'}">${escapeXml(row.name)}</text>`);
  }
  out.push('</g>');
  out.push(sizeKey(largest, radius, f));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

interface Box { x0: number; x1: number; y0: number; y1: number }
const CHAR_WIDTH = 7;
const LINE = 14;

/**
 * A label beside its marker: right of it if it fits in the frame, else left, on the marker's line or, when
 * that would overlap a label already placed (architectures of similar accuracy and latency), one or two
 * lines below or above; the first free spot wins, the plain one if none is. Pushes the label's box.
 */
function placeLabel(name: string, px: number, py: number, r: number, f: { left: number; top: number; width: number; height: number }, placed: Box[]) {
  const width = name.length * CHAR_WIDTH;
  const gap = Math.min(r, 10) + 4;
  const right = px + r + 4 + width < f.left + f.width;
  const tx = right ? px + gap : px - gap;
  const x0 = right ? tx : tx - width;
  const candidates = [0, LINE, -LINE, 2 * LINE, -2 * LINE].map((dy) => ({ x0, x1: x0 + width, y0: py + dy - 7, y1: py + dy + 7 }));
  const free = candidates.find((b) => b.y0 >= f.top && b.y1 <= f.top + f.height &&
    placed.every((p) => b.x1 <= p.x0 || b.x0 >= p.x1 || b.y1 <= p.y0 || b.y0 >= p.y1)) ?? candidates[0];
  placed.push(free);
  return { tx, ty: free.y0 + 7 + 4, right };
}

/** Reference circles (the largest three of 0.1, 1, 10, 100, 1000 MB up to the largest model), stacked right of the axes. */
function sizeKey(largest: number, radius: (bytes: number) => number, f: { left: number; top: number; width: number; height: number }): string {
  const sizes = [0.1e6, 1e6, 10e6, 100e6, 1000e6].filter((s) => s <= largest).slice(-3);
  if (sizes.length === 0) sizes.push(largest);
  const cx = f.left + f.width + 16 + MAX_RADIUS;
  const out = ['<g class="size-key" fill="#555555">', `<text x="${num(cx)}" y="${num(f.top + 10)}" text-anchor="middle">size on disk</text>`];
  let top = f.top + 24;
  for (const s of [...sizes].reverse()) {
    const r = radius(s);
    out.push(`<circle cx="${num(cx)}" cy="${num(top + r)}" r="${num(r)}" fill="none" stroke="#777777"/>`);
    out.push(`<text x="${num(cx + MAX_RADIUS + 6)}" y="${num(top + r + 4)}">${s >= 1e6 ? `${s / 1e6} MB` : `${s / 1e3} kB`}</text>`);
    top += 2 * r + 12;
  }
  out.push('</g>');
  return out.join('\n');
}
