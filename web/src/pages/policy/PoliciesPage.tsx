import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { PolicySummary } from './policy-api.ts';

/** The subsidy policies in force and on file, each linking to its rule in words. */
export default function PoliciesPage() {
  const { t, lang, dateTime } = useI18n();
  const list = useQuery({ queryKey: ['policies'], queryFn: ({ signal }) => api<{ items: PolicySummary[] }>('/policies', { signal }).then((r) => r.items) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="policies-page">
      <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
        {t('policy.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
      <Card size="small">
        <Table<PolicySummary>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="policies-table"
          onRow={(p) => ({ 'data-testid': `policy-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('policy.name'),
              dataIndex: 'name',
              render: (_: unknown, p) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/policies/${p.id}`}>{lang === 'en' ? p.name.en : p.name.zh}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.id}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('policy.scope'), dataIndex: 'regionScope', render: (c: string) => <Link to={`/regions/${c}`}><Typography.Text code>{c}</Typography.Text></Link> },
            { title: t('policy.effective'), key: 'effective', render: (_: unknown, p) => `${p.effectiveFrom} – ${p.effectiveTo ?? t('policy.open')}` },
            { title: t('policy.subject'), dataIndex: 'subjectKind', render: (k: string) => <Tag>{t(`policy.subject.${k}` as never)}</Tag>, responsive: ['md'] },
            { title: t('policy.version'), dataIndex: 'currentVersion', render: (v: number) => `v${v}` },
            { title: t('policy.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => dateTime(v), responsive: ['lg'] },
          ]}
        />
      </Card>
    </Space>
  );
}
