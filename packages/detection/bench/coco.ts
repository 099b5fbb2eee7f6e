// COCO bbox evaluation benchmark: load + evaluate + accumulate + summarize on a synthetic, seeded set
// (5,000 images, ~22,500 ground truths, 500,000 detections, 10 categories), against pycocotools'
// evaluate() + accumulate() in the same run when PYTHONPATH can import it (else its recorded time).
// Run: pnpm exec tsx bench/coco.ts   (PYTHONPATH=/path/to/cocoapi/PythonAPI to measure pycocotools)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '@fovea/core';
import { evaluateCoco, loadCocoJson } from '../src/coco/index.js';

const IMAGES = 5000;
const CATEGORIES = 10;
const DETS_PER_IMAGE = 100;
const RECORDED_PYCOCOTOOLS_S = 13.7;

const r2 = (x: number): number => Math.round(x * 100) / 100;

function synthesize(): { gt: object; dt: object[]; nGt: number } {
  const rand = mulberry32(2024);
  const images = Array.from({ length: IMAGES }, (_, i) => ({ id: i + 1, width: 640, height: 480, file_name: `${i + 1}.jpg` }));
  const categories = Array.from({ length: CATEGORIES }, (_, c) => ({ id: c + 1, name: `class${c + 1}` }));
  const annotations: object[] = [];
  const dt: object[] = [];
  for (const im of images) {
    const boxes: [number, number, number[]][] = [];
    const n = 1 + Math.floor(rand() * 8); // 1..8, mean 4.5
    for (let j = 0; j < n; j++) {
      const side = 8 + rand() ** 2 * 300;
      const w = r2(side * (0.6 + rand() * 0.8));
      const h = r2(side * (0.6 + rand() * 0.8));
      const box = [r2(rand() * (640 - w)), r2(rand() * (480 - h)), w, h];
      const cat = 1 + Math.floor(rand() * CATEGORIES);
      const iscrowd = rand() < 0.01 ? 1 : 0;
      annotations.push({ id: annotations.length + 1, image_id: im.id, category_id: cat, bbox: box, area: r2(w * h), iscrowd });
      boxes.push([cat, iscrowd, box]);
    }
    for (let j = 0; j < DETS_PER_IMAGE; j++) {
      let cat = 1 + Math.floor(rand() * CATEGORIES);
      let box: number[];
      if (j < boxes.length * 6) {
        // Detector-like: several jittered boxes per object, mostly of the right class.
        const [c, , g] = boxes[j % boxes.length];
        if (rand() < 0.9) cat = c;
        const s = 0.25 * rand();
        box = [r2(g[0] + (rand() - 0.5) * s * g[2]), r2(g[1] + (rand() - 0.5) * s * g[3]), r2(g[2] * (1 + (rand() - 0.5) * s)), r2(g[3] * (1 + (rand() - 0.5) * s))];
      } else {
        const w = r2(10 + rand() * 200);
        const h = r2(10 + rand() * 200);
        box = [r2(rand() * (640 - w)), r2(rand() * (480 - h)), w, h];
      }
      dt.push({ image_id: im.id, category_id: cat, bbox: box, score: Math.round(rand() * 1e4) / 1e4 });
    }
  }
  return { gt: { images, annotations, categories }, dt, nGt: annotations.length };
}

const PY = String.raw`
import json, sys, time, io, contextlib, types
import numpy as np
if 'float' not in np.__dict__: np.float = float
try:
    import matplotlib
except ImportError:
    for m in ('matplotlib', 'matplotlib.pyplot', 'matplotlib.collections', 'matplotlib.patches'):
        sys.modules[m] = types.ModuleType(m)
    sys.modules['matplotlib.collections'].PatchCollection = None
    sys.modules['matplotlib.patches'].Polygon = None
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
with contextlib.redirect_stdout(io.StringIO()):
    t0 = time.perf_counter()
    gt = COCO(sys.argv[1]); dt = gt.loadRes(sys.argv[2])
    t1 = time.perf_counter()
    e = COCOeval(gt, dt, 'bbox'); e.evaluate(); e.accumulate()
    t2 = time.perf_counter()
    e.summarize()
print(json.dumps({'load': t1 - t0, 'evalAcc': t2 - t1, 'stats': [float(s) for s in e.stats]}))
`;

function pycocotools(gtPath: string, dtPath: string): { load: number; evalAcc: number; stats: number[] } | null {
  if (!process.env.PYTHONPATH) return null;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import pycocotools.cocoeval'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const script = join(tmpdir(), 'fovea-coco-bench.py');
  writeFileSync(script, PY);
  const run = spawnSync('/usr/bin/python3', [script, gtPath, dtPath], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`pycocotools failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'fovea-coco-bench');
  mkdirSync(dir, { recursive: true });
  const { gt, dt, nGt } = synthesize();
  const gtPath = join(dir, 'gt.json');
  const dtPath = join(dir, 'dt.json');
  writeFileSync(gtPath, JSON.stringify(gt));
  writeFileSync(dtPath, JSON.stringify(dt));
  console.log(`COCO bbox eval: ${IMAGES} images, ${nGt} ground truths, ${dt.length} detections, ${CATEGORIES} categories`);

  const times: number[] = [];
  let stats: number[] = [];
  let parts = '';
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    const g = await loadCocoJson(gtPath, 'dataset');
    const d = await loadCocoJson(dtPath, 'results');
    const t1 = performance.now();
    const ev = evaluateCoco(g, d, { iouType: 'bbox' });
    const t2 = performance.now();
    if (run > 0) times.push(t2 - t0); // run 0 warms the JIT
    stats = ev.stats;
    parts = `load ${(t1 - t0).toFixed(0)} ms + evaluate ${(t2 - t1).toFixed(0)} ms`;
  }
  times.sort((a, b) => a - b);
  const fovea = times[1] / 1000;
  const py = pycocotools(gtPath, dtPath);
  const ref = py ? py.evalAcc : RECORDED_PYCOCOTOOLS_S;
  const source = py ? `measured now (its load: ${py.load.toFixed(2)} s more)` : 'recorded figure (set PYTHONPATH to measure)';
  console.log(`fovea evaluateCoco, load included : ${fovea.toFixed(3)} s (median of 3; last run: ${parts})`);
  console.log(`pycocotools evaluate+accumulate   : ${ref.toFixed(3)} s, ${source}`);
  console.log(`speed-up                          : ${(ref / fovea).toFixed(1)}x (target >= 10x)`);
  if (py) {
    const same = py.stats.every((s, i) => Object.is(s, stats[i]));
    const worst = Math.max(...py.stats.map((s, i) => Math.abs(s - stats[i])));
    console.log(`stats vs pycocotools              : ${same ? 'bit-identical' : 'DIFFERENT'} (worst |diff| ${worst})`);
  }
  console.log(stats.map((s) => s.toFixed(4)).join(' '));
}

await main();
