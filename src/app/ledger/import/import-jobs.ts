import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../../domain/access/actor.ts';
import { authorize, inScope } from '../../../domain/access/policy.ts';
import { DomainError } from '../../../domain/errors.ts';
import { nowIso, toBool } from '../../../store/codec.ts';
import type { App } from '../../context.ts';
import { startTsWorker } from '../../workers/ts-worker.ts';
import type { JobWorkerData } from './job-worker.ts';

/** Where uploaded files and error reports of import jobs are kept. */
export function importsDir(app: App): string {
  return path.join(app.config.dataDir, 'imports');
}

export function presentJob(r: Record<string, any>) {
  return {
    id: Number(r.id),
    kind: r.kind as string,
    fileName: r.file_name as string,
    fileBytes: Number(r.file_bytes),
    dryRun: toBool(r.dry_run),
    status: r.status as 'queued' | 'running' | 'done' | 'failed',
    rowsDone: Number(r.rows_done),
    bytesDone: Number(r.bytes_done),
    accepted: Number(r.accepted),
    created: Number(r.created),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    rejected: Number(r.rejected),
    hasErrorReport: r.error_report_path != null && Number(r.rejected) > 0,
    errorMessage: (r.error_message ?? null) as string | null,
    actorName: r.actor_name as string,
    createdAt: r.created_at as string,
    startedAt: (r.started_at ?? null) as string | null,
    finishedAt: (r.finished_at ?? null) as string | null,
  };
}

const running = new Set<Promise<void>>();

/**
 * Starts an import of an uploaded file as a job and returns at once. The whole import (reading,
 * validation, writing) runs on its own threads with its own database connection, so the server's
 * event loop only answers progress requests. The job row records progress after every batch.
 */
export async function startLedgerImportJob(app: App, actor: Actor, upload: { tempPath: string; fileName: string; dryRun: boolean }) {
  authorize(actor, 'ledger.import');
  const ext = path.extname(upload.fileName).toLowerCase();
  if (!['.csv', '.xlsx', '.txt'].includes(ext)) {
    fs.rmSync(upload.tempPath, { force: true });
    throw new DomainError('unsupported_media_type', 'Only .xlsx and .csv files can be imported');
  }
  const dir = importsDir(app);
  fs.mkdirSync(dir, { recursive: true });
  const now = nowIso();
  const job = await app.database.db
    .insertInto('import_jobs')
    .values({
      kind: 'ledger', file_name: upload.fileName.slice(0, 200), file_bytes: fs.statSync(upload.tempPath).size, dry_run: upload.dryRun ? 1 : 0, status: 'queued',
      rows_done: 0, bytes_done: 0, accepted: 0, created: 0, updated: 0, unchanged: 0, rejected: 0,
      actor_id: actor.userId, actor_name: actor.username, region_code: actor.role === 'admin' ? '' : actor.regionCode, created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(job.id);
  const file = path.join(dir, `${id}${ext}`);
  fs.renameSync(upload.tempPath, file);
  const data: JobWorkerData = { config: app.config, actor, jobId: id, file, fileName: upload.fileName, dryRun: upload.dryRun, errorReport: path.join(dir, `${id}-errors.csv`) };
  const worker = startTsWorker(new URL('./job-worker.ts', import.meta.url), { workerData: data });
  const done = new Promise<void>((resolve) => {
    worker.on('error', async (e) => {
      await app.database.db.updateTable('import_jobs').set({ status: 'failed', error_message: e.message.slice(0, 500), finished_at: nowIso() }).where('id', '=', id).where('status', 'in', ['queued', 'running']).execute().catch(() => {});
      resolve();
    });
    worker.on('exit', () => resolve());
  });
  running.add(done);
  void done.finally(() => running.delete(done));
  return getImportJob(app, actor, id);
}

/** Waits for the running jobs (tests, shutdown). */
export async function importJobsSettled(): Promise<void> {
  await Promise.all([...running]);
}

async function findJob(app: App, actor: Actor, id: number) {
  authorize(actor, 'ledger.import');
  const r = await app.database.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  // A job of another region is reported as missing, like any record out of scope.
  if (!r || !(actor.role === 'admin' || (r.region_code !== '' && inScope(actor, r.region_code)))) throw DomainError.notFound('import job', id);
  return r;
}

export async function getImportJob(app: App, actor: Actor, id: number) {
  return presentJob(await findJob(app, actor, id));
}

/** The error report of a finished job: rejected rows with their reasons, as CSV. */
export async function importJobErrorReport(app: App, actor: Actor, id: number): Promise<{ path: string; fileName: string }> {
  const r = await findJob(app, actor, id);
  if (!r.error_report_path || !fs.existsSync(r.error_report_path)) throw DomainError.notFound('error report of import job', id);
  return { path: r.error_report_path, fileName: `${path.basename(r.file_name, path.extname(r.file_name))}-errors.csv` };
}
