import type { Command } from 'commander';
import { addUser, listUsers } from '../../app/accounts/users.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { output, withApp } from '../context.ts';

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Accounts');
  users
    .command('add')
    .description('Create an account (the operator acts as administrator)')
    .requiredOption('--username <name>')
    .requiredOption('--password <password>')
    .requiredOption('--role <role>', 'admin, province_officer, city_officer, county_officer, town_commissioner, village_commissioner, field_verifier, employer, trainer or viewer')
    .option('--region <code>', 'region code of the account’s scope', '')
    .option('--display-name <name>')
    .option('--employer <id>', 'employer id, for employer accounts')
    .action(async (o: { username: string; password: string; role: string; region: string; displayName?: string; employer?: string }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const u = await addUser(app, SYSTEM_ACTOR, { username: o.username, password: o.password, role: o.role, regionCode: o.region, displayName: o.displayName, employerId: o.employer ? Number(o.employer) : null });
        output(opts, u, () => `Created ${u.role} account ${u.username} (id ${u.id}) for region ${u.regionCode || 'all'}`);
      }),
    );
  users
    .command('list')
    .description('List accounts')
    .option('--region <code>', 'only accounts inside this region')
    .action(async (o: { region?: string }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const list = await listUsers(app, SYSTEM_ACTOR, { region: o.region });
        output(opts, list, () => list.map((u) => `${String(u.id).padStart(4)}  ${u.username.padEnd(20)} ${u.role.padEnd(22)} ${u.regionCode || '(all)'}${u.disabled ? '  disabled' : ''}`).join('\n') || 'No accounts.');
      }),
    );
}
