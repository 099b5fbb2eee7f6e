import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { check, FoveaError } from '../errors.js';

// tfjs-backend-wasm 4.22 never uses its threaded build in Node, for three reasons
// this helper works around, all during initialisation only:
// 1. the WASM_HAS_MULTITHREAD_SUPPORT flag is hard-wired to false when IS_NODE;
// 2. it starts pthread workers from a blob: URL, which Node's Worker rejects
//    (ERR_WORKER_PATH), and the workers then load the main script from a Blob too;
// 3. the C++ side caps threads at os.cpus().length / 2 (it assumes
//    hyper-threading), i.e. 1 thread on a 2-vCPU machine.

/** Writes the pthread worker script to a temporary file (Node only) and returns its path. */
async function writeNodeWorkerScript(): Promise<string> {
  const [{ createRequire }, fs, os, path] = await Promise.all([
    import('node:module'), import('node:fs'), import('node:os'), import('node:path'),
  ]);
  const require = createRequire(import.meta.url);
  const wasmOut = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const { wasmWorkerContents } = require(path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const mainScript = path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fovea-wasm-')), 'pthread-worker.cjs');
  // Inside the worker, the main script arrives as a Blob; point it at the same file on disk.
  const prelude = `URL.createObjectURL = () => ${JSON.stringify(mainScript)};\nURL.revokeObjectURL = () => {};\n`;
  // tfjs escapes newlines the same way before turning the contents into a Blob.
  fs.writeFileSync(file, prelude + wasmWorkerContents.replace(/\n/g, '\\n'));
  return file;
}

/**
 * Initialises the tfjs wasm backend with `threads` XNNPACK threads and makes it
 * the active backend. Must be called before the wasm backend initialises (before
 * any `tf.setBackend('wasm')`, `tf.ready()` or op runs on it); throws
 * `E_BACKEND_UNAVAILABLE` otherwise.
 *
 * In Node this loads the threaded-simd build that tfjs-backend-wasm ships but
 * never enables there (pthreads run on `worker_threads`); in browsers the
 * threaded build is used when the page is cross-origin isolated.
 *
 * @param threads Requested thread count, an integer from 1 to 8 (the build's pool size).
 * @returns The thread count XNNPACK actually uses (1 if threads are unavailable).
 */
export async function configureWasmThreads(threads: number): Promise<number> {
  check(Number.isInteger(threads) && threads >= 1 && threads <= 8,
    `configureWasmThreads: threads must be an integer from 1 to 8, got ${threads}`);
  if (tf.engine().registry['wasm'] != null) {
    throw new FoveaError('E_BACKEND_UNAVAILABLE',
      `the wasm backend is already initialised with ${getThreadsCount()} thread(s); ` +
      'call configureWasmThreads before tf.setBackend("wasm"), tf.ready() or any op');
  }
  setThreadsCount(threads);
  if (threads === 1 || !tf.env().getBool('IS_NODE')) {
    if (!(await tf.setBackend('wasm'))) throw new FoveaError('E_BACKEND_UNAVAILABLE', 'the wasm backend failed to initialise');
    return getThreadsCount();
  }

  const workerScript = await writeNodeWorkerScript();
  const os = (await import('node:os')).default;
  const cpus = os.cpus;
  const createObjectURL = URL.createObjectURL;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  // The module reads os.cpus() once at start-up; report two logical CPUs per thread.
  os.cpus = () => Array.from({ length: 2 * threads }, () => cpus.call(os)[0]);
  URL.createObjectURL = () => workerScript; // only the pthread worker script is made into a URL here
  try {
    if (!(await tf.setBackend('wasm'))) throw new FoveaError('E_BACKEND_UNAVAILABLE', 'the threaded wasm backend failed to initialise');
  } finally {
    os.cpus = cpus;
    URL.createObjectURL = createObjectURL;
  }
  return getThreadsCount();
}
