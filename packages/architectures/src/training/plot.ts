import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { encodeImage } from '@fovea/core';
import { GLYPH_HEIGHT, glyphPixels, textWidth } from './font.js';
import type { HistoryRow } from './history.js';

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const AXIS: Rgb = [60, 60, 60];
const GRID: Rgb = [225, 225, 225];
const TRAIN: Rgb = [31, 119, 180];
const VAL: Rgb = [255, 127, 14];

/** Size of the curves image {@link plotHistory} draws: two 500 x 400 panels side by side. */
export const PLOT_WIDTH = 1000;
export const PLOT_HEIGHT = 400;

/** An RGB image being drawn, row-major, 3 bytes per pixel. */
class Canvas {
  readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }

  set(x: number, y: number, c: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels.set(c, (y * this.width + x) * 3);
  }

  rect(x0: number, y0: number, w: number, h: number, c: Rgb): void {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.set(x, y, c);
  }

  /** A line `thickness` pixels wide (square brush), stepped at unit length so it has no gaps. */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    const r = Math.floor(thickness / 2);
    for (let i = 0; i <= steps; i++) {
      const x = Math.round(x0 + ((x1 - x0) * i) / steps);
      const y = Math.round(y0 + ((y1 - y0) * i) / steps);
      this.rect(x - r, y - r, thickness, thickness, c);
    }
  }

  /** `text` with its top-left corner at (x, y), each font pixel `scale` x `scale`. */
  text(text: string, x: number, y: number, c: Rgb, scale = 2): void {
    [...text].forEach((ch, i) => {
      for (const [gx, gy] of glyphPixels(ch)) this.rect(x + (i * 6 + gx) * scale, y + gy * scale, scale, scale, c);
    });
  }
}

/** About five round tick values (1, 2 or 5 times a power of ten) covering [lo, hi], and their labels. */
function ticks(lo: number, hi: number): { value: number; text: string }[] {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  const out: { value: number; text: string }[] = [];
  for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++) out.push({ value: i * step, text: (i * step).toFixed(decimals) });
  return out;
}

interface Series {
  name: string;
  color: Rgb;
  points: [number, number][];
}

function drawPanel(canvas: Canvas, left: number, title: string, series: Series[]): void {
  const panelW = PLOT_WIDTH / 2;
  const box = { x: left + 70, y: 40, w: panelW - 90, h: PLOT_HEIGHT - 90 };
  const all = series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  canvas.text(title, box.x, 12, AXIS);
  if (all.length === 0) return;
  let [x0, x1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let [y0, y1] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  if (x1 - x0 < 1) [x0, x1] = [x0 - 0.5, x1 + 0.5];
  const pad = y1 - y0 > 0 ? (y1 - y0) * 0.05 : Math.max(Math.abs(y0) * 0.05, 0.01);
  [y0, y1] = [y0 - pad, y1 + pad];
  const px = (x: number) => box.x + ((x - x0) / (x1 - x0)) * box.w;
  const py = (y: number) => box.y + box.h - ((y - y0) / (y1 - y0)) * box.h;
  for (const { value, text } of ticks(y0, y1)) {
    const y = Math.round(py(value));
    canvas.line(box.x, y, box.x + box.w, y, GRID);
    canvas.text(text, box.x - 8 - textWidth(text, 2), y - GLYPH_HEIGHT, AXIS);
  }
  for (const { value } of ticks(x0, x1).filter((t) => Number.isInteger(t.value))) {
    const x = Math.round(px(value));
    canvas.line(x, box.y + box.h, x, box.y + box.h + 5, AXIS);
    const text = String(value);
    canvas.text(text, x - textWidth(text, 2) / 2, box.y + box.h + 10, AXIS);
  }
  canvas.line(box.x, box.y, box.x, box.y + box.h, AXIS);
  canvas.line(box.x, box.y + box.h, box.x + box.w, box.y + box.h, AXIS);
  canvas.text('epoch', box.x + box.w / 2 - textWidth('epoch', 2) / 2, box.y + box.h + 32, AXIS);
  for (const s of series) {
    const pts = s.points.filter(([, y]) => Number.isFinite(y)).map(([x, y]): [number, number] => [px(x), py(y)]);
    for (let k = 1; k < pts.length; k++) canvas.line(pts[k - 1][0], pts[k - 1][1], pts[k][0], pts[k][1], s.color, 2);
    for (const [x, y] of pts) canvas.rect(Math.round(x) - 3, Math.round(y) - 3, 7, 7, s.color);
  }
  // Legend in the top margin, right-aligned, so it never hides a curve.
  let lx = box.x + box.w;
  for (const s of [...series].reverse()) {
    lx -= textWidth(s.name, 2) + 38;
    canvas.line(lx, 19, lx + 30, 19, s.color, 3);
    canvas.text(s.name, lx + 38, 12, AXIS);
    lx -= 16;
  }
}

/**
 * Draws the training curves: loss (left) and accuracy (right) against the 1-based epoch, training in blue and
 * validation in orange when the history has it, with axes, grid, tick labels and a legend in Fovea's bitmap
 * font. Pixels are drawn directly (no canvas or SVG renderer), then encoded by `@fovea/core`'s `encodeImage`.
 *
 * @returns PNG bytes of a {@link PLOT_WIDTH} x {@link PLOT_HEIGHT} RGB image.
 */
export async function renderHistoryPng(rows: readonly HistoryRow[]): Promise<Uint8Array> {
  const canvas = new Canvas(PLOT_WIDTH, PLOT_HEIGHT);
  canvas.rect(0, 0, PLOT_WIDTH, PLOT_HEIGHT, WHITE);
  const curve = (key: keyof HistoryRow) =>
    rows.filter((r) => r[key] !== undefined).map((r): [number, number] => [r.epoch + 1, r[key] as number]);
  const hasVal = rows.some((r) => r.val_loss !== undefined);
  const panel = (train: keyof HistoryRow, val: keyof HistoryRow): Series[] => [
    { name: 'train', color: TRAIN, points: curve(train) },
    ...(hasVal ? [{ name: 'val', color: VAL, points: curve(val) }] : []),
  ];
  drawPanel(canvas, 0, 'loss', panel('loss', 'val_loss'));
  drawPanel(canvas, PLOT_WIDTH / 2, 'accuracy', panel('acc', 'val_acc'));
  const image = tf.tensor3d(Int32Array.from(canvas.pixels), [PLOT_HEIGHT, PLOT_WIDTH, 3], 'int32');
  try {
    return await encodeImage(image, 'png');
  } finally {
    image.dispose();
  }
}

/** Writes {@link renderHistoryPng} to `file`, creating its directory. */
export async function plotHistory(rows: readonly HistoryRow[], file: string): Promise<void> {
  const png = await renderHistoryPng(rows);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, png);
}
