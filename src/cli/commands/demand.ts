import type { Command } from 'commander';
import { importEmployers, importPostings } from '../../app/demand/demand-import.ts';
import type { ImportReport } from '../../app/import-report.ts';
import { importOccupations } from '../../app/demand/occupations.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { output, withApp } from '../context.ts';

function reportText(what: string, r: ImportReport): string {
  const lines = [`${what}: ${r.accepted} accepted (${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged), ${r.rejected} rejected`];
  for (const e of r.errors.slice(0, 50)) lines.push(`  row ${e.row}, ${e.column}: ${e.message} (${e.code})`);
  if (r.errors.length > 50) lines.push(`  … ${r.errors.length - 50} more (use --json for all)`);
  return lines.join('\n');
}

/** The `import` command group, shared with other modules' import subcommands. */
function importGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('Import records from CSV or Excel (.xlsx) files; re-running an import changes nothing');
}

export function registerDemand(program: Command): void {
  const group = importGroup(program);
  group
    .command('employers <file>')
    .description('Import employers keyed by unified social credit code (CSV or .xlsx; Chinese or English headers)')
    .action(async (file: string, _o: unknown, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const r = await importEmployers(app, SYSTEM_ACTOR, file);
        output(opts, r, () => reportText('Employers', r));
        if (r.rejected) process.exitCode = 2;
      }),
    );
  group
    .command('postings <file>')
    .description('Import job postings keyed by (employer credit code, posting number); the post-type rules apply')
    .action(async (file: string, _o: unknown, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const r = await importPostings(app, SYSTEM_ACTOR, file);
        output(opts, r, () => reportText('Postings', r));
        if (r.rejected) process.exitCode = 2;
      }),
    );

  const occupations = program.command('occupations').description('The occupational classification (2022)');
  occupations
    .command('import <file>')
    .description('Load a full classification tree: JSON tree ({data: [{seq, name, children}]}) or CSV of code,name,parent')
    .action(async (file: string, _o: unknown, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const r = await importOccupations(app, SYSTEM_ACTOR, file);
        output(opts, r, () => reportText('Occupations', r));
        if (r.rejected) process.exitCode = 2;
      }),
    );
}
