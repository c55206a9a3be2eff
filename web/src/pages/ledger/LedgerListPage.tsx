import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Form, Input, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { searchKind, termLabel, type LedgerHousehold, type LedgerPerson, type Page } from './ledger-api.ts';
import { HouseholdForm } from './HouseholdForm.tsx';
import { CategoryTag, RegionPicker, RevealButton, useCan, VocabSelect } from './ledger-ui.tsx';

interface Filters {
  q?: string;
  region?: string;
  category?: string;
  employmentStatus?: string;
  verificationStatus?: string;
  zeroEmployment?: string;
}

const PAGE = 50;

function query(f: Filters) {
  return {
    ...searchKind(f.q ?? ''),
    region: f.region,
    category: f.category,
    employmentStatus: f.employmentStatus,
    verificationStatus: f.verificationStatus,
    zeroEmployment: f.zeroEmployment,
  };
}

/** One page of the ledger at a time, by id; "load more" follows the server's cursor. */
function useLedgerPages<T>(kind: 'persons' | 'households', filters: Filters) {
  return useInfiniteQuery({
    queryKey: ['ledger', kind, filters],
    queryFn: ({ pageParam, signal }) => api<Page<T>>(`/${kind}`, { query: { ...query(filters), cursor: pageParam, limit: PAGE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function PeopleTable({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const q = useLedgerPages<LedgerPerson>('persons', filters);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Results q={q} count={items.length}>
      <Table<LedgerPerson>
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
        data-testid="ledger-people"
        onRow={(p) => ({ 'data-testid': `person-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('ledger.name'), dataIndex: 'name', fixed: 'left', render: (v: string, p) => <Link to={`/ledger/households/${p.householdId}`}>{v}</Link> },
          { title: t('ledger.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('ledger.phone'), dataIndex: 'phone', responsive: ['sm'], render: (v: string | null) => v ?? '—' },
          { title: t('ledger.category'), dataIndex: 'category', render: (v: string, p) => <CategoryTag category={v} subtype={p.monitoredSubtype} /> },
          { title: t('ledger.employmentStatus'), dataIndex: 'employmentStatus', render: (v: string) => termLabel('employmentStatus', v, lang) },
          { title: t('ledger.verificationStatus'), dataIndex: 'verificationStatus', responsive: ['md'], render: (v: string) => <Tag color={v === 'verified' ? 'blue' : undefined}>{termLabel('verificationStatus', v, lang)}</Tag> },
          { title: t('ledger.householdNo'), dataIndex: 'householdNo', responsive: ['lg'] },
          { title: t('ledger.villageCode'), dataIndex: 'villageCode', responsive: ['xl'], render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          ...(can('person.reveal') ? [{ title: t('ledger.actions'), key: 'actions', render: (_: unknown, p: LedgerPerson) => <RevealButton personId={p.id} /> }] : []),
        ]}
      />
    </Results>
  );
}

function HouseholdsTable({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const q = useLedgerPages<LedgerHousehold>('households', filters);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Results q={q} count={items.length}>
      <Table<LedgerHousehold>
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
        data-testid="ledger-households"
        onRow={(h) => ({ 'data-testid': `household-row-${h.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('ledger.householdNo'), dataIndex: 'householdNo', fixed: 'left', render: (v: string, h) => <Link to={`/ledger/households/${h.id}`}>{v}</Link> },
          { title: t('ledger.village'), dataIndex: 'villageName', render: (v: string | null, h) => v ?? h.villageCode },
          { title: t('ledger.category'), dataIndex: 'category', render: (v: string, h) => <CategoryTag category={v} subtype={h.monitoredSubtype} /> },
          { title: t('ledger.memberCount'), dataIndex: 'memberCount' },
          { title: t('ledger.employed'), dataIndex: 'employedCount', responsive: ['sm'] },
          { title: t('ledger.zeroEmployment'), dataIndex: 'zeroEmployment', responsive: ['md'], render: (v: boolean) => (v ? <Tag color="red">{t('common.yes')}</Tag> : t('common.no')) },
          { title: t('ledger.relocated'), dataIndex: 'relocated', responsive: ['lg'], render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
        ]}
      />
    </Results>
  );
}

function Results({ q, count, children }: { q: ReturnType<typeof useLedgerPages<any>>; count: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('ledger.shown', { count })}>
      {q.error && <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} />}
      {children}
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {q.hasNextPage ? (
          <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="ledger-more">
            {t('ledger.loadMore')}
          </Button>
        ) : count > 0 ? (
          <Typography.Text type="secondary">{t('ledger.end')}</Typography.Text>
        ) : null}
      </div>
    </Card>
  );
}

export default function LedgerListPage() {
  const { t } = useI18n();
  const can = useCan();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [kind, setKind] = useState<'persons' | 'households'>('persons');
  const [creating, setCreating] = useState(false);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ledger-page">
      <Flex wrap gap={12} justify="space-between" align="center">
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
          {t('ledger.title')}
        </Typography.Title>
        {can('household.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="household-create">
            {t('ledger.newHousehold')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={(v) => setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x != null && x !== '')))} data-testid="ledger-filters">
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="q" label={t('common.search')}>
                <Input allowClear prefix={<SearchOutlined />} placeholder={t('ledger.search')} data-testid="ledger-search" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="region" label={t('ledger.region')}>
                <RegionPicker testId="ledger-region" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="category" label={t('ledger.category')}>
                <VocabSelect name="category" testId="ledger-category" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="employmentStatus" label={t('ledger.employmentStatus')}>
                <VocabSelect name="employmentStatus" testId="ledger-employment" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="verificationStatus" label={t('ledger.verificationStatus')}>
                <VocabSelect name="verificationStatus" testId="ledger-verification" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="zeroEmployment" label={t('ledger.zeroEmployment')}>
                <Select allowClear placeholder={t('ledger.any')} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
              </Form.Item>
            </Col>
          </Row>
          <Flex wrap gap={12} justify="space-between">
            <Segmented
              value={kind}
              onChange={(v) => setKind(v as 'persons' | 'households')}
              options={[{ value: 'persons', label: t('ledger.people') }, { value: 'households', label: t('ledger.households') }]}
              data-testid="ledger-kind"
            />
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="ledger-apply">
                {t('common.search')}
              </Button>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Flex>
        </Form>
      </Card>
      {kind === 'persons' ? <PeopleTable filters={filters} /> : <HouseholdsTable filters={filters} />}
      <HouseholdForm open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
