import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoveaError, initBackend, loadModel, tf } from '@fovea/core';
import { train } from '../src/commands/train.js';
import { capture } from './capture.js';

let dir: string;
beforeAll(async () => {
  await initBackend({ prefer: 'wasm', verbose: false });
  dir = await mkdtemp(path.join(os.tmpdir(), 'fovea-cli-train-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = (args: string[]) => capture(train, args);

describe('fovea train', () => {
  it('trains lenet5 on a slice of Fashion-MNIST, then resumes to a second epoch', async () => {
    const before = tf.memory().numTensors;
    const out = path.join(dir, 'lenet5');
    const first = await run(['lenet5', '--dataset', 'fashion-mnist', '--epochs', '1', '--limit', '256', '--out', out, '--seed', '3']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^test accuracy \d+\.\d\d% on 256 test images \(loss \d+\.\d+\)$/m);
    expect(first.stderr).toMatch(/lenet5 \(61,706 trainable params\) on 256 Fashion-MNIST images/);
    expect(first.stderr).toMatch(/^epoch 1\/1 {2}loss \d\.\d{4} {2}acc \d+\.\d\d% {2}val_loss .* ETA 0s$/m);
    for (const file of ['history.csv', 'history.png', 'checkpoint/model.json', 'checkpoint/weights.bin', 'checkpoint/train-state.json', 'model/model.json']) {
      expect(existsSync(path.join(out, file)), file).toBe(true);
    }
    expect(first.stdout).toContain(`curves      ${path.join(out, 'history.png')}`);
    // The saved model takes 0-1 pixels: its first layer standardises them.
    const saved = await loadModel(path.join(out, 'model'));
    expect(saved.layers[1].getClassName()).toBe('Normalization');
    const probs = tf.tidy(() => saved.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor);
    expect(probs.shape).toEqual([2, 10]);
    tf.dispose(probs);
    saved.dispose();

    const second = await run(['lenet5', '--epochs', '2', '--limit', '256', '--out', out, '--seed', '3', '--resume']);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toMatch(/^epoch 1\/2 /m); // epoch 1 came from the checkpoint
    expect(second.stderr).toMatch(/^epoch 2\/2 /m);
    const csv = (await readFile(path.join(out, 'history.csv'), 'utf8')).trim().split('\n');
    expect(csv.map((l) => l.split(',')[0])).toEqual(['epoch', '0', '1']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('usage: fovea train <architecture> --dataset fashion-mnist');
  });

  it.each([
    ['no architecture', ['--epochs', '1']],
    ['an unknown dataset', ['lenet5', '--dataset', 'cifar10']],
    ['a non-numeric epoch count', ['lenet5', '--epochs', 'ten']],
    ['an unknown flag', ['lenet5', '--epoch', '3']],
  ])('rejects %s with E_INVALID_ARGUMENT', async (_, args) => {
    await expect(run(args)).rejects.toSatisfy((e: unknown) => e instanceof FoveaError && e.code === 'E_INVALID_ARGUMENT');
  });
});
