import { rleIou, type RleInput } from '@fovea/core';
import type { GroupIou } from './match.js';
import type { AnnTable } from './tables.js';

/**
 * Box IoU of one image-category group, as pycocotools' C `bbIou` in double precision: boxes
 * `[x, y, w, h]`; 0 unless the boxes overlap with positive width and height; for a crowd ground truth
 * the intersection is divided by the detection's area instead of the union.
 */
export function boxGroupIou(gt: AnnTable, dt: AnnTable): GroupIou {
  const gb = gt.box;
  const db = dt.box;
  return (dRows, d0, D, gRows, g0, G, out) => {
    for (let g = 0; g < G; g++) {
      const gr = 4 * gRows[g0 + g];
      const gx = gb[gr];
      const gy = gb[gr + 1];
      const gw = gb[gr + 2];
      const gh = gb[gr + 3];
      const ga = gw * gh;
      const crowd = gt.crowd[gRows[g0 + g]] === 1;
      for (let d = 0; d < D; d++) {
        const dr = 4 * dRows[d0 + d];
        const dx = db[dr];
        const dy = db[dr + 1];
        const dw = db[dr + 2];
        const dh = db[dr + 3];
        let v = 0;
        const w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
        if (w > 0) {
          const h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
          if (h > 0) {
            const i = w * h;
            const da = dw * dh;
            v = i / (crowd ? da : da + ga - i);
          }
        }
        out[d * G + g] = v;
      }
    }
  };
}

/**
 * Mask IoU of one group with core's {@link rleIou} (pycocotools' `rleIou`, crowd rule included).
 * `gtRle(row)` / `dtRle(row)` give each row's mask (converted once, on first use).
 */
export function maskGroupIou(gt: AnnTable, gtRle: (row: number) => RleInput, dtRle: (row: number) => RleInput): GroupIou {
  return (dRows, d0, D, gRows, g0, G, out) => {
    const d = Array.from(dRows.subarray(d0, d0 + D), dtRle);
    const g = Array.from(gRows.subarray(g0, g0 + G), gtRle);
    const crowd = Array.from(gRows.subarray(g0, g0 + G), (row) => gt.crowd[row]);
    out.set(rleIou(d, g, crowd));
  };
}
