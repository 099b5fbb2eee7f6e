// Every README example that documents its output (`// prints: ...`) runs and prints exactly that.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).filter((e) => e.includes('// prints: '));
const scripts: URL[] = [];

afterAll(() => scripts.forEach((s) => rmSync(s, { force: true })));

describe('README examples', () => {
  it('documents at least two examples with their output', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((e, i) => [i, e] as const))('example %i runs and prints the documented output', async (i, example) => {
    const script = new URL(`./.readme-example-${i}.ts`, import.meta.url);
    scripts.push(script);
    const entry = fileURLToPath(new URL('../src/index.js', import.meta.url));
    writeFileSync(script, example.replace(`from '@fovea/tracking'`, `from ${JSON.stringify(entry)}`));

    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    try {
      await import(/* @vite-ignore */ script.href);
    } finally {
      spy.mockRestore();
    }
    const documented = [...example.matchAll(/\/\/ prints: (.*)/g)].map((m) => m[1]);
    expect(printed).toEqual(documented);
  });
});
