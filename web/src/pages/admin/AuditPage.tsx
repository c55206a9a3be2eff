import { useState } from 'react';
import { Card, Col, DatePicker, Empty, Form, Input, InputNumber, Row, Space, Table, Tag, Typography } from 'antd';
import { CursorTable, useCursorPages } from '../../components/cursor-list.tsx';
import { SearchResetButtons } from '../../components/SearchResetButtons.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

interface AuditEntry {
  id: number;
  at: string;
  actorId: number;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  regionCode: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  ip: string | null;
}

interface Filters {
  entity?: string;
  entityId?: string;
  actorId?: number;
  from?: string;
  to?: string;
}

type Range = [{ startOf(u: 'day'): { toISOString(): string }; endOf(u: 'day'): { toISOString(): string } } | null, { endOf(u: 'day'): { toISOString(): string } } | null] | null;

const PAGE = 50;

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const rows = Object.entries(entry.changes ?? {}).map(([field, c]) => ({ field, ...c }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
        { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <Typography.Text delete={v !== undefined && v !== null}>{show(v)}</Typography.Text> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => show(v) },
      ]}
    />
  );
}

export default function AuditPage() {
  const { t, dateTime } = useI18n();
  const [form] = Form.useForm<Filters & { range?: Range }>();
  const [filters, setFilters] = useState<Filters>({});

  const { list, items } = useCursorPages<AuditEntry>(['audit', filters], '/audit', { ...filters }, PAGE);

  const apply = (v: Filters & { range?: Range }) => {
    const [from, to] = v.range ?? [null, null];
    setFilters({
      entity: v.entity?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      actorId: v.actorId ?? undefined,
      from: from?.startOf('day').toISOString(),
      to: to?.endOf('day').toISOString(),
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="audit-page">
      <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={apply} data-testid="audit-filters">
          <Row gutter={12}>
            <Col xs={12} md={4}>
              <Form.Item name="entity" label={t('audit.entity')}>
                <Input allowClear placeholder="user" data-testid="audit-entity" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="entityId" label={t('audit.entityId')}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="actorId" label={t('audit.actorId')}>
                <InputNumber min={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="range" label={t('audit.range')}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item label=" " colon={false}>
                <SearchResetButtons form={form} onReset={() => setFilters({})} searchTestId="audit-search" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card size="small" title={t('audit.shown', { count: items.length })}>
        <CursorTable<AuditEntry>
          list={list}
          items={items}
          more={t('audit.loadMore')}
          end={t('audit.end')}
          moreTestId="audit-more"
          size="middle"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty /> }}
          expandable={{ expandedRowRender: (r) => <Changes entry={r} />, rowExpandable: (r) => Object.keys(r.changes ?? {}).length > 0 }}
          data-testid="audit-table"
          columns={[
            { title: t('audit.at'), dataIndex: 'at', render: (v: string) => dateTime(v) },
            { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string, r) => `${v} (#${r.actorId})` },
            { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag>{v}</Tag> },
            { title: t('audit.entity'), dataIndex: 'entity', render: (v: string, r) => `${v} #${r.entityId}` },
            { title: t('audit.region'), dataIndex: 'regionCode', responsive: ['md'], render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}
