import fs from 'node:fs';
import type { Actor } from '../../../domain/access/actor.ts';
import { authorize } from '../../../domain/access/policy.ts';
import { DomainError } from '../../../domain/errors.ts';
import { openLedgerBulk } from '../../../store/ledger-bulk/index.ts';
import { catchUpStats } from '../../stats/maintain.ts';
import { writeAudit } from '../../audit/audit.ts';
import type { App } from '../../context.ts';
import type { ImportReport } from '../../import-report.ts';
import { startTsWorker } from '../../workers/ts-worker.ts';
import { giveBack } from '../../workers/ack-window.ts';
import { workerMessages } from '../../workers/worker-messages.ts';
import { ErrorReportWriter } from './error-report.ts';
import { prepareLedgerBatches, unpackBatch, type ImportSource, type PrepareEvent, type RowError } from './prepare.ts';
import type { PrepareWorkerData } from './prepare-worker.ts';
import { writeBatch } from './write-batch.ts';

/** What `jiuye import ledger --json` prints: the report of every import, and how the run went. */
export interface ImportResult extends ImportReport {
  rowsRead: number;
  ms: number;
  /** Milliseconds of the writing thread per stage (finding people, households, persons, statistics, indexes…). */
  stageMs: Record<string, number>;
  /** Errors beyond this many are in the error report only. */
  errorsTruncated: boolean;
}

