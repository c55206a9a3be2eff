import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { isRegionCode, REGION_LEVELS } from '../../domain/regions/region-code.ts';
import { INDICATORS, ratios } from '../../domain/stats/indicators.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import { statsRepository } from '../../store/stats/stats.repository.ts';
import type { App } from '../context.ts';
import { foldStatsDifferences } from './maintain.ts';

function checkDate(date: string | undefined): void {
  // Date.parse rolls 2020-02-30 over to March; a real day reads back the same.
  const real = (d: string) => { const t = Date.parse(`${d}T00:00:00Z`); return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d; };
  if (date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !real(date))) {
    throw DomainError.invalid([{ field: 'date', code: 'date_format', message: 'must be a date written YYYY-MM-DD', messageZh: '日期格式应为YYYY-MM-DD' }]);
  }
}

async function regionInScope(app: App, actor: Actor, code: string | undefined) {
  authorize(actor, 'stats.read');
  const want = code ?? (actor.regionCode || app.config.province);
  if (!isRegionCode(want)) throw DomainError.invalid([{ field: 'region', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' }]);
  scopeRegion(actor, want);
  if (actor.role !== 'admin' && !want.startsWith(actor.regionCode)) throw new DomainError('out_of_scope', `Region ${want} is outside your region ${actor.regionCode}`);
  const region = await regionsRepository.find(app.database.db, want);
  if (!region) throw DomainError.notFound('Region', want);
  return { code: region.code, name: region.name, level: REGION_LEVELS[region.level - 1] };
}

/** Every indicator's definition, for the UI and the reports. */
export function indicatorDefinitions() {
  return INDICATORS.map((i) => ({ key: i.key, unit: i.unit, zh: i.zh, en: i.en, definitionZh: i.definitionZh, definitionEn: i.definitionEn }));
}

function asList(values: Record<string, number>) {
  return Object.fromEntries(INDICATORS.map((i) => [i.key, values[i.key] ?? 0]));
}

/** All indicators of a region, now or as of the end of a past day. */
export async function regionStats(app: App, actor: Actor, q: { region?: string; date?: string }) {
  checkDate(q.date);
  const region = await regionInScope(app, actor, q.region);
  const today = new Date().toISOString().slice(0, 10);
  await foldStatsDifferences(app);
  const raw = q.date && q.date < today ? await statsRepository.totalsAsOf(app.database.db, region.code, q.date) : await statsRepository.totals(app.database.db, region.code);
  const values = asList(raw);
  return { region, date: q.date && q.date < today ? q.date : today, values, ratios: ratios(values) };
}

/** The indicators of each child region of a region, now or as of the end of a past day, for bars, rankings and the report rows. */
export async function childStats(app: App, actor: Actor, q: { region?: string; date?: string }) {
  checkDate(q.date);
  const region = await regionInScope(app, actor, q.region);
  const past = q.date !== undefined && q.date < new Date().toISOString().slice(0, 10);
  await foldStatsDifferences(app);
  const children = past ? await statsRepository.childTotalsAsOf(app.database.db, region.code, q.date!) : await statsRepository.childTotals(app.database.db, region.code);
  return { region, children: children.map((c) => ({ code: c.code, name: c.name, values: asList(c.values), ratios: ratios(asList(c.values)) })) };
}

/** Daily values of some indicators of a region over a period, for trend lines. */
export async function statsSeries(app: App, actor: Actor, q: { region?: string; indicators: string[]; from: string; to: string }) {
  checkDate(q.from);
  checkDate(q.to);
  const region = await regionInScope(app, actor, q.region);
  const unknown = q.indicators.filter((k) => !INDICATORS.some((i) => i.key === k));
  if (unknown.length) throw DomainError.invalid([{ field: 'indicators', code: 'indicator_unknown', message: `unknown indicator(s): ${unknown.join(', ')}` }]);
  await foldStatsDifferences(app);
  return { region, points: await statsRepository.series(app.database.db, region.code, q.indicators, q.from, q.to) };
}
