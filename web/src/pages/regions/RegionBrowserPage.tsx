import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Breadcrumb, Button, Card, Empty, Flex, Input, Result, Skeleton, Space, Table, Typography } from 'antd';
import { ArrowUpOutlined, GlobalOutlined, SearchOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, isApiError, type Region, type RegionDetail } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LevelTag, RegionOption, useRegionSearch } from './region-ui.tsx';

type Row = Region & { childCount?: number };

function RegionSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const search = useRegionSearch(text);
  const options = (text.trim() ? (search.data ?? []) : []).map((r) => ({ value: r.code, label: <RegionOption r={r} /> }));
  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={setText}
      onSelect={(code: string) => {
        setText('');
        navigate(`/regions/${code}`);
      }}
      notFoundContent={text.trim() && search.isFetched && !search.isFetching ? t('region.noMatch') : null}
      style={{ width: '100%', maxWidth: 420 }}
      popupMatchSelectWidth={false}
    >
      <Input prefix={<SearchOutlined />} placeholder={t('region.search')} allowClear data-testid="region-search" />
    </AutoComplete>
  );
}

function RegionCrumbs({ region }: { region?: RegionDetail }) {
  const { t } = useI18n();
  const items = [
    {
      key: 'root',
      title: region ? (
        <Link to="/regions" data-testid="crumb-root">
          <GlobalOutlined /> {t('region.all')}
        </Link>
      ) : (
        <span data-testid="crumb-root">
          <GlobalOutlined /> {t('region.all')}
        </span>
      ),
    },
    ...(region?.ancestors ?? []).map((a) => ({
      key: a.code,
      title: (
        <Link to={`/regions/${a.code}`} data-testid={`crumb-${a.code}`}>
          {a.name}
        </Link>
      ),
    })),
    ...(region ? [{ key: region.code, title: <span data-testid="crumb-current" data-code={region.code}>{region.name}</span> }] : []),
  ];
  return (
    <div data-testid="region-breadcrumb">
      <Breadcrumb items={items} />
    </div>
  );
}

function RegionHeader({ region }: { region?: RegionDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card size="small" loading={!region}>
      {region && (
        <Flex wrap gap={12} align="center" justify="space-between">
          <Space size={12} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="region-name">
              {region.name}
            </Typography.Title>
            <LevelTag level={region.level} testId="region-level" />
            <Typography.Text code copyable data-testid="region-code">
              {region.code}
            </Typography.Text>
          </Space>
          <Button icon={<ArrowUpOutlined />} onClick={() => navigate(region.parentCode ? `/regions/${region.parentCode}` : '/regions')} data-testid="region-up">
            {t('region.up')}
          </Button>
          {region.level === 'village' && (
            <Typography.Text type="secondary" style={{ flexBasis: '100%' }}>
              {t('region.lowest')}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}

export default function RegionBrowserPage() {
  const { code } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useState({ code, text: '' });
  // A new region starts with an empty filter; keeping the state keyed on it avoids an effect.
  const filterText = filter.code === code ? filter.text : '';

  const detail = useQuery({
    queryKey: ['regions', 'detail', code],
    queryFn: ({ signal }) => api<RegionDetail>(`/regions/${code}`, { signal }),
    enabled: !!code,
  });
  const roots = useQuery({
    queryKey: ['regions', 'roots'],
    queryFn: ({ signal }) => api<{ items: Region[] }>('/regions', { signal }).then((r) => r.items),
    enabled: !code,
  });
  const q = code ? detail : roots;
  const region = code ? detail.data : undefined;
  const rows: Row[] = useMemo(() => {
    const all: Row[] = (code ? detail.data?.children : roots.data) ?? [];
    const f = filterText.trim();
    return f ? all.filter((r) => r.name.includes(f) || r.code.startsWith(f)) : all;
  }, [code, detail.data, roots.data, filterText]);
  const total = (code ? detail.data?.children.length : roots.data?.length) ?? 0;

  const columns: ColumnsType<Row> = [
    {
      title: t('region.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={`/regions/${r.code}`} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t('region.level'), dataIndex: 'level', width: 100, render: (level: string) => <LevelTag level={level} /> },
    { title: t('region.code'), dataIndex: 'code', width: 160, responsive: ['sm'], render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('region.children'), dataIndex: 'childCount', width: 110, align: 'right', render: (n?: number) => (n === undefined ? '—' : n) },
  ];

  if (q.error) {
    const notFound = isApiError(q.error) && (q.error.status === 404 || q.error.status === 400);
    return (
      <>
        <RegionCrumbs />
        <Result status={notFound ? '404' : 'warning'} title={notFound ? t('common.notFound') : t('common.error')} subTitle={q.error.message} extra={<Link to="/regions"><Button type="primary">{t('region.all')}</Button></Link>} />
      </>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="region-browser">
      <PageHeader title={t('region.title')}>
        <RegionSearch />
      </PageHeader>
      <RegionCrumbs region={region} />
      {code && <RegionHeader region={region} />}
      {region?.level !== 'village' && (
        <Card
          size="small"
          title={region ? t('region.childrenOf', { name: region.name, count: total }) : t('region.roots')}
          extra={total > 10 ? <Input size="small" allowClear placeholder={t('region.filter')} value={filterText} onChange={(e) => setFilter({ code, text: e.target.value })} style={{ width: 180, maxWidth: '40vw' }} data-testid="region-filter" /> : null}
        >
          {q.isPending ? (
            <Skeleton active />
          ) : total === 0 ? (
            <Empty description={t('region.noChildren')} />
          ) : (
            <Table<Row>
              rowKey="code"
              size="middle"
              columns={columns}
              dataSource={rows}
              data-testid="region-children"
              rowClassName="clickable-row"
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              onRow={(r) => ({ onClick: () => navigate(`/regions/${r.code}`), 'data-testid': `region-row-${r.code}`, 'data-code': r.code, 'data-level': r.level }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
