import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { minimumWageFor, povertyLineMonthlyFen } from '../../domain/demand/minimum-wage.ts';
import { DomainError } from '../../domain/errors.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { DEFAULT_CLASS_KEY, minimumWagesRepository, POVERTY_LINE_KEY } from '../../store/repositories/minimum-wages.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';

/** The tables, the county classes, the default class and the poverty line; with `county` and `date`, the wage that applies. */
export async function viewMinimumWages(app: App, actor: Actor, q: { county?: string; date?: string } = {}) {
  authorize(actor, 'minimum_wage.read');
  const db = app.database.db;
  const [tables, counties, defaultClass, yearly, setup] = await Promise.all([
    minimumWagesRepository.tables(db),
    minimumWagesRepository.counties(db),
    minimumWagesRepository.defaultClass(db),
    minimumWagesRepository.povertyLineYuanPerYear(db),
    minimumWagesRepository.setup(db),
  ]);
  const names = await demandRegionsRepository.names(db, counties.map((c) => c.countyCode));
  const applies = q.county && q.date && isIsoDate(q.date) ? (minimumWageFor(setup, q.county, q.date) ?? null) : undefined;
  return {
    tables,
    counties: counties.map((c) => ({ ...c, countyName: names.get(c.countyCode) ?? null })),
    defaultClass,
    povertyLineYuanPerYear: yearly,
    povertyLineMonthlyFen: povertyLineMonthlyFen(yearly),
    ...(applies !== undefined ? { applies } : {}),
  };
}

const classIssue = (field: string) => ({ field, code: 'wage_class_range', message: 'must be a class from 1 to 9', messageZh: '最低工资类别应为1至9' });

/** Puts a county in a wage class (null removes it, so the default class applies). */
export async function setCountyWageClass(app: App, actor: Actor, countyCode: string, wageClass: number | null) {
  authorize(actor, 'minimum_wage.manage');
  if (wageClass !== null && (!Number.isInteger(wageClass) || wageClass < 1 || wageClass > 9)) throw DomainError.invalid([classIssue('wageClass')]);
  return inTransaction(app, async (trx) => {
    if (!/^\d{6}$/.test(countyCode) || !(await demandRegionsRepository.resolve(trx, countyCode))) {
      throw DomainError.invalid([{ field: 'countyCode', code: 'region_unknown', message: `no county with code ${countyCode}`, messageZh: '县级区划代码不存在' }]);
    }
    const before = await minimumWagesRepository.county(trx, countyCode);
    if (wageClass === null) await minimumWagesRepository.removeCounty(trx, countyCode);
    else await minimumWagesRepository.setCounty(trx, countyCode, wageClass);
    await writeAudit(trx, actor, { action: 'minimum_wage.county', entity: 'minimum_wage_county', entityId: countyCode, regionCode: countyCode, before: before ? { wageClass: before.wageClass } : null, after: wageClass === null ? null : { wageClass } });
    return { countyCode, wageClass };
  });
}

/** Changes the default class of unlisted counties and the yearly poverty line. */
export async function setWageParameters(app: App, actor: Actor, input: { defaultClass?: number; povertyLineYuanPerYear?: number }) {
  authorize(actor, 'minimum_wage.manage');
  if (input.defaultClass !== undefined && (!Number.isInteger(input.defaultClass) || input.defaultClass < 1 || input.defaultClass > 9)) throw DomainError.invalid([classIssue('defaultClass')]);
  if (input.povertyLineYuanPerYear !== undefined && !(input.povertyLineYuanPerYear > 0 && input.povertyLineYuanPerYear < 100000)) {
    throw DomainError.invalid([{ field: 'povertyLineYuanPerYear', code: 'poverty_line_range', message: 'must be between 1 and 99,999 yuan a year', messageZh: '贫困线应在1至99999元/年之间' }]);
  }
  return inTransaction(app, async (trx) => {
    const before = { defaultClass: await minimumWagesRepository.defaultClass(trx), povertyLineYuanPerYear: await minimumWagesRepository.povertyLineYuanPerYear(trx) };
    if (input.defaultClass !== undefined) await minimumWagesRepository.setSetting(trx, DEFAULT_CLASS_KEY, input.defaultClass);
    if (input.povertyLineYuanPerYear !== undefined) await minimumWagesRepository.setSetting(trx, POVERTY_LINE_KEY, input.povertyLineYuanPerYear);
    const after = { ...before, ...input };
    await writeAudit(trx, actor, { action: 'minimum_wage.parameters', entity: 'setting', entityId: 'demand', before, after });
    return after;
  });
}

/** Adds or replaces a province's table effective from a date (amounts in fen, class 1 first). */
export async function putWageTable(app: App, actor: Actor, input: { provinceCode: string; effectiveFrom: string; classesFen: number[]; source?: string }) {
  authorize(actor, 'minimum_wage.manage');
  const issues = [];
  if (!/^\d{2}$/.test(input.provinceCode)) issues.push({ field: 'provinceCode', code: 'region_code_format', message: 'must be a two-digit province code', messageZh: '省级区划代码应为2位' });
  if (!isIsoDate(input.effectiveFrom)) issues.push({ field: 'effectiveFrom', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' });
  if (!input.classesFen.length || input.classesFen.some((v) => !Number.isInteger(v) || v <= 0)) issues.push({ field: 'classesFen', code: 'wage_amounts', message: 'must list at least one positive amount in fen, class 1 first', messageZh: '请按一类起填写正的月最低工资（分）' });
  if (issues.length) throw DomainError.invalid(issues);
  return inTransaction(app, async (trx) => {
    const t = { provinceCode: input.provinceCode, effectiveFrom: input.effectiveFrom, classesFen: input.classesFen, source: input.source ?? '' };
    await minimumWagesRepository.putTable(trx, t);
    await writeAudit(trx, actor, { action: 'minimum_wage.table', entity: 'minimum_wage_table', entityId: `${t.provinceCode}:${t.effectiveFrom}`, regionCode: t.provinceCode, after: t });
    return t;
  });
}
