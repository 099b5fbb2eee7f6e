import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FoveaError, initBackend, type BackendName } from '@fovea/core';
import {
  DEFAULT_COMPARE_BUDGET, DEFAULT_COMPARE_NAMES, compareArchitectures, comparisonTable, plotComparison, type CompareArchitecturesOptions, type CompareProgress,
} from '@fovea/architectures';
import { parseArgs, rejectUnknown, type ParsedArgs } from '../args.js';

const ARCH_USAGE = `usage: fovea bench architectures [--names a,b] [--epochs 2] [--seconds 75] [--samples 2500] [--out dir]

Trains each architecture, scaled down for 32x32 grey images, from scratch on the same Fashion-MNIST subset under
the same budget, then writes a markdown table (test accuracy, parameters, size on disk, FLOPs, latency per image on
each available backend) and a scatter plot (accuracy vs latency, marker area by size) as SVG and PNG. With the
defaults the twelve architectures take about 15 minutes on two cores.

options:
  --names a,b          registry names (default one per family: ${DEFAULT_COMPARE_NAMES.join(', ')})
  --epochs N           epochs over the training subset
  --seconds S          training seconds per architecture (with --epochs: whichever ends first); without either
                       flag: ${DEFAULT_COMPARE_BUDGET.epochs} epochs or ${DEFAULT_COMPARE_BUDGET.seconds} s, whichever ends first
  --samples N          training images (default 2500)
  --test-samples N     test images (default 1000)
  --input 32|28        image side: the 28x28 images zero-padded to 32x32 (default) or as they are; an
                       architecture that needs more (AlexNet 67, most others 32) gets them upsampled
  --batch-size N       default 32
  --lr X               Adam's peak learning rate, cosine-annealed per epoch (default 3e-3)
  --backends a,b       latency backends among tensorflow, wasm, cpu (default every one that starts)
  --latency-runs N     timed single-image runs per backend, median reported (default 10)
  --out DIR            where architectures.{md,json,svg,png} go (default runs/bench-architectures)
  --threads N          wasm threads (default 1)`;
const USAGE = `usage: fovea bench <benchmark> [options]\n\nbenchmarks:\n  architectures   compare the architectures trained under one budget\n\n${ARCH_USAGE}`;
const KNOWN = ['names', 'epochs', 'seconds', 'samples', 'test-samples', 'input', 'batch-size', 'lr', 'backends', 'latency-runs', 'out', 'threads', 'help'];

/** `fovea bench architectures [...]`: the architecture comparison; exit 0, or 2 with the message on bad input. */
export async function bench(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === undefined || kind === '--help' || kind === '-h') {
    console.log(USAGE);
    return kind === undefined ? 2 : 0;
  }
  if (kind !== 'architectures') throw new FoveaError('E_INVALID_ARGUMENT', `unknown benchmark '${kind}'\n\n${USAGE}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(ARCH_USAGE);
    return 0;
  }
  return benchArchitectures(parseArgs(rest, ['help']));
}

async function benchArchitectures(parsed: ParsedArgs): Promise<number> {
  rejectUnknown(parsed, KNOWN, ARCH_USAGE);
  if (parsed.positional.length > 0) throw bad(`unexpected argument '${parsed.positional[0]}'`);
  const int = (name: string) => number(parsed, name, true);
  const seconds = number(parsed, 'seconds', false);
  const epochs = int('epochs');
  const side = int('input') ?? 32;
  if (side !== 28 && side !== 32) throw bad(`--input ${side}: use 32 (framed) or 28`);
  const options: CompareArchitecturesOptions = {
    names: list(parsed, 'names'),
    budget: epochs === undefined && seconds === undefined ? undefined : stripUndefined({ epochs, seconds }),
    inputShape: [side, side, 1],
    samples: int('samples'),
    testSamples: int('test-samples'),
    batchSize: int('batch-size'),
    learningRate: number(parsed, 'lr', false),
    backends: list(parsed, 'backends') as BackendName[] | undefined,
    latencyRuns: int('latency-runs'),
    onProgress: progressPrinter(),
  };
  const out = (parsed.flags.get('out') as string | undefined) ?? path.join('runs', 'bench-architectures');
  await initBackend({ threads: int('threads') ?? 1 });
  const started = performance.now();
  const result = await compareArchitectures(stripUndefined(options));
  await mkdir(out, { recursive: true });
  const table = comparisonTable(result);
  const files = {
    table: path.join(out, 'architectures.md'),
    json: path.join(out, 'architectures.json'),
    svg: path.join(out, 'architectures.svg'),
    png: path.join(out, 'architectures.png'),
  };
  await writeFile(files.table, table);
  await writeFile(files.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(files.svg, plotComparison(result));
  await writeFile(files.png, await plotComparison(result, { format: 'png' }));
  console.log(table);
  console.log(`table  ${files.table}\njson   ${files.json}\nplot   ${files.svg}\n       ${files.png}`);
  process.stderr.write(`fovea bench architectures: ${result.rows.length} architectures in ${duration((performance.now() - started) / 1000)}\n`);
  return 0;
}

function bad(message: string): FoveaError {
  return new FoveaError('E_INVALID_ARGUMENT', `${message}\n\n${ARCH_USAGE}`);
}

function number(parsed: ParsedArgs, name: string, integer: boolean): number | undefined {
  const raw = parsed.flags.get(name);
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw bad(`--${name} ${raw === true ? '' : raw} is not a positive ${integer ? 'integer' : 'number'}`);
  }
  return v;
}

function list(parsed: ParsedArgs, name: string): string[] | undefined {
  const raw = parsed.flags.get(name);
  if (raw === undefined) return undefined;
  const items = String(raw).split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw bad(`--${name} is empty`);
  return items;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Progress on stderr: one line as each architecture starts, every 5 s while it trains, and when it is done. */
function progressPrinter(): (e: CompareProgress) => void {
  let last = 0;
  let started = 0;
  return (e) => {
    const head = `[${e.index + 1}/${e.total}] ${e.name}`;
    const now = performance.now();
    if (e.stage === 'train' && e.samplesSeen === 0) {
      started = now;
      last = now;
      process.stderr.write(`${head}: training\n`);
    } else if (e.stage === 'train' && now - last >= 5000) {
      last = now;
      process.stderr.write(`${head}: ${e.samplesSeen} images seen, loss ${e.loss?.toFixed(4)}, acc ${pct(e.acc)}\n`);
    } else if (e.stage === 'evaluate' || e.stage === 'measure') {
      process.stderr.write(`${head}: ${e.stage === 'evaluate' ? 'testing' : 'timing'}\n`);
    } else if (e.stage === 'done' && e.row) {
      const r = e.row;
      const latency = Object.entries(r.latencyMs).map(([b, ms]) => `${b} ${ms!.toFixed(1)} ms`).join(', ');
      process.stderr.write(`${head}: test acc ${pct(r.accuracy)}, ${r.params.toLocaleString('en-US')} params, ${(r.sizeBytes / 1e6).toFixed(2)} MB, ` +
        `${(r.flops / 1e6).toFixed(1)} MFLOPs, ${latency} (${duration((now - started) / 1000)})\n`);
    }
  };
}

function pct(x: number | undefined): string {
  return x === undefined || Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`;
}

function duration(s: number): string {
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s - 60 * m)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
