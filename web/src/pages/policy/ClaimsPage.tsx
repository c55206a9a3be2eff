import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { InboxOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { RegionCodeInput } from '../demand/demand-ui.tsx';
import { CLAIM_STATUSES, type Claim, type ClaimPage } from './claims-api.ts';
import { ClaimStatusTag, Money, PayeeText, PolicyName, ProblemAlert, useCan, usePolicies } from './claims-ui.tsx';
import { inLang } from './policy-api.ts';

const PAGE = 50;

/** Claims within the account's region, newest first, filtered by status, policy and region; paged by cursor. */
export default function ClaimsPage() {
  const { t, lang, dateTime } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const policy = params.get('policy') ?? '';
  const region = params.get('region') ?? '';
  const [regionText, setRegionText] = useState(region);
  // Keyset paging: the cursors of the pages before this one, so Previous can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const policies = usePolicies();
  const filter = { status: status || undefined, policy: policy || undefined, region: region || undefined };
  const list = useQuery({
    queryKey: ['claims', filter, cursor],
    queryFn: ({ signal }) => api<ClaimPage>('/claims', { query: { ...filter, cursor, limit: PAGE }, signal }),
    placeholderData: keepPreviousData,
  });
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setCursors([undefined]);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="claims-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
          {t('claims.title')}
        </Typography.Title>
        <Space wrap>
          {can('claim.decide') && (
            <Link to="/claims/queue">
              <Button icon={<InboxOutlined />}>{t('nav.claimQueue')}</Button>
            </Link>
          )}
          {can('claim.create') && (
            <Link to="/claims/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="claims-new">
                {t('claims.new')}
              </Button>
            </Link>
          )}
        </Space>
      </Space>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 150 }}
            value={status}
            onChange={(v) => setFilter('status', v)}
            data-testid="claims-status-filter"
            aria-label={t('claims.status')}
            options={[{ value: '', label: t('claims.allStatuses') }, ...CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claims.status.${s}` as MessageKey) }))]}
          />
          <Select
            style={{ width: 320 }}
            value={policy}
            onChange={(v) => setFilter('policy', v)}
            data-testid="claims-policy-filter"
            aria-label={t('claims.policy')}
            options={[{ value: '', label: t('claims.allPolicies') }, ...(policies.data ?? []).map((p) => ({ value: p.id, label: inLang(p.name, lang).main }))]}
          />
          <div style={{ width: 240 }}>
            <RegionCodeInput value={regionText} onChange={setRegionText} placeholder={t('claims.regionFilter')} testId="claims-region-filter" />
          </div>
          <Button type="primary" onClick={() => setFilter('region', regionText.trim())} data-testid="claims-apply">
            {t('common.search')}
          </Button>
        </Space>
        {list.error && <ProblemAlert error={list.error} />}
        <Table<Claim>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="claims-table"
          onRow={(c) => ({ 'data-testid': `claim-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('claims.id'), dataIndex: 'id', render: (id: number) => <Link to={`/claims/${id}`}>#{id}</Link> },
            { title: t('claims.policy'), dataIndex: 'policy', render: (p: string) => <PolicyName id={p} link={false} /> },
            { title: t('claims.subject'), key: 'subject', render: (_: unknown, c) => <span><Tag>{t(`policy.subject.${c.subjectKind}` as MessageKey)}</Tag>{c.subjectId}</span> },
            { title: t('claims.payee'), dataIndex: 'payee', render: (p: string) => <PayeeText payee={p} /> },
            { title: t('claims.region'), dataIndex: 'regionCode' },
            { title: t('claims.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: t('claims.status'), dataIndex: 'status', render: (s: string) => <ClaimStatusTag status={s} /> },
            { title: t('claims.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v), responsive: ['lg'] },
          ]}
        />
        <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
          <Button icon={<LeftOutlined />} disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="claims-prev">
            {t('claims.prev')}
          </Button>
          <Typography.Text type="secondary">{t('claims.pageNo', { n: cursors.length })}</Typography.Text>
          <Button disabled={!list.data?.nextCursor} onClick={() => setCursors([...cursors, list.data!.nextCursor!])} data-testid="claims-next">
            {t('claims.next')} <RightOutlined />
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
