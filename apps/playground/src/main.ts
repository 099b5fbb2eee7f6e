import { FoveaError } from '@fovea/core';
import { bench } from './commands/bench.js';
import { evaluate } from './commands/eval.js';
import { info } from './commands/info.js';
import { train } from './commands/train.js';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = { info, eval: evaluate, train, bench };

// Named in DESIGN.md; each arrives with the issue that builds its package.
const PLANNED = ['detect', 'segment', 'upscale', 'track', 'serve'];

const USAGE = `usage: fovea <command> [options]

commands:
  info [--json]   backend, versions and what is installed
  eval coco --gt gt.json --dt results.json [--iou-type bbox|segm] [--json]
                  COCO mAP, pycocotools' 12-line summary
  train lenet5 --dataset fashion-mnist [--epochs 10] [--batch-size 64] [--lr 2e-3] [--out runs/lenet5] [--resume]
                  train an architecture with progress, checkpoints, curves; Ctrl-C checkpoints and stops
  bench architectures [--names a,b] [--seconds 30 | --epochs 1] [--samples 5000] [--out dir]
                  train each architecture scaled down on Fashion-MNIST; accuracy, size, FLOPs, latency table + plot
  eval mot --gt gt.txt --hyp hyp.txt [--iou-threshold 0.5] [--json]
                  MOT metrics (MOTA, MOTP, IDF1, ...), py-motmetrics' semantics
(planned: ${PLANNED.join(', ')})`;

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 bad usage or bad input. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    const why = PLANNED.includes(name) ? `'${name}' is not built yet` : `unknown command '${name}'`;
    console.error(`fovea: ${why}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof FoveaError) {
      console.error(`fovea ${name}: ${error.message} [${error.code}]`);
      return 2;
    }
    throw error;
  }
}

