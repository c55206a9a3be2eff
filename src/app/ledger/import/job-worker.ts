import os from 'node:os';
import { workerData } from 'node:worker_threads';
import type { Config } from '../../../config.ts';
import type { Actor } from '../../../domain/access/actor.ts';
import { nowIso } from '../../../store/codec.ts';
import { openApp } from '../../bootstrap.ts';
import { runLedgerImport } from './run-import.ts';

/** The thread of one import job: its own database connection, progress written to the job row. */
export interface JobWorkerData {
  config: Config;
  actor: Actor;
  jobId: number;
  file: string;
  fileName: string;
  dryRun: boolean;
  errorReport: string;
}

const d = workerData as JobWorkerData;
// An import started through the server gives way to the requests the server answers meanwhile: on
// Linux a thread's priority is its own, and the reader thread this one starts inherits it. With
// nothing else to do, the import still gets every free core.
try {
  os.setPriority(0, 10);
} catch {
  // not permitted here: run at normal priority
}
const app = await openApp(d.config);
const db = app.database.db;
try {
  await db.updateTable('import_jobs').set({ status: 'running', started_at: nowIso() }).where('id', '=', d.jobId).execute();
  const r = await runLedgerImport(app, d.actor, {
    source: { kind: 'file', path: d.file, fileName: d.fileName },
    dryRun: d.dryRun,
    errorReport: d.errorReport,
    auditEntity: { entity: 'import_job', id: d.jobId },
    onProgress: (p) => {
      void db.updateTable('import_jobs').set({ rows_done: p.rowsDone, bytes_done: p.bytesDone, accepted: p.accepted, created: p.created, updated: p.updated, unchanged: p.unchanged, rejected: p.rejected }).where('id', '=', d.jobId).execute();
    },
  });
  await db
    .updateTable('import_jobs')
    .set({ status: 'done', rows_done: r.rowsRead, accepted: r.accepted, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, error_report_path: r.rejected ? d.errorReport : null, finished_at: nowIso() })
    .where('id', '=', d.jobId)
    .execute();
} catch (e) {
  await db.updateTable('import_jobs').set({ status: 'failed', error_message: (e instanceof Error ? e.message : String(e)).slice(0, 500), finished_at: nowIso() }).where('id', '=', d.jobId).execute();
} finally {
  await app.database.close();
}
