import type { MessagePort } from 'node:worker_threads';

/**
 * Flow control for a thread that sends packed buffers to its parent: at most `size` of them wait
 * unacknowledged, and each acknowledgement (`{ type: 'ack', bytes }`) gives its buffer back, into
 * `spare`, to be packed again.
 */
export function ackWindow(port: MessagePort, size: number) {
  let unacknowledged = 0;
  let wake: (() => void) | undefined;
  const spare: ArrayBuffer[] = [];
  port.on('message', (m: { type: string; bytes?: ArrayBuffer }) => {
    if (m.type !== 'ack') return;
    if (m.bytes) spare.push(m.bytes);
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
