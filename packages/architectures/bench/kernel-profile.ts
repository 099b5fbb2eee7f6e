import * as tf from '@tensorflow/tfjs-core';

/**
 * Wall and CPU time (process-wide, all threads) and calls of one kernel, outermost calls only (a composite's
 * inner kernels count as its own).
 */
export interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
  cpuMs: number;
}

/**
 * Wraps every kernel registered for `backendName` with a timer, so a training step can be split by kernel. wasm
 * kernels run synchronously, so the time around a kernel function is its cost. Nested calls (a composite kernel
 * running other kernels) are charged to the outermost one. Returns a reader and an `uninstall` that restores
 * the original kernel functions.
 */
export function installKernelTimer(backendName: string): { read: () => KernelTime[]; reset: () => void; uninstall: () => void } {
  const times = new Map<string, KernelTime>();
  const originals = tf.getKernelsForBackend(backendName);
  let depth = 0;
  for (const config of originals) {
    const inner = config.kernelFunc;
    const timed: tf.KernelFunc = (args) => {
      if (depth > 0) return inner(args);
      depth++;
      const start = performance.now();
      const cpu = process.cpuUsage();
      try {
        return inner(args);
      } finally {
        const t = times.get(config.kernelName) ?? { kernel: config.kernelName, calls: 0, ms: 0, cpuMs: 0 };
        const used = process.cpuUsage(cpu);
        t.calls++;
        t.ms += performance.now() - start;
        t.cpuMs += (used.user + used.system) / 1000;
        times.set(config.kernelName, t);
        depth--;
      }
    };
    // Keep any marker properties (e.g. @fovea/core's composite-kernel symbol) on the wrapper.
    for (const key of Object.getOwnPropertySymbols(inner)) {
      Object.defineProperty(timed, key, { value: (inner as unknown as Record<symbol, unknown>)[key] });
    }
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({ ...config, kernelFunc: timed });
  }
  return {
    read: () => [...times.values()].sort((a, b) => b.cpuMs - a.cpuMs),
    reset: () => times.clear(),
    uninstall: () => {
      for (const config of originals) {
        tf.unregisterKernel(config.kernelName, backendName);
        tf.registerKernel(config);
      }
    },
  };
}
