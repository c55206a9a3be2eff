import type { Command } from 'commander';
import { migrateToLatest } from '../../store/migrate.ts';
import { output, withApp } from '../context.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (safe to run again)')
    .action(async (_o, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        const r = await migrateToLatest(app.database);
        output(opts, { engine: app.database.caps.engine, ...r }, () =>
          r.applied.length ? `Applied ${r.applied.length} migration(s):\n  ${r.applied.join('\n  ')}` : `Schema is up to date (${r.total} migrations).`,
        );
      }),
    );
}
