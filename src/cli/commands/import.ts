import path from 'node:path';
import type { Command } from 'commander';
import { runLedgerImport, type ImportResult } from '../../app/ledger/import/run-import.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { useLeanHeap } from '../bulk-heap.ts';
import { output, withApp } from '../context.ts';

/**
 * The `import` command group; modules attach their subcommands to it (`import ledger`,
 * `import employers`, …) whichever registers first.
 */
export function importGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('Import records from CSV or Excel (.xlsx) files; re-running an import changes nothing');
}

function summary(r: ImportResult) {
  return { accepted: r.accepted, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, errors: r.errors };
}

export function registerImport(program: Command): void {
  importGroup(program)
    .command('ledger <file>')
    .description('Import a ledger in the standard template (.xlsx or .csv; UTF-8 or GB18030; Chinese or English headers, any column order)')
    .option('--dry-run', 'check every row and count what would change, without writing')
    .option('--error-report <file>', 'write the rejected rows with their reasons to this CSV file')
    .option('--batch-size <n>', 'rows per transaction', (v) => Number(v))
    .option('--in-batches', 'commit batch by batch even into an empty ledger: other writers need not wait, and a load that stops keeps the batches it committed')
    .action(async (file: string, o: { dryRun?: boolean; errorReport?: string; batchSize?: number; inBatches?: boolean }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        useLeanHeap();
        await migrateToLatest(app.database);
        const tty = !opts.json && process.stderr.isTTY;
        const r = await runLedgerImport(app, SYSTEM_ACTOR, {
          source: { kind: 'file', path: path.resolve(file), fileName: path.basename(file) },
          dryRun: o.dryRun,
          errorReport: o.errorReport,
          batchSize: o.batchSize,
          // Into an empty ledger, one transaction unless asked otherwise: see ImportOptions.whole.
          whole: !o.inBatches,
          onProgress: tty ? (p) => process.stderr.write(`\r  ${p.rowsDone.toLocaleString('en')} rows read, ${p.accepted.toLocaleString('en')} accepted, ${p.rejected.toLocaleString('en')} rejected   `) : undefined,
        });
        if (tty) process.stderr.write('\n');
        output(opts, summary(r), () => {
          const lines = [
            `${o.dryRun ? 'Checked (dry run, nothing written)' : 'Imported'} ${path.basename(file)} in ${(r.ms / 1000).toFixed(1)} s: ${r.rowsRead.toLocaleString('en')} rows`,
            `  accepted ${r.accepted}  (created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged})`,
            `  rejected ${r.rejected}`,
          ];
          for (const e of r.errors.slice(0, 50)) lines.push(`    row ${e.row}, ${e.column}: ${e.message} (${e.code})`);
          if (r.errors.length > 50) lines.push(`    … ${r.errors.length - 50} more${o.errorReport ? ` in ${o.errorReport}` : ' (use --error-report FILE or --json)'}`);
          return lines.join('\n');
        });
      }),
    );
}
