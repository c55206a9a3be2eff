import { Tooltip } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { definition, formatValue, indicatorName, SECTIONS, valueOf, type ChildStats, type RegionStats } from './stats-api.ts';

type Row = { key: string; name: string; values: Record<string, number>; ratios: Record<string, number | null>; kind: 'child' | 'own' | 'total' };

/**
 * The report as counties file it: one row per child region, the indicators as columns grouped by
 * section, the region's own records and a totals row — the layout of the .xlsx export. A plain
 * table, so that printing lays it out from its content alone.
 */
export function ReportTable({ total, children }: { total: RegionStats; children: ChildStats['children'] }) {
  const { t, lang } = useI18n();
  const rows: Row[] = children.map((c) => ({ key: c.code, name: c.name, values: c.values, ratios: c.ratios, kind: 'child' }));
  const own: Record<string, number> = {};
  for (const k of Object.keys(total.values)) own[k] = total.values[k] - children.reduce((s, c) => s + (c.values[k] ?? 0), 0);
  if (children.length && Object.values(own).some((v) => v !== 0)) rows.push({ key: 'own', name: t('stats.own'), values: own, ratios: {}, kind: 'own' });
  rows.push({ key: 'total', name: t('stats.total'), values: total.values, ratios: total.ratios, kind: 'total' });
  const keys = SECTIONS.flatMap((s) => [...s.indicators, ...s.ratios]);
  const ratioKeys = new Set(SECTIONS.flatMap((s) => s.ratios));

  return (
    <div className="stats-print" data-testid="stats-report">
      <div className="stats-print-title">
        <h2>{t('stats.reportTitle', { region: total.region.name })}</h2>
        <div>{t('stats.reportSub', { date: total.date })}</div>
      </div>
      <div className="stats-report-scroll">
        <table className="stats-report-table">
          <thead>
            <tr>
              <th rowSpan={2} className="stats-report-name">{t(`stats.level.${total.region.level}` as MessageKey)}</th>
              {SECTIONS.map((s) => (
                <th key={s.key} colSpan={s.indicators.length + s.ratios.length}>{lang === 'en' ? s.en : s.zh}</th>
              ))}
            </tr>
            <tr>
              {keys.map((k) => (
                <th key={k}>
                  <Tooltip title={definition(k, lang)}>
                    <span className="stats-col-title">{indicatorName(k, lang)}</span>
                  </Tooltip>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.kind === 'total' ? 'stats-total-row' : undefined} data-testid={`report-row-${r.key}`}>
                <td className="stats-report-name">{r.name}</td>
                {keys.map((k) => (
                  <td key={k}>{r.kind === 'own' && ratioKeys.has(k) ? '' : formatValue(k, valueOf(r, k), lang)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
