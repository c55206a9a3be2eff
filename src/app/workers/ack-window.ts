import type { MessagePort, Worker } from 'node:worker_threads';

interface Ack {
  type: 'ack';
  bytes: ArrayBuffer;
}

/**
 * Flow control for a thread that sends packed buffers to its parent: at most `size` of them wait
 * unacknowledged, and each acknowledgement (`giveBack`) returns its buffer, into `spare`, to be
 * packed again.
 */
export function ackWindow(port: MessagePort, size: number) {
  let unacknowledged = 0;
  let wake: (() => void) | undefined;
  const spare: ArrayBuffer[] = [];
  port.on('message', (m: Ack | { type: string }) => {
    if (m.type !== 'ack') return;
    spare.push((m as Ack).bytes);
    unacknowledged--;
    wake?.();
  });
  return {
    spare,
    /** Posts `message`, handing `bytes` over with it, and waits while the window is full. */
    async send(message: unknown, bytes: ArrayBuffer): Promise<void> {
      port.postMessage(message, [bytes]);
      unacknowledged++;
      while (unacknowledged >= size) await new Promise<void>((r) => (wake = r));
    },
  };
}

/** Acknowledges a buffer the thread sent (see `ackWindow`) once nothing read from it is needed, handing it back. */
export function giveBack(worker: Worker, bytes: ArrayBuffer): void {
  worker.postMessage({ type: 'ack', bytes } satisfies Ack, [bytes]);
}
