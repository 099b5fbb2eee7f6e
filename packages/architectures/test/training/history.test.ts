import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, readImage, tf } from '@fovea/core';
import { historyToCsv, writeHistoryCsv, type HistoryRow } from '../../src/training/history.js';
import { PLOT_HEIGHT, PLOT_WIDTH, plotHistory, renderHistoryPng } from '../../src/training/plot.js';

const rows: HistoryRow[] = [
  { epoch: 0, loss: 0.5, acc: 0.8, val_loss: 0.45, val_acc: 0.825, lr: 0.001, seconds: 1.5 },
  { epoch: 1, loss: 1 / 3, acc: 0.9, val_loss: 0.4, val_acc: 0.85, lr: 0.0005, seconds: 1.25 },
];

let dir: string;
beforeAll(async () => {
  await initBackend({ prefer: 'wasm', verbose: false });
  dir = await mkdtemp(path.join(os.tmpdir(), 'fovea-history-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('historyToCsv', () => {
  it('writes a Keras-style header and exact numbers', () => {
    expect(historyToCsv(rows)).toBe(
      'epoch,loss,acc,val_loss,val_acc,lr,seconds\n' +
      '0,0.5,0.8,0.45,0.825,0.001,1.5\n' +
      '1,0.3333333333333333,0.9,0.4,0.85,0.0005,1.25\n');
  });

  it.each<[string, HistoryRow[], string]>([
    ['no validation columns without validation', [{ epoch: 0, loss: 1, acc: 0.5, lr: 0.01, seconds: 2 }], 'epoch,loss,acc,lr,seconds\n0,1,0.5,0.01,2\n'],
    ['NaN accuracy as nan', [{ epoch: 0, loss: 0.25, acc: Number.NaN, lr: 0.1, seconds: 1 }], 'epoch,loss,acc,lr,seconds\n0,0.25,nan,0.1,1\n'],
    ['empty history: header only', [], 'epoch,loss,acc,lr,seconds\n'],
    ['a row missing validation leaves cells empty',
      [{ epoch: 0, loss: 1, acc: 0.5, lr: 0.1, seconds: 1 }, { epoch: 1, loss: 0.5, acc: 0.75, val_loss: 0.6, val_acc: 0.7, lr: 0.1, seconds: 1 }],
      'epoch,loss,acc,val_loss,val_acc,lr,seconds\n0,1,0.5,,,0.1,1\n1,0.5,0.75,0.6,0.7,0.1,1\n'],
  ])('%s', (_, history, want) => {
    expect(historyToCsv(history)).toBe(want);
  });

  it('round-trips through a file', async () => {
    const file = path.join(dir, 'sub', 'history.csv');
    await writeHistoryCsv(rows, file);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.slice(1).map((l) => Number(l.split(',')[1]))).toEqual(rows.map((r) => r.loss));
  });
});

describe('plotHistory', () => {
  it.each<[string, HistoryRow[]]>([
    ['two epochs with validation', rows],
    ['one epoch, no validation', [{ epoch: 0, loss: 0.7, acc: 0.6, lr: 0.001, seconds: 1 }]],
    ['constant curves', [0, 1, 2].map((epoch) => ({ epoch, loss: 0.5, acc: 0.5, lr: 0.1, seconds: 1 }))],
    ['no epochs yet', []],
  ])('renders a decodable PNG of the right size: %s', async (name, history) => {
    const before = tf.memory().numTensors;
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.png`);
    await plotHistory(history, file);
    const image = await readImage(await readFile(file));
    expect(image.shape).toEqual([PLOT_HEIGHT, PLOT_WIDTH, 3]);
    image.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draws the training curve in blue and validation in orange', async () => {
    const image = await readImage(await renderHistoryPng(rows));
    const px = await image.data();
    image.dispose();
    const count = (r: number, g: number, b: number) => {
      let n = 0;
      for (let i = 0; i < px.length; i += 3) if (px[i] === r && px[i + 1] === g && px[i + 2] === b) n++;
      return n;
    };
    expect(count(31, 119, 180)).toBeGreaterThan(500);
    expect(count(255, 127, 14)).toBeGreaterThan(500);
  });
});
