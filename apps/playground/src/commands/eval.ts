import { FoveaError } from '@fovea/core';
import { evaluateCoco, loadCocoJson, type CocoIouType } from '@fovea/detection';
import { evaluateMot, readMotChallenge, type MotMetrics } from '@fovea/tracking';
import { readFile } from 'node:fs/promises';
import { parseArgs, rejectUnknown, requireFlag } from '../args.js';

const COCO_USAGE = 'usage: fovea eval coco --gt gt.json --dt results.json [--iou-type bbox|segm] [--json]';
const MOT_USAGE = 'usage: fovea eval mot --gt gt.txt --hyp hyp.txt [--iou-threshold 0.5] [--json]';
const USAGE = `usage: fovea eval <coco|mot> ...\n  ${COCO_USAGE}\n  ${MOT_USAGE}`;

/**
 * `fovea eval coco ...`: COCO mAP with pycocotools' semantics; `fovea eval mot ...`: MOT metrics with
 * py-motmetrics' semantics. Exit 2 with the message on bad input.
 */
export async function evaluate(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === 'coco') return evalCoco(rest);
  if (kind === 'mot') return evalMot(rest);
  throw new FoveaError('E_INVALID_ARGUMENT', kind === undefined ? USAGE : `unknown evaluation '${kind}'\n${USAGE}`);
}

async function evalCoco(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['json']);
  rejectUnknown(parsed, ['gt', 'dt', 'iou-type', 'json'], COCO_USAGE);
  const iouType = (parsed.flags.get('iou-type') ?? 'bbox') as string;
  if (iouType !== 'bbox' && iouType !== 'segm') {
    throw new FoveaError('E_INVALID_ARGUMENT', `--iou-type must be bbox or segm, got '${iouType}'`);
  }
  const gtPath = requireFlag(parsed, 'gt', COCO_USAGE);
  const dtPath = requireFlag(parsed, 'dt', COCO_USAGE);
  const gt = await loadCocoJson(gtPath, 'dataset');
  const dt = await loadCocoJson(dtPath, 'results');
  const result = evaluateCoco(gt, dt, { iouType: iouType as CocoIouType });
  if (parsed.flags.get('json') === true) {
    const names = new Map(gt.categories.map((c) => [c.id, c.name]));
    const perCategory = result.perCategory.map((c) => ({ ...c, name: names.get(c.categoryId) }));
    console.log(JSON.stringify({ iouType, stats: result.stats, perCategory }, null, 2));
  } else {
    console.log(result.summary());
  }
  return 0;
}

async function evalMot(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['json']);
  rejectUnknown(parsed, ['gt', 'hyp', 'iou-threshold', 'json'], MOT_USAGE);
  const gtPath = requireFlag(parsed, 'gt', MOT_USAGE);
  const hypPath = requireFlag(parsed, 'hyp', MOT_USAGE);
  const iouThreshold = Number(parsed.flags.get('iou-threshold') ?? 0.5);
  if (!(iouThreshold > 0 && iouThreshold <= 1)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `--iou-threshold must be in (0, 1], got '${parsed.flags.get('iou-threshold')}'`);
  }
  // Ground truth rows with confidence 0 are "ignore" rows in MOTChallenge, as py-motmetrics reads them.
  const gt = readMotChallenge(await readText(gtPath), { minConfidence: 1 });
  const hyp = readMotChallenge(await readText(hypPath));
  const m = evaluateMot(gt, hyp, { iouThreshold });
  if (parsed.flags.get('json') === true) console.log(JSON.stringify(m, null, 2));
  else console.log(motTable(m));
  return 0;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FoveaError('E_FILE_NOT_FOUND', `${path} does not exist; pass a MOTChallenge txt file.`);
    throw new FoveaError('E_INVALID_ARGUMENT', `cannot read ${path}: ${(error as Error).message}`);
  }
}

/** py-motmetrics' MOTChallenge summary columns. */
function motTable(m: MotMetrics): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const columns: [string, string][] = [
    ['IDF1', pct(m.idf1)], ['IDP', pct(m.idp)], ['IDR', pct(m.idr)], ['Rcll', pct(m.recall)], ['Prcn', pct(m.precision)],
    ['GT', String(m.numUniqueObjects)], ['MT', String(m.mostlyTracked)], ['PT', String(m.partiallyTracked)],
    ['ML', String(m.mostlyLost)], ['FP', String(m.numFalsePositives)], ['FN', String(m.numMisses)],
    ['IDs', String(m.numSwitches)], ['FM', String(m.numFragmentations)], ['MOTA', pct(m.mota)], ['MOTP', m.motp.toFixed(3)],
  ];
  const widths = columns.map(([h, v]) => Math.max(h.length, v.length));
  return [columns.map(([h], i) => h.padStart(widths[i])).join(' '), columns.map(([, v], i) => v.padStart(widths[i])).join(' ')].join('\n');
}
