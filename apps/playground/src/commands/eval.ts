import { FoveaError } from '@fovea/core';
import { evaluateCoco, loadCocoJson, type CocoIouType } from '@fovea/detection';
import { parseArgs, rejectUnknown, requireFlag } from '../args.js';

const COCO_USAGE = 'usage: fovea eval coco --gt gt.json --dt results.json [--iou-type bbox|segm] [--json]';
const USAGE = `usage: fovea eval <coco|mot> ...\n  ${COCO_USAGE}`;

/** `fovea eval coco ...`: COCO mAP with pycocotools' semantics. Exit 2 with the message on bad input. */
export async function evaluate(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === 'coco') return evalCoco(rest);
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
