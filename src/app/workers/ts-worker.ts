import { Worker, type WorkerOptions } from 'node:worker_threads';

const TSX_API = import.meta.resolve('tsx/esm/api');

/**
 * Starts a worker thread on a TypeScript module. The server and CLI run the sources through tsx,
 * whose loader does not reach worker threads: on Node 20 `execArgv: ['--import', 'tsx']` still
 * fails with "Unknown file extension .ts", so the thread registers tsx itself, then imports the module.
 */
export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  // An eval'd worker resolves bare names from the working directory: name tsx by its own path.
  const boot = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
