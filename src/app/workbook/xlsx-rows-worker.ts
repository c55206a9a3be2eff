import { parentPort, workerData } from 'node:worker_threads';
import { BatchPacker } from '../ledger/import/packed-batch.ts';
import { ackWindow } from '../workers/ack-window.ts';
import { ROWS_PER_MESSAGE, type XlsxWorkerData, type XlsxWorkerMessage } from './xlsx-rows-on-thread.ts';
import { readXlsxRows } from './xlsx-rows.ts';

/**
 * The thread that inflates and parses a worksheet for `readXlsxRowsOnThread`. Rows go out packed
 * (see packed-batch.ts), some thousand at a time, each as its row number, its cell count and its
 * cells. At most three messages wait unacknowledged, so the parse never runs far ahead of the
 * reader and memory stays flat; each buffer comes back with its acknowledgement, to be packed again.
 */
const { file } = workerData as XlsxWorkerData;
const port = parentPort!;
const flow = ackWindow(port, 3);

let bytesRead = 0;
// Rows vary in width: each is put value by value (row number, cell count, cells), not as a fixed-width row.
const packer = new BatchPacker(0, 1 << 18, flow.spare);
let packed = 0;
const send = async () => {
  const batch = packer.take();
  packed = 0;
  const sent = bytesRead;
  bytesRead = 0;
  await flow.send({ type: 'rows', batch, bytesRead: sent } satisfies XlsxWorkerMessage, batch.bytes);
};

try {
  for await (const chunk of readXlsxRows(file, (n) => (bytesRead += n))) {
    for (const { row, cells } of chunk) {
      packer.put(row);
      packer.put(cells.length);
      for (const c of cells) packer.put(c);
      packed++;
    }
    if (packed >= ROWS_PER_MESSAGE) await send();
  }
  if (packed) await send();
  port.postMessage({ type: 'end', bytesRead } satisfies XlsxWorkerMessage);
} catch (e) {
  port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies XlsxWorkerMessage);
}
