import { parentPort, workerData } from 'node:worker_threads';
import { isDomainError } from '../../../domain/errors.ts';
import { loadSecrets } from '../../secrets.ts';
import { prepareLedgerBatches, type ImportSource } from './prepare.ts';

/**
 * The thread that reads, validates, fingerprints, hashes and seals rows while the caller's thread
 * writes: the two halves of an import run on two cores, and an HTTP server's event loop never parses
 * a row. At most two batches wait unacknowledged (one being written, one queued), so memory stays
 * flat however fast the reader is.
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
let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (m: { type: string }) => {
  if (m.type === 'ack') {
    inFlight--;
    wake?.();
  }
});

try {
  const events = prepareLedgerBatches(d.source, {
    secrets: loadSecrets('', d.keyHex),
    villages: new Set(d.villages),
    scope: d.scope,
    today: d.today,
    batchSize: d.batchSize,
  });
  for await (const e of events) {
    // A batch's buffer is transferred, not copied.
    port.postMessage(e, e.type === 'batch' ? [e.batch.bytes] : []);
    if (e.type === 'batch') inFlight++;
    while (inFlight >= 2) await new Promise<void>((r) => (wake = r));
  }
} catch (e) {
  port.postMessage({ type: 'error', code: isDomainError(e) ? e.code : 'file_unreadable', message: e instanceof Error ? e.message : String(e) });
}
