import type { Config } from '../config.ts';
import { SYSTEM_ACTOR } from '../domain/access/actor.ts';
import { openDatabase } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { regionsRepository } from '../store/repositories/regions.repository.ts';
import { ensureAdmin } from './accounts/users.ts';
import { catchUpStats } from './stats/maintain.ts';
import type { App } from './context.ts';
import { defaultDemoCounty, ledgerIsEmpty, loadDemoLedger } from './ledger/demo/load-demo.ts';
import { ensureDefaultPolicies } from './policy/policies.ts';
import { generateDemandDemo } from './demand/demo-demand.ts';
import { loadRegions } from './regions/load-regions.ts';
import { loadSecrets } from './secrets.ts';

/** Opens the database and secrets. Does not migrate: callers decide (`jiuye migrate` reports, `serve` migrates). */
export async function openApp(config: Config, log: (msg: string) => void = () => {}): Promise<App> {
  const database = await openDatabase(config.databaseUrl);
  return { config, database, secrets: loadSecrets(config.dataDir, config.secretKey), log };
}

/**
 * What `serve` does before listening: migrate, load the configured province's regions when absent,
 * and make sure an administrator exists.
 */
export async function prepare(app: App): Promise<{ adminPassword?: string }> {
  const m = await migrateToLatest(app.database);
  if (m.applied.length) app.log(`Applied ${m.applied.length} migration(s): ${m.applied.join(', ')}`);
  const caught = await catchUpStats(app);
  if (caught.regions) app.log(`Recounted the figures of ${caught.regions} region(s) an interrupted load had changed`);
  const counts = await regionsRepository.countByLevel(app.database.db, app.config.province);
  if (!counts[5]) {
    app.log(`Loading the regions of province ${app.config.province}…`);
    const r = await loadRegions(app, app.config.province);
    app.log(`Loaded ${r.counts.province} province, ${r.counts.city} cities, ${r.counts.county} counties, ${r.counts.town} towns, ${r.counts.village} villages in ${r.ms} ms`);
  }
  await ensureDefaultPolicies(app);
  const admin = await ensureAdmin(app, SYSTEM_ACTOR);
  // A newcomer should meet a living ledger; JIUYE_DEMO=0 keeps a real installation empty.
  const demoCounty = app.config.demo && (await ledgerIsEmpty(app)) ? await defaultDemoCounty(app) : undefined;
  if (demoCounty) {
    app.log(`Loading the demo ledger of county ${demoCounty} (set JIUYE_DEMO=0 to skip)…`);
    const d = await loadDemoLedger(app, { county: demoCounty, whole: true, onProgress: (p) => app.log(`  ${p.accepted.toLocaleString('en')} people written`) });
    app.log(`Demo ledger of ${d.countyName}: ${d.accepted.toLocaleString('en')} people in ${(d.ms / 1000).toFixed(1)} s`);
    const demand = await generateDemandDemo(app, { county: demoCounty, seed: 1 });
    app.log(`Demo employers, postings and a Spring Breeze campaign: ${JSON.stringify(demand)}`);
  }
  return { adminPassword: admin.password };
}
