import { parentPort, workerData } from 'node:worker_threads';
import { isDomainError } from '../../../domain/errors.ts';
import { loadSecrets } from '../../secrets.ts';
import { ackWindow } from '../../workers/ack-window.ts';
import { prepareLedgerBatches, type ImportSource } from './prepare.ts';

/**
 * The thread that reads, validates, fingerprints, hashes and seals rows while the caller's thread
 * writes: the two halves of an import run on two cores, and an HTTP server's event loop never parses
 * a row. At most two batches wait unacknowledged (one being written, one queued), so memory stays
 * flat however fast the reader is. A written batch's buffer comes back with its acknowledgement.
 */
export interface PrepareWorkerData {
  source: ImportSource;
  keyHex: string;
  villages: string[];
  scope: string;
  today: string;
  batchSize: number;
}

const d = workerData as PrepareWorkerData;
const port = parentPort!;
const flow = ackWindow(port, 2);

try {
  const events = prepareLedgerBatches(d.source, {
    secrets: loadSecrets('', d.keyHex),
    villages: new Set(d.villages),
    scope: d.scope,
    today: d.today,
    batchSize: d.batchSize,
    spareBuffers: flow.spare,
  });
  for await (const e of events) {
    // A batch's buffer is transferred, not copied.
    if (e.type === 'batch') await flow.send(e, e.batch.bytes);
    else port.postMessage(e);
  }
} catch (e) {
  port.postMessage({ type: 'error', code: isDomainError(e) ? e.code : 'file_unreadable', message: e instanceof Error ? e.message : String(e) });
}
