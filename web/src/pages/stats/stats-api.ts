import { INDICATORS, RATIOS, SECTIONS, indicator, type Indicator } from '../../../../src/domain/stats/indicators.ts';
import type { Lang } from '../../i18n/i18n.tsx';

export { INDICATORS, RATIOS, SECTIONS, indicator };
export type { Indicator };

export interface StatsRegion {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'village';
}

export interface RegionStats {
  region: StatsRegion;
  date: string;
  values: Record<string, number>;
  ratios: Record<string, number | null>;
}

export interface ChildStats {
  region: StatsRegion;
  children: { code: string; name: string; values: Record<string, number>; ratios: Record<string, number | null> }[];
}

export interface SeriesPoint {
  indicator: string;
  day: string;
  value: number;
}

export function indicatorName(key: string, lang: Lang): string {
  const i = indicator(key);
  if (i) return lang === 'en' ? i.en : i.zh;
  const r = RATIOS.find((x) => x.key === key);
  return r ? (lang === 'en' ? r.en : r.zh) : key;
}

/** The definition shown beside a figure; a ratio is defined by its two counts. */
export function definition(key: string, lang: Lang): string {
  const i = indicator(key);
  if (i) return lang === 'en' ? i.definitionEn : i.definitionZh;
  const r = RATIOS.find((x) => x.key === key);
  if (!r) return '';
  return `${indicatorName(r.numerator, lang)} ÷ ${indicatorName(r.denominator, lang)} × 100%`;
}

const isRatio = (key: string) => RATIOS.some((r) => r.key === key);

/** A figure as people read it: amounts in yuan with two decimals, ratios as percentages, counts grouped. */
export function formatValue(key: string, v: number | null | undefined, lang: Lang): string {
  if (v == null) return '—';
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  if (isRatio(key)) return `${v.toLocaleString(locale, { maximumFractionDigits: 2 })}%`;
  if (indicator(key)?.unit === 'fen') return (v / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return v.toLocaleString(locale);
}

export function valueOf(row: { values: Record<string, number>; ratios: Record<string, number | null> }, key: string): number | null {
  return isRatio(key) ? (row.ratios[key] ?? null) : (row.values[key] ?? 0);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Daily values from the change history: the history holds a row only for days a figure changed,
 * so each day carries the last value known on or before it, starting from the value the day before `from`.
 */
export function dailySeries(points: SeriesPoint[], key: string, from: string, to: string, start: number): { days: string[]; values: number[] } {
  const changes = new Map(points.filter((p) => p.indicator === key).map((p) => [p.day, p.value]));
  const days: string[] = [];
  const values: number[] = [];
  let v = start;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (changes.has(d)) v = changes.get(d)!;
    days.push(d);
    values.push(v);
  }
  return { days, values };
}

export const today = () => new Date().toISOString().slice(0, 10);
