import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../store/backup.ts';
import { configFrom, output, reportError, withApp } from '../context.ts';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Copy the whole database into one file while it serves (SQLite online backup; pg_dump on PostgreSQL)')
    .requiredOption('--out <file>', 'where to write the backup')
    .action(async (o: { out: string }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        const t0 = Date.now();
        const r = await backupDatabase(app.database, o.out);
        output(opts, { file: o.out, ...r, ms: Date.now() - t0 }, () => `Backed up to ${o.out} (${(r.bytes / 1e6).toFixed(1)} MB) in ${Date.now() - t0} ms`);
      }),
    );
  program
    .command('restore <file>')
    .description('Replace the database with a backup (stop the server first when it runs on SQLite)')
    .action(async (file: string, _o, cmd: Command) => {
      try {
        const config = configFrom(cmd);
        await restoreDatabase(config.databaseUrl, file);
        output(cmd.optsWithGlobals(), { restored: file }, () => `Restored ${file}. Run \`jiuye stats verify\` to check the figures.`);
      } catch (e) {
        reportError(e);
      }
    });
}
