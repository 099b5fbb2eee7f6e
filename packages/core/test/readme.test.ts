// Every README example that documents its output (`// prints: ...`) runs against the sources and prints exactly
// that. (The first ```js example runs from the packed tarball in package.test.ts; the augmentation example in
// test/augment/readme.test.ts.)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((e) => e.includes('// prints: '));
const scripts: URL[] = [];

beforeAll(async () => {
  await initBackend({ verbose: false });
});
afterAll(() => scripts.forEach((s) => rmSync(s, { force: true })));

describe('README examples', () => {
  it('document their output in every area (boxes, masks, detections, datasets, memory, synthetic data, drawing)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it.each(examples.map((e, i) => [i, e.split('\n')[0], e] as const))('example %i (%s) prints what it says', async (i, _, example) => {
    const script = new URL(`./.readme-example-${i}.tmp.ts`, import.meta.url);
    scripts.push(script);
    const entry = fileURLToPath(new URL('../src/index.js', import.meta.url));
    writeFileSync(script, example.replace(`from '@fovea/core'`, `from ${JSON.stringify(entry)}`));
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
    const before = tf.memory().numTensors;
    try {
      await import(/* @vite-ignore */ script.href);
    } finally {
      spy.mockRestore();
    }
    const documented = [...example.matchAll(/\/\/ prints: (.*)/g)].map((m) => m[1]);
    expect(printed).toEqual(documented);
    expect(tf.memory().numTensors).toBe(before);
  });
});
