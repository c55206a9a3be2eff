import type { Command } from 'commander';
import { generateDemandDemo } from '../../app/demand/demo-demand.ts';
import { loadDemoLedger } from '../../app/ledger/demo/load-demo.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { output, withApp } from '../context.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Fill the real villages of a real county with synthetic, realistic households (deterministic for a seed)')
    .option('--county <code>', 'six-digit county code', '140225')
    .option('--households <n>', 'number of households', (v) => Number(v), 20_000)
    .option('--seed <n>', 'random seed; the same seed gives the same ledger', (v) => Number(v), 1)
    .action(async (o: { county: string; households: number; seed: number }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        await migrateToLatest(app.database);
        const tty = !opts.json && process.stderr.isTTY;
        const r = await loadDemoLedger(app, {
          county: o.county,
          households: o.households,
          seed: o.seed,
          whole: true,
          onProgress: tty ? (p) => process.stderr.write(`\r  ${p.accepted.toLocaleString('en')} people written   `) : undefined,
        });
        if (tty) process.stderr.write('\n');
        // Employers, postings and a campaign of the same county, after the people so that some attend.
        const demand = await generateDemandDemo(app, { county: r.county, seed: o.seed });
        output(opts, { county: r.county, countyName: r.countyName, people: r.accepted, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, ms: r.ms, demand }, () =>
          `Demo ledger of ${r.countyName} (${r.county}), seed ${o.seed}: ${r.accepted.toLocaleString('en')} people (created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}) in ${(r.ms / 1000).toFixed(1)} s\n` +
          `Demand: ${demand.employers} employers, ${demand.postings} postings${demand.skipped ? ' (already there)' : ''}`,
        );
      }),
    );
}
