import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Drawer, Empty, Row, Select, Space, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, InfoCircleOutlined, PrinterOutlined, ReadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, type RegionDetail } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { EChart, type ChartClick, type ChartOption } from './EChart.tsx';
import { ReportTable } from './ReportTable.tsx';
import { addDays, dailySeries, definition, formatValue, indicatorName, RATIOS, SECTIONS, today, valueOf, type ChildStats, type RegionStats, type SeriesPoint } from './stats-api.ts';
import './stats.css';

/** The headline figures, each with the ratio read beside it. */
const HEADLINES: { key: string; ratio?: string }[] = [
  { key: 'laborers' },
  { key: 'at_work', ratio: 'at_work_pct' },
  { key: 'returned_to_work' },
  { key: 'jobs_secured' },
  { key: 'intentions' },
  { key: 'employers_operating', ratio: 'operating_rate' },
  { key: 'filled', ratio: 'fill_rate' },
  { key: 'trained' },
  { key: 'people_transported' },
  { key: 'subsidies_paid_fen' },
  { key: 'households_verified', ratio: 'households_verified_pct' },
  { key: 'employers_resumed', ratio: 'resumption_rate' },
];
const TREND_DEFAULT = ['at_work', 'returned_to_work', 'jobs_secured'];
const TREND_DAYS = 90;
/** The printable width of A4 landscape with 8 mm margins, in CSS pixels (281 mm at 96 per inch). */
const PRINT_WIDTH_PX = 1062;

function Label({ k }: { k: string }) {
  const { lang } = useI18n();
  return (
    <Tooltip title={definition(k, lang)}>
      <span>
        {indicatorName(k, lang)} <InfoCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
      </span>
    </Tooltip>
  );
}

/**
 * Every indicator of a region as of a date: headline cards, trend lines, the child regions as bars
 * and as a ranking (click to drill down to the village), and the report to export or print.
 */
