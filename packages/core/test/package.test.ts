// Installing @fovea/core alone works: pack it as it would be published, install the tarball with npm into an
// empty folder, and run the README's example there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'fovea-pack-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The README's first ```js block: the example a user copies. */
function readmeExample(readme: string): string {
  const match = /```js\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no ```js example block');
  return match[1];
}

describe('@fovea/core as a published package', () => {
  it('packs, installs with npm into an empty folder, and runs the README example', () => {
    expect(existsSync(path.join(pkgDir, 'dist/index.js')), 'run `pnpm build` first (pnpm test does)').toBe(true);
    execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: pkgDir, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const app = path.join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, tarball!)], {
      cwd: app,
      stdio: 'pipe',
      timeout: 600_000,
    });

    const example = readmeExample(readFileSync(path.join(pkgDir, 'README.md'), 'utf8'));
    writeFileSync(path.join(app, 'example.mjs'), example);
    const out = execFileSync('node', ['example.mjs'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    // The example ends by printing the backend it trained on and the letterboxed shape.
    expect(out).toMatch(/backend: (tensorflow|wasm|cpu)/);
    expect(out).toContain('letterboxed: 640x640x3');
  }, 900_000);
});
