import type { Command } from 'commander';
import { rebuildStats, verifyStats } from '../../app/stats/maintain.ts';
import fs from 'node:fs';
import { regionStats } from '../../app/stats/stats-queries.ts';
import { statsReport } from '../../app/stats/stats-report.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { INDICATORS } from '../../domain/stats/indicators.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { output, withApp } from '../context.ts';

export function registerStats(program: Command): void {
  const stats = program
    .command('stats')
    .description('Indicators of a region, now or as of a past date')
    .option('--region <code>', 'region code (default: the configured province)')
    .option('--date <YYYY-MM-DD>', 'as of the end of this day')
    .action(async (o: { region?: string; date?: string }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const r = await regionStats(app, SYSTEM_ACTOR, { region: o.region ?? app.config.province, date: o.date });
        output(opts, r, () =>
          [`${r.region.name} (${r.region.code}) as of ${r.date}`, ...INDICATORS.map((i) => `  ${i.zh.padEnd(12, '\u3000')} ${String(r.values[i.key]).padStart(10)}  ${i.en}`), ...Object.entries(r.ratios).map(([k, v]) => `  ${k.padEnd(24)} ${v == null ? '—' : `${v}%`}`)].join('\n'),
        );
      }),
    );
  stats
    .command('verify')
    .description('Recount every indicator from the records and compare with the maintained figures')
    .action(async (_o, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const r = await verifyStats(app);
        output(opts, r, () => (r.ok ? `OK: ${r.checked} figures agree with a full recount.` : `MISMATCH in ${r.differences.length} figure(s):\n${r.differences.slice(0, 30).map((d) => `  ${d.region} ${d.indicator}: maintained ${d.maintained}, recounted ${d.recounted}`).join('\n')}`));
        if (!r.ok) process.exitCode = 1;
      }),
    );
  stats
    .command('report')
    .description('Write the report of a region as .xlsx: one row per child region, every indicator as a column, a totals row')
    .option('--region <code>', 'region code (default: the configured province)')
    .option('--date <YYYY-MM-DD>', 'as of the end of this day')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .action(async (o: { region?: string; date?: string; out: string }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        // The parent command takes --region and --date too; whichever caught them, they mean the same.
        const parent = cmd.parent?.opts<{ region?: string; date?: string }>() ?? {};
        const r = await statsReport(app, SYSTEM_ACTOR, { region: o.region ?? parent.region ?? app.config.province, date: o.date ?? parent.date });
        fs.writeFileSync(o.out, r.body);
        output(opts, { file: o.out, region: r.regionCode, date: r.date, bytes: r.body.length }, () => `Wrote the report of ${r.regionCode} as of ${r.date} to ${o.out} (${r.body.length} bytes).`);
      }),
    );
  stats
    .command('rebuild')
    .description('Rebuild every figure from the records (after a restore or an upgrade)')
    .action(async (_o, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const r = await rebuildStats(app);
        output(opts, r, () => `Rebuilt ${r.values} figures over ${r.regions} regions.`);
      }),
    );
}
