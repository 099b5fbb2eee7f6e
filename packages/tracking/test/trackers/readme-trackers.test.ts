// The README's tracker example (the ```js block under "## Trackers") runs and prints what it says.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const script = new URL('./.readme-trackers-example.ts', import.meta.url);

afterAll(() => rmSync(script, { force: true }));

describe('README tracker example', () => {
  it('runs and prints the documented output', async () => {
    const section = readme.slice(readme.indexOf('## Trackers'));
    const example = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example, 'README.md needs a ```js example under ## Trackers').toBeDefined();
    const entry = fileURLToPath(new URL('../../src/index.js', import.meta.url));
    writeFileSync(script, example!.replace(`from '@fovea/tracking'`, `from ${JSON.stringify(entry)}`));
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    try {
      await import(/* @vite-ignore */ script.href);
    } finally {
      spy.mockRestore();
    }
    const documented = [...example!.matchAll(/\/\/ prints: (.*)/g)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(0);
    expect(printed).toEqual(documented);
  });
});
