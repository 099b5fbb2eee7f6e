/**
 * Shapes of the synthetic datasets and their rasterisation: a pixel (x, y) belongs to a shape when
 * its centre (x + 0.5, y + 0.5) lies inside it. Polygons use the even-odd rule with half-open
 * spans; ellipses include their boundary.
 */

/** Every shape the synthetic datasets can draw; `classes` options pick from these. */
export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'star', 'hexagon', 'ellipse', 'diamond', 'cross'] as const;

/** A shape name, one of {@link SHAPE_CLASSES}. */
export type ShapeClass = (typeof SHAPE_CLASSES)[number];

/** A shape placed in an image, in pixels. `r` is the circumradius (half the size). */
export interface Shape {
  kind: ShapeClass;
  cx: number;
  cy: number;
  r: number;
  /** Rotation in radians; positive turns clockwise on screen (image y points down). */
  angle: number;
  /** Polygon vertices x0, y0, x1, y1, ... (absent for circles and ellipses). */
  polygon?: Float64Array;
  /** Ellipse semi-axes along the rotated x and y axes (absent for polygons). */
  axes?: [a: number, b: number];
}

/** Vertices of a shape of circumradius 1, unrotated, as [angle, radius] pairs. */
function outline(kind: ShapeClass): Array<[number, number]> {
  const ring = (n: number, start: number, radius = (_: number) => 1) =>
    Array.from({ length: n }, (_, i) => [start + (2 * Math.PI * i) / n, radius(i)] as [number, number]);
  switch (kind) {
    case 'square':
      return ring(4, Math.PI / 4);
    case 'triangle':
      return ring(3, -Math.PI / 2);
    case 'star':
      return ring(10, -Math.PI / 2, (i) => (i % 2 === 0 ? 1 : 0.45));
    case 'hexagon':
      return ring(6, 0);
    case 'diamond':
      return ring(4, 0, (i) => (i % 2 === 0 ? 0.6 : 1));
    case 'cross': {
      // A plus sign with arms of half-width w and length 1, scaled so its arm corners (the
      // farthest points) lie on the unit circle.
      const w = 0.34;
      const far = Math.hypot(1, w);
      const pts: Array<[number, number]> = [];
      const corner = Math.atan2(w, 1);
      for (let k = 0; k < 4; k++) {
        const base = (k * Math.PI) / 2;
        pts.push([base - corner, 1], [base + corner, 1], [base + Math.PI / 4, (w * Math.SQRT2) / far]);
      }
      return pts;
    }
    default:
      return [];
  }
}

/**
 * Builds a shape of `kind` centred at (cx, cy) with circumradius `r` pixels, rotated by `angle`.
 * `aspect` (0-1) is the minor/major axis ratio of an ellipse and ignored by other shapes.
 */
export function makeShape(kind: ShapeClass, cx: number, cy: number, r: number, angle: number, aspect = 0.6): Shape {
  if (kind === 'circle' || kind === 'ellipse') {
    return { kind, cx, cy, r, angle, axes: [r, kind === 'circle' ? r : r * aspect] };
  }
  const pts = outline(kind);
  const polygon = new Float64Array(pts.length * 2);
  pts.forEach(([a, rad], i) => {
    polygon[2 * i] = cx + r * rad * Math.cos(a + angle);
    polygon[2 * i + 1] = cy + r * rad * Math.sin(a + angle);
  });
  return { kind, cx, cy, r, angle, polygon };
}

/** Pixel bounds a shape may touch (unclipped): rows y0 <= y < y1, columns x0 <= x < x1. */
export function shapeBounds(s: Shape): [x0: number, y0: number, x1: number, y1: number] {
  return [Math.floor(s.cx - s.r) - 1, Math.floor(s.cy - s.r) - 1, Math.ceil(s.cx + s.r) + 1, Math.ceil(s.cy + s.r) + 1];
}

/**
 * Calls `fill(x0, x1)` for each run of pixels of row `y` inside the shape, columns x0 <= x < x1,
 * unclipped (they may be negative or beyond the image). `xs` is scratch space.
 */
export function rowSpans(s: Shape, y: number, xs: number[], fill: (x0: number, x1: number) => void): void {
  const yc = y + 0.5;
  if (s.axes) {
    // Solve A dx^2 + B dx + C <= 0 for the rotated ellipse at this row.
    const [a, b] = s.axes;
    const c = Math.cos(s.angle);
    const n = Math.sin(s.angle);
    const dy = yc - s.cy;
    const A = (c * c) / (a * a) + (n * n) / (b * b);
    const B = 2 * dy * c * n * (1 / (a * a) - 1 / (b * b));
    const C = dy * dy * ((n * n) / (a * a) + (c * c) / (b * b)) - 1;
    const disc = B * B - 4 * A * C;
    if (disc < 0) return;
    const root = Math.sqrt(disc);
    const lo = s.cx + (-B - root) / (2 * A);
    const hi = s.cx + (-B + root) / (2 * A);
    const x0 = Math.ceil(lo - 0.5);
    const x1 = Math.floor(hi - 0.5) + 1;
    if (x1 > x0) fill(x0, x1);
    return;
  }
  const p = s.polygon!;
  const n = p.length / 2;
  xs.length = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const yi = p[2 * i + 1];
    const yj = p[2 * j + 1];
    if (yi <= yc !== yj <= yc) xs.push(p[2 * i] + ((yc - yi) * (p[2 * j] - p[2 * i])) / (yj - yi));
  }
  xs.sort((u, v) => u - v);
  for (let k = 0; k + 1 < xs.length; k += 2) {
    // Centres x + 0.5 in [xs[k], xs[k + 1]).
    const x0 = Math.ceil(xs[k] - 0.5);
    const x1 = Math.ceil(xs[k + 1] - 0.5);
    if (x1 > x0) fill(x0, x1);
  }
}

/**
 * Whether the shape covers the pixel centre (x + 0.5, y + 0.5): the slow, per-point definition
 * {@link rowSpans} must agree with (used by tests).
 */
export function shapeContains(s: Shape, x: number, y: number): boolean {
  const px = x + 0.5;
  const py = y + 0.5;
  if (s.axes) {
    const c = Math.cos(s.angle);
    const n = Math.sin(s.angle);
    const u = (px - s.cx) * c + (py - s.cy) * n;
    const v = -(px - s.cx) * n + (py - s.cy) * c;
    return (u / s.axes[0]) ** 2 + (v / s.axes[1]) ** 2 <= 1;
  }
  // Even-odd crossings of a ray towards +x; a crossing exactly at px counts (half-open spans).
  const p = s.polygon!;
  const n = p.length / 2;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const yi = p[2 * i + 1];
    const yj = p[2 * j + 1];
    if (yi <= py !== yj <= py) {
      const xCross = p[2 * i] + ((py - yi) * (p[2 * j] - p[2 * i])) / (yj - yi);
      if (px < xCross) inside = !inside;
    }
  }
  return inside;
}
