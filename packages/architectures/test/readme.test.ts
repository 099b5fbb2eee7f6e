// The README's example runs as written, against this package's sources, and prints what the README says.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.resolve(pkgDir, '../../node_modules/.bin/tsx');

describe('README', () => {
  it('runs its example and prints the documented output', () => {
    const readme = readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
    const [, code] = /```ts\n([\s\S]*?)```/.exec(readme) ?? [];
    const [, printed] = /prints[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme) ?? [];
    expect(code).toBeDefined();
    // Inside the package so that '@fovea/architectures' resolves to itself (package self-reference).
    const file = path.join(pkgDir, 'test', `.readme-example-${process.pid}.ts`);
    writeFileSync(file, code);
    try {
      const out = execFileSync(tsx, ['--conditions', 'source', file], { cwd: pkgDir, encoding: 'utf8', timeout: 120_000 });
      expect(out.trim()).toBe(printed.trim());
    } finally {
      rmSync(file, { force: true });
    }
  }, 150_000);

  // Further examples document their output inline, one `// prints: ` comment per printed line.
  const readme = readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((e) => e.includes('// prints: '));

  it('has examples that document their output inline (backbones)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1);
  });

  it.each(examples.map((e, i) => [i, e] as const))('example %i prints what its `// prints:` comments say', (i, code) => {
    const file = path.join(pkgDir, 'test', `.readme-example-${process.pid}-${i}.ts`);
    writeFileSync(file, code);
    try {
      const out = execFileSync(tsx, ['--conditions', 'source', file], { cwd: pkgDir, encoding: 'utf8', timeout: 120_000 });
      expect(out.trim().split('\n')).toEqual([...code.matchAll(/\/\/ prints: (.*)/g)].map((m) => m[1]));
    } finally {
      rmSync(file, { force: true });
    }
  }, 150_000);
});