export default function StatsDashboardPage() {
  const { t, lang } = useI18n();
  const { code } = useParams<{ code?: string }>();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const date = search.get('date') ?? undefined;
  const [metric, setMetric] = useState('laborers');
  const [trend, setTrend] = useState<string[]>(TREND_DEFAULT);
  const [tab, setTab] = useState('charts');
  const [showDefs, setShowDefs] = useState(false);

  const stats = useQuery({ queryKey: ['stats', code, date], queryFn: ({ signal }) => api<RegionStats>('/stats', { query: { region: code, date }, signal }) });
  const region = stats.data?.region;
  const asOf = stats.data?.date ?? date ?? today();
  const children = useQuery({ queryKey: ['stats-children', region?.code, date], enabled: !!region, queryFn: ({ signal }) => api<ChildStats>('/stats/children', { query: { region: region!.code, date }, signal }) });
  const detail = useQuery({ queryKey: ['region', region?.code], enabled: !!region, queryFn: ({ signal }) => api<RegionDetail>(`/regions/${region!.code}`, { signal }) });
  const from = addDays(asOf, -TREND_DAYS + 1);
  const base = useQuery({ queryKey: ['stats', region?.code, addDays(from, -1)], enabled: !!region, queryFn: ({ signal }) => api<RegionStats>('/stats', { query: { region: region!.code, date: addDays(from, -1) }, signal }) });
  const series = useQuery({
    queryKey: ['stats-series', region?.code, trend.join(','), from, asOf],
    enabled: !!region && trend.length > 0,
    queryFn: ({ signal }) => api<{ points: SeriesPoint[] }>('/stats/series', { query: { region: region!.code, indicators: trend.join(','), from, to: asOf }, signal }),
  });

  // Printing shows only the report, scaled down when its columns are wider than the page.
  useEffect(() => {
    const before = () => {
      const el = document.querySelector<HTMLElement>('.stats-print');
      if (!el) return;
      document.body.classList.add('stats-printing');
      el.style.zoom = '';
      const width = el.querySelector('table')?.scrollWidth ?? 0;
      // A little room to spare: column widths shift slightly once the print media rules apply.
      const fit = PRINT_WIDTH_PX * 0.95;
      el.style.zoom = width > fit ? String(Math.floor((fit / width) * 1000) / 1000) : '';
    };
    const after = () => {
      document.body.classList.remove('stats-printing');
      const el = document.querySelector<HTMLElement>('.stats-print');
      if (el) el.style.zoom = '';
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const print = () => {
    setTab('report');
    setTimeout(() => window.print(), 300);
  };

  const setDate = (d: string | undefined) => {
    const next = new URLSearchParams(search);
    if (d && d < today()) next.set('date', d);
    else next.delete('date');
    setSearch(next);
  };
  const go = useCallback((c: string) => navigate(`/stats/${c}${date ? `?date=${date}` : ''}`), [navigate, date]);

  const kids = children.data?.children ?? [];
  const ranked = useMemo(() => [...kids].sort((a, b) => (valueOf(b, metric) ?? -1) - (valueOf(a, metric) ?? -1) || a.code.localeCompare(b.code)), [kids, metric]);
  const levelWord = region ? t(`stats.level.${region.level}` as MessageKey) : '';

  const barOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 56, right: 16, top: 24, bottom: kids.length > 8 ? 96 : 48 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatValue(metric, metric.endsWith('_fen') ? v * 100 : v, lang) },
      xAxis: { type: 'category', data: kids.map((c) => c.name), axisLabel: { interval: 0, rotate: kids.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value' },
      dataZoom: kids.length > 30 ? [{ type: 'slider', start: 0, end: Math.min(100, (30 / kids.length) * 100), bottom: 4, height: 16 }] : [],
      series: [{ type: 'bar', name: indicatorName(metric, lang), data: kids.map((c) => (metric.endsWith('_fen') ? (valueOf(c, metric) ?? 0) / 100 : valueOf(c, metric))), itemStyle: { color: '#1677ff' }, cursor: 'pointer' }],
    }),
    [kids, metric, lang],
  );
  const onBar = useCallback<ChartClick>((e) => kids[e.dataIndex] && go(kids[e.dataIndex].code), [kids, go]);

  const lineOption = useMemo<ChartOption>(() => {
    const lines = trend.map((k) => ({ k, ...dailySeries(series.data?.points ?? [], k, from, asOf, base.data?.values[k] ?? 0) }));
    return {
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: lines[0]?.days ?? [], boundaryGap: false },
      yAxis: { type: 'value' },
      series: lines.map((l) => ({ type: 'line', name: indicatorName(l.k, lang), step: 'end', showSymbol: false, data: l.k.endsWith('_fen') ? l.values.map((v) => v / 100) : l.values })),
    };
  }, [trend, series.data, base.data, from, asOf, lang]);

  const metricOptions = [...SECTIONS.flatMap((s) => [...s.indicators, ...s.ratios])].map((k) => ({ value: k, label: indicatorName(k, lang) }));
  const crumbs = detail.data ? [...detail.data.ancestors, detail.data] : region ? [region] : [];

  if (stats.isError) return <Alert type="error" showIcon message={t('common.error')} description={(stats.error as Error).message} data-testid="stats-error" />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="stats-page" data-region={region?.code} data-level={region?.level}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap className="no-print">
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
            {t('stats.title')}
            {region ? ` · ${region.name}` : ''}
          </Typography.Title>
          <Breadcrumb
            data-testid="stats-breadcrumb"
            items={crumbs.map((r, i) => ({
              title:
                i === crumbs.length - 1 ? (
                  <span data-testid="stats-crumb-current" data-code={r.code}>{r.name}</span>
                ) : (
                  <Link to={`/stats/${r.code}${date ? `?date=${date}` : ''}`} data-testid={`stats-crumb-${r.code}`}>{r.name}</Link>
                ),
            }))}
          />
        </Space>
        <Space wrap>
          <span>{t('stats.asOf')}</span>
          <span data-testid="stats-date">
          <DatePicker
            allowClear
            value={date ? dayjs(date) : null}
            placeholder={t('stats.today')}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)}
          />
          </span>
          <Button icon={<ReadOutlined />} onClick={() => setShowDefs(true)} data-testid="stats-definitions">{t('stats.definitions')}</Button>
          <Button icon={<FileExcelOutlined />} href={`/api/v1/stats/report.xlsx?region=${region?.code ?? ''}${date ? `&date=${date}` : ''}`} data-testid="stats-export">{t('stats.export')}</Button>
          <Button icon={<PrinterOutlined />} onClick={print} data-testid="stats-print">{t('stats.print')}</Button>
        </Space>
      </Space>

      <Row gutter={[12, 12]} className="no-print" data-testid="stats-cards">
        {HEADLINES.map(({ key, ratio }) => (
          <Col key={key} xs={12} md={8} xl={6} xxl={4}>
            <Card size="small" className="stats-card" loading={stats.isPending} data-testid={`stat-card-${key}`} data-value={stats.data?.values[key]}>
              <Statistic title={<Label k={key} />} value={formatValue(key, stats.data?.values[key], lang)} suffix={key.endsWith('_fen') ? t('stats.yuan') : undefined} />
              {ratio && (
                <Tooltip title={definition(ratio, lang)}>
                  <span className="stats-ratio">{indicatorName(ratio, lang).replace(/\s*[(（]%[)）]$/, '')} {formatValue(ratio, stats.data?.ratios[ratio], lang)}</span>
                </Tooltip>
              )}
            </Card>
          </Col>
        ))}
      </Row>

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'charts',
            label: t('stats.charts'),
            children: (
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card
                  size="small"
                  title={`${t('stats.trend')} · ${t('stats.trendRange', { days: TREND_DAYS })}`}
                  extra={<Select mode="multiple" maxTagCount={3} style={{ minWidth: 320 }} value={trend} onChange={setTrend} options={metricOptions.filter((o) => !RATIOS.some((r) => r.key === o.value))} data-testid="stats-trend-select" />}
                >
                  <EChart option={lineOption} height={280} testId="stats-trend" />
                </Card>
                {region?.level === 'village' ? (
                  <Alert type="info" showIcon message={t('stats.noChildren')} data-testid="stats-no-children" />
                ) : (
                <Row gutter={[16, 16]}>
                  <Col xs={24} xl={14}>
                    <Card
                      size="small"
                      title={t('stats.byChild', { level: levelWord })}
                      extra={<Select showSearch optionFilterProp="label" style={{ width: 220 }} value={metric} onChange={setMetric} options={metricOptions} data-testid="stats-metric" />}
                    >
                      {kids.length ? (
                        <>
                          <EChart option={barOption} height={340} onClick={onBar} testId="stats-bars" />
                          <Typography.Text type="secondary">{t('stats.drillHint')}</Typography.Text>
                        </>
                      ) : (
                        <Empty description={children.isPending ? t('common.loading') : t('stats.noChildren')} />
                      )}
                    </Card>
                  </Col>
                  <Col xs={24} xl={10}>
                    <Card size="small" title={`${t('stats.ranking')} · ${indicatorName(metric, lang)}`}>
                      <Table
                        size="small"
                        className="stats-ranking"
                        rowKey="code"
                        loading={children.isPending}
                        dataSource={ranked}
                        pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
                        data-testid="stats-ranking"
                        onRow={(r) => ({ onClick: () => go(r.code), 'data-testid': `rank-row-${r.code}` }) as HTMLAttributes<HTMLElement>}
                        locale={{ emptyText: t('stats.noChildren') }}
                        columns={[
                          { title: t('stats.rank'), key: 'rank', width: 56, render: (_: unknown, __: unknown, i: number) => i + 1 },
                          { title: t('stats.region'), dataIndex: 'name', render: (n: string, r) => <Link to={`/stats/${r.code}${date ? `?date=${date}` : ''}`} onClick={(e) => e.stopPropagation()}>{n}</Link> },
                          { title: <Label k={metric} />, key: 'v', align: 'right', render: (_: unknown, r) => formatValue(metric, valueOf(r, metric), lang) },
                        ]}
                      />
                    </Card>
                  </Col>
                </Row>
                )}
              </Space>
            ),
          },
          {
            key: 'report',
            label: t('stats.report'),
            children: stats.data ? <ReportTable total={stats.data} children={kids} /> : null,
          },
        ]}
      />

      <Drawer open={showDefs} onClose={() => setShowDefs(false)} title={t('stats.definitions')} size={560} data-testid="stats-definitions-drawer">
        {SECTIONS.map((s) => (
          <div key={s.key} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>{lang === 'en' ? s.en : s.zh}</Typography.Title>
            {[...s.indicators, ...s.ratios].map((k) => (
              <p key={k} style={{ margin: '4px 0' }}>
                <strong>{indicatorName(k, lang)}</strong>{lang === 'en' ? ': ' : '：'}{definition(k, lang)}
              </p>
            ))}
          </div>
        ))}
      </Drawer>
    </Space>
  );
}
