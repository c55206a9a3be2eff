import { Worker, type WorkerOptions } from 'node:worker_threads';

const TSX_API = import.meta.resolve('tsx/esm/api');
/** This module runs compiled (bin/build-cli.mjs) when it is itself a .js file; its siblings are then too. */
const COMPILED = import.meta.url.endsWith('.js');

/**
 * Starts a worker thread on a module named by its TypeScript source. Compiled, the thread runs the
 * .js file of the same name with no loader at all. From the sources, the thread registers tsx itself,
 * then imports the module: tsx's loader does not reach worker threads, and on Node 20
 * `execArgv: ['--import', 'tsx']` still fails with "Unknown file extension .ts".
 */
export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (COMPILED) return new Worker(new URL(module.href.replace(/\.ts$/, '.js')), options);
  // An eval'd worker resolves bare names from the working directory: name tsx by its own path.
  const boot = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
