import { SYSTEM_ACTOR } from '../../../domain/access/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { App } from '../../context.ts';
import { loadRegions } from '../../regions/load-regions.ts';
import { runLedgerImport, type ImportProgress, type ImportResult } from '../import/run-import.ts';

export interface DemoLedgerOptions {
  county?: string;
  households?: number;
  seed?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Load in one transaction (see ImportOptions.whole): for a command or a start-up that owns the database meanwhile. */
  whole?: boolean;
}

/** The county the demo fills when none is named: 浑源县 in Shanxi, else the province's first county. */
export async function defaultDemoCounty(app: App): Promise<string | undefined> {
  if (app.config.province === '14') return '140225';
  const r = await app.database.db.selectFrom('regions').select('code').where('level', '=', 3).where('code', 'like', `${app.config.province}%`).orderBy('code').executeTakeFirst();
  return r?.code;
}

/**
 * Fills the real villages of a real county with synthetic households (demo/generate.ts), through
 * the import's own path: the same validation, batches and bulk writer. Deterministic for a seed;
 * running it again with the same seed changes nothing.
 */
export async function loadDemoLedger(app: App, o: DemoLedgerOptions = {}): Promise<ImportResult & { county: string; countyName: string }> {
  const county = o.county ?? '140225';
  if (!/^\d{6}$/.test(county)) throw DomainError.invalid([{ field: 'county', code: 'region_code_format', message: 'must be a six-digit county code such as 140225', messageZh: '县级代码应为6位数字' }]);
  const db = app.database.db;
  let villages = await db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', `${county}%`).orderBy('code').execute();
  if (!villages.length) {
    await loadRegions(app, county.slice(0, 2));
    villages = await db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', `${county}%`).orderBy('code').execute();
  }
  const region = await db.selectFrom('regions').select('name').where('code', '=', county).executeTakeFirst();
  if (!region || !villages.length) throw DomainError.invalid([{ field: 'county', code: 'region_unknown', message: `no county with code ${county} and villages exists`, messageZh: `县级代码${county}不存在或无村级区划` }]);
  const r = await runLedgerImport(app, SYSTEM_ACTOR, {
    source: { kind: 'demo', county, countyName: region.name, households: o.households ?? 20_000, seed: o.seed ?? 1, villages: villages.map((v) => v.code) },
    onProgress: o.onProgress,
    whole: o.whole,
  });
  return { ...r, county, countyName: region.name };
}

/** Whether the ledger holds anybody yet (the demo loads only into an empty one on start). */
export async function ledgerIsEmpty(app: App): Promise<boolean> {
  return !(await app.database.db.selectFrom('persons').select('id').limit(1).executeTakeFirst());
}
