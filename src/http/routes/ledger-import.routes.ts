import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { exportLedger } from '../../app/ledger/export/export-ledger.ts';
import { getImportJob, importJobErrorReport, startLedgerImportJob } from '../../app/ledger/import/import-jobs.ts';
import { DomainError } from '../../domain/errors.ts';
import { idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

const tags = ['ledger'];
/** A county ledger of a few hundred thousand people is tens of megabytes; beyond this, use the CLI. */
const MAX_UPLOAD = 200 * 1024 * 1024;

const jobView = z.object({
  id: z.number(), kind: z.string(), fileName: z.string(), fileBytes: z.number(), dryRun: z.boolean(),
  status: z.enum(['queued', 'running', 'done', 'failed']), rowsDone: z.number(), bytesDone: z.number(),
  accepted: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(),
  hasErrorReport: z.boolean(), errorMessage: z.string().nullable(), actorName: z.string(),
  createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
});

export async function ledgerImportRoutes(server: Server) {
  const app = server.jiuye;
  await server.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 5, parts: 6 } });

  server.post('/api/v1/imports/ledger', {
    config: { access: { action: 'ledger.import' } },
    schema: {
      tags,
      summary: 'Upload a ledger (.xlsx or .csv, standard template) and start importing it; poll GET /api/v1/imports/:id for progress',
      querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
      response: { 202: jobView },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new DomainError('unsupported_media_type', 'Send the file as multipart/form-data in a field named file');
    const part = await req.file();
    if (!part) throw DomainError.invalid([{ field: 'file', code: 'required', message: 'is required: a .xlsx or .csv file', messageZh: '请上传 .xlsx 或 .csv 文件' }]);
    const ext = path.extname(part.filename).toLowerCase();
    if (!['.xlsx', '.csv'].includes(ext)) {
      part.file.resume();
      throw new DomainError('unsupported_media_type', `Only .xlsx and .csv files can be imported (got ${ext || 'no extension'})`);
    }
    const temp = path.join(os.tmpdir(), `jiuye-upload-${crypto.randomBytes(8).toString('hex')}${ext}`);
    await pipeline(part.file, fs.createWriteStream(temp));
    if (part.file.truncated) {
      fs.rmSync(temp, { force: true });
      throw new DomainError('payload_too_large', `The file is larger than ${MAX_UPLOAD / 1024 / 1024} MB; import it with the jiuye command instead`);
    }
    const job = await startLedgerImportJob(app, actor, { tempPath: temp, fileName: path.basename(part.filename), dryRun: req.query.dryRun === 'true' });
    return reply.code(202).send(job);
  });

  server.get('/api/v1/imports/:id', {
    config: { access: { action: 'ledger.import', resource: 'import_job' } },
    schema: { tags, summary: 'An import job: status, rows done and the counts so far', params: idParams, response: { 200: jobView } },
  }, async (req) => getImportJob(app, actorOf(req), req.params.id));

  server.get('/api/v1/imports/:id/errors', {
    config: { access: { action: 'ledger.import', resource: 'import_job' } },
    schema: { tags, summary: 'The rejected rows of an import with their reasons (CSV, opens in Excel)', params: idParams },
  }, async (req, reply) => {
    const r = await importJobErrorReport(app, actorOf(req), req.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${req.params.id}-errors.csv"; filename*=UTF-8''${encodeURIComponent(r.fileName)}`)
      .send(fs.createReadStream(r.path));
  });

  server.get('/api/v1/exports/ledger', {
    config: { access: { action: 'ledger.export' } },
    schema: {
      tags,
      summary: 'The ledger of a region in the standard template (Chinese headers); ID numbers and phones masked unless reveal=true (person.reveal, audited)',
      querystring: z.strictObject({
        region: z.string().regex(/^\d{2,12}$/).optional(),
        format: z.enum(['xlsx', 'csv']).default('xlsx'),
        reveal: z.enum(['true', 'false']).optional(),
      }),
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { region, format, reveal } = req.query;
    const body = new PassThrough();
    // Check access before the first byte is sent, so that a refusal is a proper problem response.
    const started = exportLedger(app, actor, { region, format, reveal: reveal === 'true' }, body);
    const first = await Promise.race([started.then(() => 'done' as const), new Promise<'data'>((r) => body.once('readable', () => r('data')))]);
    if (first === 'done') await started;
    else started.catch((e) => body.destroy(e));
    const name = `ledger-${region ?? 'all'}-${new Date().toISOString().slice(0, 10)}.${format}`;
    return reply
      .type(format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(body);
  });
}
