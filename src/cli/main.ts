import { Command } from 'commander';
import { registerMigrate } from './commands/migrate.ts';
import { registerRegions } from './commands/regions.ts';
import { registerServe } from './commands/serve.ts';
import { registerSolve } from './commands/solve.ts';
import { registerUsers } from './commands/users.ts';

const program = new Command('jiuye')
  .description('Jiuye 就业 — public employment service platform')
  .option('--db <url>', 'database URL: a SQLite file (default ./data/jiuye.db, or JIUYE_DATABASE_URL) or postgres://…')
  .option('--json', 'machine-readable output on stdout')
  .showHelpAfterError();

for (const register of [registerServe, registerMigrate, registerRegions, registerUsers, registerSolve]) register(program);

await program.parseAsync(process.argv);
