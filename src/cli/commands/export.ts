import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { ExportFormat } from '../../app/ledger/export/export-ledger.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { withApp } from '../context.ts';

export function registerExport(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('Export records as CSV or Excel (.xlsx) files');
  group
    .command('ledger')
    .description('Export the ledger in the standard import template (Chinese headers); ID numbers and phones masked unless --reveal')
    .option('--region <code>', 'region code whose subtree to export (default: everything)')
    .option('--format <format>', 'xlsx or csv (default: from --out, else csv)')
    .option('--out <file>', 'output file (default: standard output)')
    .option('--reveal', 'write ID numbers and phones in full (recorded in the audit trail)')
    .action(async (o: { region?: string; format?: string; out?: string; reveal?: boolean }, cmd: Command) =>
      withApp(cmd, async (app) => {
        const format = (o.format ?? (o.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv')) as ExportFormat;
        if (format !== 'csv' && format !== 'xlsx') throw DomainError.invalid([{ field: 'format', code: 'value_unknown', message: 'must be xlsx or csv' }]);
        // Standard output must stay open after the export ends, so it is fed through a pass-through.
        const out = o.out ? fs.createWriteStream(o.out) : new PassThrough();
        if (!o.out) out.pipe(process.stdout, { end: false });
        // Loaded by this command only (it brings the spreadsheet writer): the others start without it.
        const { exportLedger } = await import('../../app/ledger/export/export-ledger.ts');
        const r = await exportLedger(app, SYSTEM_ACTOR, { region: o.region, format, reveal: o.reveal }, out);
        await finished(out);
        if (o.out) process.stderr.write(`Exported ${r.rows.toLocaleString('en')} people to ${o.out}\n`);
      }),
    );
}
