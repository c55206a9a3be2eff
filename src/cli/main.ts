import { Command } from 'commander';
import { registerDemand } from './commands/demand.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerMatch } from './commands/match.ts';
import { registerBackup } from './commands/backup.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerPolicy } from './commands/policy.ts';
import { registerRegions } from './commands/regions.ts';
import { registerServe } from './commands/serve.ts';
import { registerSolve } from './commands/solve.ts';
import { registerStats } from './commands/stats.ts';
import { registerTransport } from './commands/transport.ts';
import { registerUsers } from './commands/users.ts';

const program = new Command('jiuye')
  .description('Jiuye 就业 — public employment service platform')
  .option('--db <url>', 'database URL: a SQLite file (default ./data/jiuye.db, or JIUYE_DATABASE_URL) or postgres://…')
  .option('--json', 'machine-readable output on stdout')
  .showHelpAfterError();

for (const register of [registerBackup, registerServe, registerMigrate, registerRegions, registerUsers, registerSolve, registerImport, registerExport, registerDemo, registerPolicy, registerStats, registerDemand, registerTransport, registerMatch]) register(program);

await program.parseAsync(process.argv);
