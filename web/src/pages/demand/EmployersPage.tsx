import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { CursorTable, useCursorPages } from '../../components/cursor-list.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { OPERATING_STATUSES, percent, type Employer, type RateRow } from './demand-api.ts';
import { StatusTag, useCan } from './demand-ui.tsx';
import { EmployerForm } from './EmployerForm.tsx';

function RatesCard() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['demand', 'employer-stats'], queryFn: ({ signal }) => api<{ total: RateRow; byRegion: RateRow[] }>('/employers/stats', { signal }) });
  const total = q.data?.total;
  return (
    <Card title={t('employer.stats')} size="small" loading={q.isLoading} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('employer.stats.note')}</Typography.Text>}>
      {total && (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}><Statistic title={t('employer.stats.registered')} value={total.registered} /></Col>
            <Col xs={12} md={6}><Statistic title={t('employer.stats.operatingRate')} value={percent(total.operatingRate)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('employer.stats.resumptionRate')} value={percent(total.resumptionRate)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('employer.status.suspended')} value={total.suspended} /></Col>
          </Row>
          <Table<RateRow>
            size="small"
            style={{ marginTop: 12 }}
            rowKey="regionCode"
            pagination={false}
            dataSource={q.data!.byRegion}
            scroll={{ x: true }}
            columns={[
              { title: t('employer.region'), render: (_, r) => `${r.regionName ?? ''} ${r.regionCode}` },
              { title: t('employer.stats.registered'), dataIndex: 'registered' },
              { title: t('employer.status.operating'), dataIndex: 'operating' },
              { title: t('employer.status.resumed'), dataIndex: 'resumed' },
              { title: t('employer.status.suspended'), dataIndex: 'suspended' },
              { title: t('employer.stats.operatingRate'), render: (_, r) => percent(r.operatingRate) },
              { title: t('employer.stats.resumptionRate'), render: (_, r) => percent(r.resumptionRate) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

export default function EmployersPage() {
  const { t } = useI18n();
  const can = useCan();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const { list, items } = useCursorPages<Employer>(['demand', 'employers', q, status], '/employers', { q, operatingStatus: status });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('nav.employers')}</Typography.Title>
        {can('employer.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="employer-new">{t('employer.new')}</Button>}
      </Flex>
      {can('employer.stats') && <RatesCard />}
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('demand.search')} onSearch={setQ} style={{ maxWidth: 320 }} data-testid="employer-search" />
          <Select allowClear placeholder={t('employer.operatingStatus')} value={status} onChange={setStatus} style={{ width: 160 }} options={OPERATING_STATUSES.map((s) => ({ value: s, label: t(`employer.status.${s}`) }))} />
        </Flex>
        <CursorTable<Employer>
          list={list}
          items={items}
          more={t('demand.loadMore')}
          end={t('demand.end')}
          size="small"
          loading={list.isLoading}
          scroll={{ x: true }}
          columns={[
            { title: t('employer.name'), render: (_, e) => <Link to={`/employers/${e.id}`}>{e.name}</Link> },
            { title: t('employer.creditCode'), dataIndex: 'creditCode', render: (v) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('employer.region'), render: (_, e) => e.regionName ?? e.regionCode },
            { title: t('employer.operatingStatus'), render: (_, e) => <StatusTag prefix="employer.status" value={e.operatingStatus} /> },
            { title: t('employer.employeesTotal'), dataIndex: 'employeesTotal' },
            { title: t('employer.poorEmployees'), dataIndex: 'poorEmployees' },
            { title: '', render: (_, e) => <Space>{e.isSme && <Tag>{t('employer.isSme')}</Tag>}{e.isWorkshop && <Tag color="gold">{t('employer.isWorkshop')}</Tag>}</Space> },
            { title: t('employer.contactPhone'), dataIndex: 'contactPhone' },
          ]}
        />
      </Card>
      <EmployerForm open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
