import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The "## Augmentation" section of packages/core/README.md carries a ```ts example whose
// console.log lines end with `// <expected output>`; this runs it against the sources.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = /^## Augmentation\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
const block = section && /```ts\n([\s\S]*?)```/.exec(section)?.[1];
const scratch = new URL('./.readme-example.tmp.ts', import.meta.url);

afterAll(() => rmSync(scratch, { force: true }));

describe('README augmentation example', () => {
  it.skipIf(!block)('prints what its comments say', async () => {
    const source = block!.replace(/from '@fovea\/core'/g, `from '${fileURLToPath(new URL('../../src/index.ts', import.meta.url))}'`);
    const expected = block!
      .split('\n')
      .filter((line) => line.includes('console.log(') && line.includes('// '))
      .map((line) => line.slice(line.lastIndexOf('// ') + 3).trim());
    expect(expected.length).toBeGreaterThan(0);
    writeFileSync(scratch, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ scratch.href);
      expect(log.mock.calls.map((args) => args.join(' '))).toEqual(expected);
    } finally {
      log.mockRestore();
    }
  }, 60_000);
});
