import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { initBackend, resetAnnouncement } from '../../src/backend/init.js';

async function tfjsNodeLoads(): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-node' as string);
    return true;
  } catch {
    return false;
  }
}

const hasTfjsNode = await tfjsNodeLoads();

describe('initBackend', () => {
  afterEach(() => {
    delete process.env.FOVEA_BACKEND;
    vi.restoreAllMocks();
  });

  it('picks tfjs-node when it loads, else wasm, and wasm can train', async () => {
    const info = await initBackend({ verbose: false });
    const expected = hasTfjsNode ? 'tensorflow' : 'wasm';
    expect(info.name).toBe(expected);
    expect(tf.getBackend()).toBe(expected);
    expect(info.version).toBe(tf.version_core);
    expect(info.canTrain).toBe(true);
    if (info.name === 'wasm') {
      expect(info.threads).toBeGreaterThanOrEqual(1);
      expect(typeof info.simd).toBe('boolean');
    }
  });

  it.each(['cpu', 'wasm'] as const)('honours prefer=%s', async (name) => {
    const info = await initBackend({ prefer: name, verbose: false });
    expect(info.name).toBe(name);
    expect(tf.getBackend()).toBe(name);
    expect(info.canTrain).toBe(true);
  });

  it('lets FOVEA_BACKEND override prefer', async () => {
    process.env.FOVEA_BACKEND = 'cpu';
    const info = await initBackend({ prefer: 'wasm', verbose: false });
    expect(info.name).toBe('cpu');
  });

  it('rejects an unknown FOVEA_BACKEND', async () => {
    process.env.FOVEA_BACKEND = 'webgpu';
    await expect(initBackend()).rejects.toMatchObject({ name: 'FoveaError', code: 'E_INVALID_ARGUMENT' });
  });

  it.skipIf(hasTfjsNode)('rejects prefer=tensorflow when tfjs-node cannot load', async () => {
    const error = await initBackend({ prefer: 'tensorflow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FoveaError);
    expect((error as FoveaError).code).toBe('E_BACKEND_UNAVAILABLE');
    expect((error as FoveaError).message).toContain('tensorflow');
  });

  it.skipIf(hasTfjsNode)('says once on stderr which backend it chose and how to add tfjs-node', async () => {
    resetAnnouncement();
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await initBackend();
    await initBackend();
    const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('fovea:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("backend 'wasm'");
    expect(lines[0]).toContain('pnpm add @tensorflow/tfjs-node');
  });
});
