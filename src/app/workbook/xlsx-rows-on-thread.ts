import { BatchReader, type PackedBatch } from '../ledger/import/packed-batch.ts';
import { startTsWorker } from '../workers/ts-worker.ts';
import { giveBack } from '../workers/ack-window.ts';
import { workerMessages } from '../workers/worker-messages.ts';
import type { XlsxRow } from './xlsx-rows.ts';

/** What the parsing thread (xlsx-rows-worker.ts) is started with, and what it sends. */
export interface XlsxWorkerData {
  file: string;
}

export type XlsxWorkerMessage =
  | { type: 'rows'; batch: PackedBatch; bytesRead: number }
  | { type: 'end'; bytesRead: number }
  | { type: 'error'; message: string };

/** Rows packed into one message at least (fewer only at the end of the sheet). */
export const ROWS_PER_MESSAGE = 1000;

/**
 * The rows `readXlsxRows` gives, parsed on a thread of their own: inflating and parsing the sheet
 * (about 14 µs a row) then runs beside the validation that reads them instead of before it, and the
 * shared strings live in that thread. An error of the archive is thrown here with the same message;
 * leaving the loop early stops the thread.
 */
export async function* readXlsxRowsOnThread(file: string, onRead: (n: number) => void = () => {}): AsyncGenerator<XlsxRow[]> {
  const worker = startTsWorker(new URL('./xlsx-rows-worker.ts', import.meta.url), {
    workerData: { file } satisfies XlsxWorkerData,
    // The shared strings live here: a workbook holding more than fits is refused, not swapped in.
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 8 },
  });
  const messages = workerMessages<XlsxWorkerMessage>(worker, 'workbook reader');
  try {
    for await (const m of messages) {
      if (m.type === 'error') throw new Error(m.message);
      if (m.bytesRead) onRead(m.bytesRead);
      if (m.type === 'end') return;
      const rows = unpackRows(new BatchReader(m.batch));
      // The cells are copied out: the buffer goes back to be packed again.
      giveBack(worker, m.batch.bytes);
      yield rows;
    }
  } finally {
    await worker.terminate();
  }
}

function unpackRows(r: BatchReader): XlsxRow[] {
  const rows: XlsxRow[] = [];
  while (!r.done) {
    const row = r.next() as number;
    const cells = new Array<string>(r.next() as number);
    for (let i = 0; i < cells.length; i++) cells[i] = r.next() as string;
    rows.push({ row, cells });
  }
  return rows;
}
