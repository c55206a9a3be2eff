import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { planTransport } from '../../app/transport/plan.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatYuan } from '../../domain/policy/money.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { output, withApp } from '../context.ts';

interface PlanOptions {
  region: string;
  commit?: boolean;
  fleet?: string;
  from?: string;
  to?: string;
  window?: string;
}

async function readFleet(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw DomainError.invalid([{ field: '--fleet', code: 'file_unreadable', message: `cannot read ${file}: ${(e as Error).message}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw DomainError.invalid([{ field: '--fleet', code: 'json', message: `${file} is not valid JSON (${(e as Error).message})` }]);
  }
}

/** Adds `transport plan`: plans point-to-point trips from the records of a region, and creates them with --commit. */
export function registerTransport(program: Command): void {
  const transport = program.command('transport').description('Point-to-point transport of laborers to work');
  transport
    .command('plan')
    .description(
      'Plan trips for the people of a region who need transport (ledger: available-from date, employed outside the county at a registered employer; ' +
        'people already on a live trip are skipped) at least cost, with a lower bound. Dry run unless --commit',
    )
    .requiredOption('--region <code>', 'county code (a city or province plans each of its counties)')
    .option('--commit', 'create the trips and manifests (in one transaction; a re-run plans nobody twice)')
    .option('--fleet <file>', 'JSON fleet [{type, mode, capacity, costFen}] (default: coach 45 seats, minibus 19, car 4)')
    .option('--from <date>', 'no trip before this date (YYYY-MM-DD, default today)')
    .option('--to <date>', 'leave people whose first day is after this date for a later plan')
    .option('--window <days>', 'days each traveler’s window lasts', '7')
    .option('--json', 'print the plan as JSON')
    .action(async (o: PlanOptions, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const windowDays = Number(o.window);
        if (!Number.isInteger(windowDays)) throw DomainError.invalid([{ field: '--window', code: 'integer', message: 'must be a whole number of days' }]);
        const fleet = o.fleet ? await readFleet(o.fleet) : undefined;
        const r = await planTransport(app, SYSTEM_ACTOR, { region: o.region, commit: !!o.commit, fleet, from: o.from, to: o.to, windowDays });
        output(opts, r, () => {
          const lines = [
            `${r.committed ? 'Committed' : 'Dry run'}: region ${r.region}, from ${r.from}${r.to ? ` to ${r.to}` : ''}, window ${r.windowDays} days`,
            `Travelers ${r.travelers} (already on a live trip ${r.alreadyOnTrips}; left out: ${Object.entries(r.excluded).map(([k, v]) => `${k} ${v}`).join(', ')})`,
            `Trips ${r.trips.length} in ${r.groups} county–destination groups (${r.provenGroups} proven optimal)`,
            `Cost ${formatYuan(r.costFen)} yuan, lower bound ${formatYuan(Math.ceil(r.lowerBoundFen))} yuan, gap ${(r.gap * 100).toFixed(2)}%, ${r.ms} ms`,
            '',
          ];
          for (const t of r.trips) {
            lines.push(`${t.id !== undefined ? `#${t.id} ` : ''}${t.travelDate} ${t.originName ?? t.originCounty} → ${t.destination.name} (${t.destination.regionCode})  ${t.vehicleType} ${t.passengers.length}/${t.capacity}  ${formatYuan(t.costFen)} yuan  pickups: ${t.pickups.map((p) => `${p.time} ${p.name}`).join(', ')}`);
          }
          if (r.committed && r.planRef) lines.push('', `Plan reference ${r.planRef}`);
          return lines.join('\n');
        });
      }),
    );
}
