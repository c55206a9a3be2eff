import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { decidesAt, fenText, pendingLevelOf, sumFen, type Claim, type ClaimPage } from './claims-api.ts';
import { DecisionButtons, Money, PayeeText, PolicyName, ProblemAlert } from './claims-ui.tsx';
import { inLang, type PolicyDetail } from './policy-api.ts';

/** How many pages of 500 the queue reads before it says it shows only part of the queue. */
const MAX_PAGES = 10;

/**
 * All submitted claims of the region: the API lists newest first by keyset, so the queue reads
 * every page and turns it around to put the longest-waiting claim on top.
 */
async function submittedClaims(signal: AbortSignal): Promise<{ items: Claim[]; truncated: boolean }> {
  const items: Claim[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await api<ClaimPage>('/claims', { query: { status: 'submitted', limit: 500, cursor }, signal });
    items.push(...page.items);
    if (!page.nextCursor) return { items: items.sort((a, b) => a.id - b.id), truncated: false };
    cursor = page.nextCursor;
  }
  return { items: items.sort((a, b) => a.id - b.id), truncated: true };
}

/** The approver's queue: submitted claims waiting for a decision, oldest first, decided in place. */
export default function ClaimQueuePage() {
  const { t, lang, dateTime } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [mineOnly, setMineOnly] = useState(true);
  const [problem, setProblem] = useState<unknown>(null);
  const queue = useQuery({ queryKey: ['claims', 'queue'], queryFn: ({ signal }) => submittedClaims(signal) });
  const items = queue.data?.items ?? [];
  // Each claim waits at a level of the policy version it was made under.
  const versions = useMemo(() => [...new Set(items.map((c) => `${c.policy}@${c.policyVersion}`))], [items]);
  const rules = useQueries({
    queries: versions.map((v) => {
      const [id, version] = v.split('@');
      return { queryKey: ['policy', id, Number(version)], queryFn: ({ signal }: { signal: AbortSignal }) => api<PolicyDetail>(`/policies/${encodeURIComponent(id)}`, { query: { version: Number(version) }, signal }), staleTime: 5 * 60_000 };
    }),
  });
  const ruleOf = (c: Claim) => rules[versions.indexOf(`${c.policy}@${c.policyVersion}`)]?.data?.rule;
  const levelOf = (c: Claim) => pendingLevelOf(ruleOf(c), c.currentStep);
  const rows = mineOnly && user ? items.filter((c) => decidesAt(user.role, levelOf(c)?.level)) : items;
  const decided = (c: Claim) => {
    setProblem(null);
    message.success(t(c.status === 'rejected' ? 'claims.rejected' : c.status === 'approved' ? 'claims.approvedFinal' : 'claims.approvedStep', { id: c.id }));
    qc.invalidateQueries({ queryKey: ['claims'] });
    qc.invalidateQueries({ queryKey: ['claim', String(c.id)] });
    qc.invalidateQueries({ queryKey: ['budgets'] });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="claim-queue-page">
      <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
        {t('claims.queue.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('claims.queue.intro')}
      </Typography.Paragraph>
      {problem ? <ProblemAlert error={problem} onClose={() => setProblem(null)} testId="queue-problem" /> : null}
      {queue.data?.truncated && <Alert type="warning" showIcon title={t('claims.queue.truncated', { n: items.length })} />}
      {queue.error && <ProblemAlert error={queue.error} />}
      <Card
        size="small"
        title={
          <Space>
            <span>{t('claims.queue.waiting', { n: rows.length })}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="queue-total">
              {t('claims.queue.total', { amount: fenTextOf(rows) })}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <Switch size="small" checked={mineOnly} onChange={setMineOnly} data-testid="queue-mine-only" />
            <span>{t('claims.queue.mineOnly')}</span>
          </Space>
        }
      >
        <Table<Claim>
          rowKey="id"
          size="middle"
          loading={queue.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="queue-table"
          locale={{ emptyText: t('claims.queue.empty') }}
          onRow={(c) => ({ 'data-testid': `queue-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('claims.id'), dataIndex: 'id', render: (id: number) => <Link to={`/claims/${id}`} data-testid={`queue-link-${id}`}>#{id}</Link> },
            { title: t('claims.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
            {
              title: t('claims.claim'),
              key: 'claim',
              render: (_: unknown, c) => (
                <Space orientation="vertical" size={0}>
                  <PolicyName id={c.policy} link={false} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`policy.subject.${c.subjectKind}` as MessageKey)} {c.subjectId} · <PayeeText payee={c.payee} />
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('claims.region'), dataIndex: 'regionCode' },
            { title: t('claims.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            {
              title: t('claims.waitingFor'),
              key: 'level',
              render: (_: unknown, c) => {
                const l = levelOf(c);
                return l ? <Tag color="gold" data-testid={`queue-level-${c.id}`}>{inLang(l.name, lang).main}</Tag> : '—';
              },
            },
            {
              title: t('claims.actions'),
              key: 'actions',
              render: (_: unknown, c) => {
                const l = levelOf(c);
                return user && decidesAt(user.role, l?.level) ? <DecisionButtons claim={c} size="small" levelName={l ? inLang(l.name, lang).main : undefined} onDecided={decided} onError={setProblem} /> : <Link to={`/claims/${c.id}`}>{t('claims.open')}</Link>;
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function fenTextOf(rows: Claim[]): string {
  return fenText(sumFen(rows.map((c) => c.amountFen)));
}
