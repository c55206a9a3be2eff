import type { Worker } from 'node:worker_threads';

/**
 * The messages a worker thread posts, in order, taken as they come: listening starts at once, so
 * nothing posted before the first read is lost. Reading throws the thread's uncaught error, or says
 * that `name` stopped when the thread exits with nothing more to read.
 */
export function workerMessages<M>(worker: Worker, name: string): AsyncIterable<M> {
  const queue: M[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let exited = false;
  worker.on('message', (m: M) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (!queue.length) {
          if (failure) throw failure;
          if (exited) throw new Error(`the ${name} stopped unexpectedly`);
          await new Promise<void>((r) => (wake = r));
        }
        yield queue.shift()!;
      }
    },
  };
}
