import type { Tx } from '../../app/context.ts';
import type { MinimumWageSetup, MinimumWageTable } from '../../domain/demand/minimum-wage.ts';
import { fromJson, nowIso, toJson } from '../codec.ts';

export const DEFAULT_CLASS_KEY = 'demand.minimum_wage_default_class';
export const POVERTY_LINE_KEY = 'demand.poverty_line_yuan_per_year';

async function setting<T>(db: Tx, key: string, fallback: T): Promise<T> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (toJson<T>(r.value) ?? fallback) : fallback;
}

export const minimumWagesRepository = {
  async tables(db: Tx): Promise<(MinimumWageTable & { source: string })[]> {
    const rows = await db.selectFrom('minimum_wage_tables').selectAll().orderBy('province_code').orderBy('effective_from').execute();
    return rows.map((r) => ({ provinceCode: r.province_code, effectiveFrom: r.effective_from, classesFen: toJson<number[]>(r.classes_fen).map(Number), source: r.source }));
  },
  async counties(db: Tx): Promise<{ countyCode: string; wageClass: number; updatedAt: string; version: number }[]> {
    const rows = await db.selectFrom('minimum_wage_counties').selectAll().orderBy('county_code').execute();
    return rows.map((r) => ({ countyCode: r.county_code, wageClass: Number(r.wage_class), updatedAt: r.updated_at, version: Number(r.version) }));
  },
  async county(db: Tx, code: string) {
    return (await this.counties(db)).find((c) => c.countyCode === code);
  },
  async setup(db: Tx): Promise<MinimumWageSetup> {
    const [tables, counties, defaultClass] = await Promise.all([this.tables(db), this.counties(db), setting(db, DEFAULT_CLASS_KEY, 3)]);
    return { tables, countyClass: new Map(counties.map((c) => [c.countyCode, c.wageClass])), defaultClass: Number(defaultClass) };
  },
  async povertyLineYuanPerYear(db: Tx): Promise<number> {
    return Number(await setting(db, POVERTY_LINE_KEY, 4000));
  },
  async defaultClass(db: Tx): Promise<number> {
    return Number(await setting(db, DEFAULT_CLASS_KEY, 3));
  },
  async setCounty(db: Tx, code: string, wageClass: number): Promise<void> {
    const now = nowIso();
    await db
      .insertInto('minimum_wage_counties')
      .values({ county_code: code, wage_class: wageClass, updated_at: now, version: 1 })
      .onConflict((oc) => oc.column('county_code').doUpdateSet((eb) => ({ wage_class: wageClass, updated_at: now, version: eb('minimum_wage_counties.version', '+', 1) })))
      .execute();
  },
  async removeCounty(db: Tx, code: string): Promise<void> {
    await db.deleteFrom('minimum_wage_counties').where('county_code', '=', code).execute();
  },
  async setSetting(db: Tx, key: string, value: unknown): Promise<void> {
    const now = nowIso();
    await db
      .insertInto('settings')
      .values({ key, value: fromJson(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: fromJson(value), updated_at: now }))
      .execute();
  },
  async putTable(db: Tx, t: MinimumWageTable & { source: string }): Promise<void> {
    await db
      .insertInto('minimum_wage_tables')
      .values({ province_code: t.provinceCode, effective_from: t.effectiveFrom, classes_fen: fromJson(t.classesFen), source: t.source })
      .onConflict((oc) => oc.columns(['province_code', 'effective_from']).doUpdateSet({ classes_fen: fromJson(t.classesFen), source: t.source }))
      .execute();
  },
};
