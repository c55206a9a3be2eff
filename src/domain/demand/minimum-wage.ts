/**
 * Local minimum wage as data: a province publishes a table of monthly amounts by class (一类, 二类, …)
 * with an effective date; each county belongs to a class. A county not listed uses the default class.
 */
export interface MinimumWageTable {
  provinceCode: string;
  effectiveFrom: string;
  /** Monthly amounts in fen, class 1 first. */
  classesFen: number[];
}

export interface MinimumWageSetup {
  tables: MinimumWageTable[];
  /** County code → class (1-based). */
  countyClass: Map<string, number>;
  defaultClass: number;
}

export interface MinimumWage {
  monthlyFen: number;
  wageClass: number;
  effectiveFrom: string;
  provinceCode: string;
}

/** The table of the region's province in force on `date` (YYYY-MM-DD): the latest effective on or before it. */
export function tableInForce(tables: MinimumWageTable[], regionCode: string, date: string): MinimumWageTable | undefined {
  const province = regionCode.slice(0, 2);
  let best: MinimumWageTable | undefined;
  for (const t of tables) {
    if (t.provinceCode !== province || t.effectiveFrom > date) continue;
    if (!best || t.effectiveFrom > best.effectiveFrom) best = t;
  }
  return best;
}

/**
 * The monthly minimum wage for a place on a date. A class beyond the table's last class (a table
 * with fewer classes than an older one) takes the last, lowest class.
 */
export function minimumWageFor(setup: MinimumWageSetup, regionCode: string, date: string): MinimumWage | undefined {
  const t = tableInForce(setup.tables, regionCode, date);
  if (!t || t.classesFen.length === 0) return undefined;
  const cls = setup.countyClass.get(regionCode.slice(0, 6)) ?? setup.defaultClass;
  const i = Math.min(Math.max(cls, 1), t.classesFen.length) - 1;
  return { monthlyFen: t.classesFen[i], wageClass: i + 1, effectiveFrom: t.effectiveFrom, provinceCode: t.provinceCode };
}

/** The poverty-line monthly income in fen, from a yearly amount in yuan (default 4,000 yuan ÷ 12). */
export function povertyLineMonthlyFen(yearlyYuan = 4000): number {
  return Math.ceil((yearlyYuan * 100) / 12);
}
