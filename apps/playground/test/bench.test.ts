import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoveaError, initBackend, readImage, tf } from '@fovea/core';
import { bench } from '../src/commands/bench.js';
import { capture } from './capture.js';

let dir: string;
beforeAll(async () => {
  await initBackend({ prefer: 'wasm', verbose: false });
  dir = await mkdtemp(path.join(os.tmpdir(), 'fovea-cli-bench-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = (args: string[]) => capture(bench, args);

const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());

describe('fovea bench architectures', () => {
  it('trains two architectures on a tiny subset under the default budget and writes the table, JSON, SVG and PNG', async () => {
    const before = tf.memory().numTensors;
    const out = path.join(dir, 'run');
    const { code, stdout, stderr } = await run([
      'architectures', '--names', 'lenet5,mobilenet_v3_small', '--samples', '64', '--test-samples', '40',
      '--backends', 'wasm,cpu', '--latency-runs', '2', '--out', out,
    ]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const header = lines.find((l) => l.startsWith('| architecture'))!;
    expect(cells(header)).toEqual(['architecture', 'input', 'params', 'size (MB)', 'MFLOPs', 'trained', 'test acc', 'wasm ms/img', 'cpu ms/img', 'scaled-down config']);
    const rows = lines.filter((l) => l.startsWith('| `')).map(cells);
    expect(rows.map((r) => r[0])).toEqual(['`lenet5`', '`mobilenet_v3_small`']);
    expect(rows[0].slice(1, 3)).toEqual(['32x32x1', '91,946']);
    for (const r of rows) {
      expect(r[6]).toMatch(/^\d+\.\d%$/);
      expect(r[7]).toMatch(/^\d+(\.\d+)?$/);
      expect(r[8]).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(stdout).toContain('Fashion-MNIST, 64 training and 40 test images, trained from scratch for 2 epoch(s) or 75 s each on wasm ' +
      '(Adam, batch 32, learning rate 0.003, cosine schedule; BatchNorm statistics re-estimated on 64 training images)');
    expect(stdout).toContain(`plot   ${path.join(out, 'architectures.svg')}`);
    expect(stderr).toMatch(/^\[1\/2\] lenet5: training$/m);
    expect(stderr).toMatch(/^\[2\/2\] mobilenet_v3_small: test acc \d+\.\d%, [\d,]+ params/m);

    const markdown = await readFile(path.join(out, 'architectures.md'), 'utf8');
    expect(stdout.startsWith(markdown)).toBe(true);
    const json = JSON.parse(await readFile(path.join(out, 'architectures.json'), 'utf8'));
    expect(json.rows.map((r: { name: string }) => r.name)).toEqual(['lenet5', 'mobilenet_v3_small']);
    const svg = await readFile(path.join(out, 'architectures.svg'), 'utf8');
    expect(svg.match(/<circle data-name="(\w+)"/g)).toHaveLength(2);
    const png = await readFile(path.join(out, 'architectures.png'));
    const image = await readImage(new Uint8Array(png));
    expect(image.shape).toEqual([520, 800, 3]);
    image.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run(['architectures', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('usage: fovea bench architectures [--names a,b] [--epochs 2] [--seconds 75] [--samples 2500]');
    expect(stdout).toContain('without either\n                       flag: 2 epochs or 75 s, whichever ends first');
  });

  it('an explicit --epochs replaces the whole default budget', async () => {
    const out = path.join(dir, 'epochs');
    const { code, stdout } = await run([
      'architectures', '--names', 'lenet5', '--epochs', '1', '--samples', '32', '--test-samples', '20', '--backends', 'wasm', '--latency-runs', '1', '--out', out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('trained from scratch for 1 epoch(s) each on wasm');
    expect(JSON.parse(await readFile(path.join(out, 'architectures.json'), 'utf8')).budget).toEqual({ epochs: 1 });
  });

  it.each([
    [['gpus'], /unknown benchmark 'gpus'/],
    [['architectures', '--epochs', '0'], /--epochs 0 is not a positive integer/],
    [['architectures', '--samples', 'many'], /--samples many is not a positive integer/],
    [['architectures', '--input', '64'], /--input 64: use 32 \(framed\) or 28/],
    [['architectures', '--colour', 'red'], /unknown option --colour/],
    [['architectures', '--names', 'resnet9'], /Unknown architecture "resnet9"/],
  ])('rejects %j', async (args, message) => {
    const error = await run(args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FoveaError);
    expect((error as FoveaError).message).toMatch(message);
  });
});