export interface ImportProgress {
  rowsDone: number;
  bytesDone: number;
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOptions {
  source: ImportSource;
  dryRun?: boolean;
  /** Rows per transaction (10k–50k: large enough to amortize, small enough to lose little on a crash). */
  batchSize?: number;
  /** Run the reader in this thread instead of a worker (in-memory databases, debugging). */
  inline?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Write the rejected rows with their reasons to this file (.csv). */
  errorReport?: string;
  /**
   * Into a ledger with no one in it, load the file in one transaction (SQLite): faster, and a load
   * that stops keeps nothing, but every other writer of the database waits until it ends. For the
   * command line; an import job of the server leaves it off, so the server can write meanwhile.
   */
  whole?: boolean;
  /** For tests of crash safety: fail after this many batches have been written (committed, unless the load is whole). */
  failAfterBatches?: number;
  today?: string;
  /** Audit entry for the run as a whole (the job id, when run as a job). */
  auditEntity?: { entity: string; id: string | number };
}

const MAX_ERRORS_IN_RESULT = 50_000;

/** Starts the reader: a worker thread running prepareLedgerBatches, or the same generator inline. */
function startReader(app: App, data: PrepareWorkerData, inline: boolean): { events: AsyncIterable<PrepareEvent>; ack(written: ArrayBuffer): void; stop(): Promise<void> } {
  if (inline) {
    const spareBuffers: ArrayBuffer[] = [];
    return {
      events: prepareLedgerBatches(data.source, { secrets: app.secrets, villages: new Set(data.villages), scope: data.scope, today: data.today, batchSize: data.batchSize, spareBuffers }),
      ack: (written) => spareBuffers.push(written),
      async stop() {},
    };
  }
  const worker = startTsWorker(new URL('./prepare-worker.ts', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 8 } });
  const messages = workerMessages<PrepareEvent | { type: 'error'; code: string; message: string }>(worker, 'import reader');
  return {
    events: {
      async *[Symbol.asyncIterator]() {
        for await (const m of messages) {
          if (m.type === 'error') throw new DomainError(m.code, m.message);
          yield m;
          if (m.type === 'end') return;
        }
      },
    },
    ack: (written) => giveBack(worker, written),
    // Stopping a thread that has already ended is harmless.
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** About how many rows a source holds (a CSV row of the template takes ~190 bytes, an .xlsx row ~140 compressed). */
function expectedRows(source: ImportSource): number {
  if (source.kind === 'demo') return source.households * 2;
  const bytes = fs.statSync(source.path).size;
  return Math.round(bytes / (source.fileName.toLowerCase().endsWith('.xlsx') ? 140 : 190));
}

/** Village codes of the loaded regions inside a scope (empty = everywhere). */
async function villagesIn(app: App, scope: string): Promise<string[]> {
  const rows = await app.database.db.selectFrom('regions').select('code').where('level', '=', 5).$if(scope !== '', (q) => q.where('code', 'like', `${scope}%`)).execute();
  return rows.map((r) => r.code);
}

/**
 * Imports a ledger (a file of the standard template, or the demo generator) into the database.
 * Valid rows are kept and invalid ones reported with their row, column and rule. Each batch is one
 * transaction holding its people, their households, audit entries and household facts, so a crash
 * loses at most the batch in hand and a re-run finds the committed rows `unchanged`.
 */
export async function runLedgerImport(app: App, actor: Actor, o: ImportOptions): Promise<ImportResult> {
  authorize(actor, 'ledger.import');
  const t0 = Date.now();
  const scope = actor.role === 'admin' ? '' : actor.regionCode;
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const data: PrepareWorkerData = {
    source: o.source,
    keyHex: app.secrets.key.toString('hex'),
    villages: await villagesIn(app, scope),
    scope,
    today,
    batchSize: o.batchSize ?? 5_000,
  };
  if (o.source.kind === 'file' && !fs.existsSync(o.source.path)) throw new DomainError('file_unreadable', `The file ${o.source.fileName} does not exist`);
  const inline = o.inline ?? (app.database.url.includes(':memory:'));
  const reader = startReader(app, data, inline);
  const bulk = await openLedgerBulk(app.database);
  const report = o.errorReport ? new ErrorReportWriter(o.errorReport) : undefined;
  const sum: ImportProgress = { rowsDone: 0, bytesDone: 0, accepted: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const errors: ImportReport['errors'] = [];
  let truncated = false;
  let lastRejectedRow = -1;
  const stageMs: Record<string, number> = {};
  const ctx = { bulk, actor, today, dryRun: !!o.dryRun, stageMs };
  let batches = 0;

  const takeErrors = (list: RowError[]) => {
    for (const e of list) {
      if (e.row !== lastRejectedRow) {
        sum.rejected++;
        lastRejectedRow = e.row;
      }
      if (errors.length < MAX_ERRORS_IN_RESULT) errors.push({ row: e.row, column: e.column, code: e.code, message: e.message });
      else truncated = true;
    }
    report?.add(list);
  };

  let failed = true;
  try {
    if (!o.dryRun) await bulk.beginLoad(expectedRows(o.source), { whole: o.whole });
    for await (const e of reader.events) {
      if (e.type === 'header') {
        report?.start(e.names, e.zh);
        continue;
      }
      takeErrors(e.errors);
      if (e.type === 'batch') {
        const c = await writeBatch(ctx, unpackBatch(e.batch));
        // Unpacked, the batch's buffer holds nothing the writer still needs: it goes back to the reader.
        reader.ack(e.batch.bytes);
        sum.accepted += e.batch.rows;
        sum.created += c.created;
        sum.updated += c.updated;
        sum.unchanged += c.unchanged;
        batches++;
        if (o.failAfterBatches !== undefined && batches >= o.failAfterBatches) throw new Error(`stopped after ${batches} batch(es), as asked`);
      }
      sum.rowsDone = e.rowsRead;
      sum.bytesDone = e.bytesRead;
      o.onProgress?.({ ...sum });
    }
    failed = false;
  } finally {
    await reader.stop();
    // After a failed run, a later step's error is dropped: the first error is the one to report.
    const step = async (stage: string, fn: () => Promise<unknown>) => {
      const t = performance.now();
      try {
        if (!o.dryRun) await fn();
      } catch (e) {
        if (!failed) throw e;
      } finally {
        stageMs[stage] = (stageMs[stage] ?? 0) + performance.now() - t;
      }
    };
    try {
      try {
        // Indexes a failure leaves set aside are rebuilt by the next load.
        await step('indexes', () => bulk.endLoad(!failed));
      } finally {
        await report?.close();
      }
      // Also after a failure: the batches that did commit must show in the figures. When that fails
      // too (a full disk), the regions stay queued for the next start. It runs before the load's
      // session settings are undone, with their smaller memory.
      await step('statistics', () => catchUpStats(app));
    } finally {
      await bulk.close();
    }
  }

  const result: ImportResult = {
    accepted: sum.accepted, created: sum.created, updated: sum.updated, unchanged: sum.unchanged, rejected: sum.rejected,
    errors, rowsRead: sum.rowsDone, ms: Date.now() - t0, errorsTruncated: truncated, stageMs,
  };
  if (!o.dryRun && (result.created || result.updated)) {
    const what = o.auditEntity ?? { entity: 'ledger_import', id: o.source.kind === 'file' ? o.source.fileName : `demo:${o.source.county}:${o.source.seed}` };
    await writeAudit(app.database.db, actor, {
      action: 'ledger.import', entity: what.entity, entityId: what.id, regionCode: scope || null,
      before: null, after: { accepted: result.accepted, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected },
    });
  }
  return result;
}
