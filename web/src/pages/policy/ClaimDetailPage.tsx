import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { decidesAt, fenText, pendingLevelOf, type Claim, type ClaimStep, type EvidenceSpec } from './claims-api.ts';
import { EvidenceCard } from './EvidenceCard.tsx';
import { BothLangs, ClaimStatusTag, DecisionButtons, ExplanationTable, FactValue, FundName, PayeeText, PolicyName, ProblemAlert, useCan, usePolicy } from './claims-ui.tsx';
import { inLang, type Text } from './policy-api.ts';

/** One claim: what it is for, the facts and how the rule read them, the amount, the approvals so far, and the decision when it is the account's turn. */
export default function ClaimDetailPage() {
  const { id = '' } = useParams();
  const { t, lang, dateTime } = useI18n();
  const { user } = useSession();
  const can = useCan();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [problem, setProblem] = useState<unknown>(null);
  const q = useQuery({ queryKey: ['claim', id], queryFn: ({ signal }) => api<Claim>(`/claims/${encodeURIComponent(id)}`, { signal }) });
  const c = q.data;
  const policy = usePolicy(c?.policy, c?.policyVersion);
  const submit = useMutation({
    mutationFn: () => api<Claim>(`/claims/${id}/submit`, { method: 'POST' }),
    onSuccess: (r) => {
      setProblem(null);
      qc.setQueryData(['claim', id], r);
      qc.invalidateQueries({ queryKey: ['claims'] });
      message.success(t('claims.submitted', { id: r.id }));
    },
    onError: setProblem,
  });

  if (q.isPending) return <Spin />;
  if (q.error || !c) return <Result status="404" subTitle={q.error?.message} extra={<Link to="/claims">{t('claims.back')}</Link>} />;

  const rule = policy.data?.rule;
  const pending = c.status === 'submitted' ? pendingLevelOf(rule, c.currentStep) : undefined;
  const mayDecide = c.status === 'submitted' && can('claim.decide') && !!user && decidesAt(user.role, pending?.level);
  const levelNames = new Map<string, Text>(((rule?.approvalLevels ?? []) as { level: string; name: Text }[]).map((l) => [l.level, l.name]));
  const factWords = new Map((policy.data?.words.facts ?? []).map((f) => [f.name, f.description]));
  const decided = (r: Claim) => {
    setProblem(null);
    qc.setQueryData(['claim', id], r);
    qc.invalidateQueries({ queryKey: ['claims'] });
    qc.invalidateQueries({ queryKey: ['budgets'] });
    message.success(t(r.status === 'rejected' ? 'claims.rejected' : r.status === 'approved' ? 'claims.approvedFinal' : 'claims.approvedStep', { id: r.id }));
  };
  const levelText = (level: string) => {
    if (level === 'submission') return t('claims.level.submission');
    const n = levelNames.get(level);
    return n ? inLang(n, lang).main : level;
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="claim-detail">
      <Link to="/claims">← {t('claims.back')}</Link>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
          {t('claims.claimNo', { id: c.id })} <ClaimStatusTag status={c.status} />
          {pending && <Tag color="gold" data-testid="claim-waiting">{t('claims.waitingAt', { level: inLang(pending.name, lang).main })}</Tag>}
        </Typography.Title>
        <Space wrap>
          {c.status === 'draft' && can('claim.create') && c.eligible && (
            <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} onClick={() => submit.mutate()} data-testid="claim-submit">
              {t('claims.submit')}
            </Button>
          )}
          {mayDecide && <DecisionButtons claim={c} levelName={pending ? inLang(pending.name, lang).main : undefined} onDecided={decided} onError={setProblem} />}
        </Space>
      </Space>
      {problem ? <ProblemAlert error={problem} onClose={() => setProblem(null)} testId="claim-problem" /> : null}
      {c.status === 'submitted' && !mayDecide && pending && can('claim.decide') && <Alert type="info" showIcon title={t('claims.notYourLevel', { level: inLang(pending.name, lang).main })} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('claims.about')}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('claims.policy')}>
                <PolicyName id={c.policy} /> <Typography.Text type="secondary">v{c.policyVersion}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('claims.subject')}>
                <Tag>{t(`policy.subject.${c.subjectKind}` as MessageKey)}</Tag>
                {c.subjectId}
              </Descriptions.Item>
              <Descriptions.Item label={t('claims.payee')}><PayeeText payee={c.payee} /></Descriptions.Item>
              <Descriptions.Item label={t('claims.region')}><Link to={`/regions/${c.regionCode}`}>{c.regionCode}</Link></Descriptions.Item>
              {c.personId != null && <Descriptions.Item label={t('claims.personId')}>{c.personId}</Descriptions.Item>}
              {c.employerId != null && <Descriptions.Item label={t('claims.employerId')}><Link to={`/employers/${c.employerId}`}>{c.employerId}</Link></Descriptions.Item>}
              <Descriptions.Item label={t('claims.year')}>{c.year}</Descriptions.Item>
              <Descriptions.Item label={t('claims.fund')}><FundName id={c.fund} /></Descriptions.Item>
              <Descriptions.Item label={t('claims.createdAt')}>{dateTime(c.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('claims.updatedAt')}>{dateTime(c.updatedAt)}</Descriptions.Item>
              {c.batchId != null && (
                <Descriptions.Item label={t('claims.batch')}>{can('payment.read') ? <Link to={`/payments/batches/${c.batchId}`}>#{c.batchId}</Link> : `#${c.batchId}`}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('claims.amountYuan')} value={fenText(c.amountFen)} styles={{ content: { color: c.eligible ? '#1f6f43' : undefined } }} data-testid="claim-amount" />
            <div style={{ marginTop: 8 }}>{c.eligible ? <Tag color="green">{t('claims.eligible')}</Tag> : <Tag color="red">{t('claims.notEligible')}</Tag>}</div>
          </Card>
        </Col>
      </Row>
      {rule && <EvidenceCard claim={c} specs={(rule.evidence ?? []) as EvidenceSpec[]} />}
      <Card size="small" title={t('claims.explanation')}>
        <ExplanationTable lines={c.explanation} />
      </Card>
      <Card size="small" title={t('claims.facts')}>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          data-testid="claim-facts"
          dataSource={Object.entries(c.facts).map(([name, value]) => ({ name, value }))}
          columns={[
            { title: t('claims.factName'), dataIndex: 'name', render: (n: string) => (factWords.get(n) ? <BothLangs text={factWords.get(n)!} /> : n) },
            { title: t('claims.fact'), dataIndex: 'name', key: 'code', render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
            { title: t('claims.value'), dataIndex: 'value', render: (v: unknown) => <FactValue value={v} /> },
          ]}
        />
      </Card>
      <Card size="small" title={t('claims.steps')}>
        <Table<ClaimStep>
          size="small"
          rowKey="step"
          pagination={false}
          data-testid="claim-steps"
          dataSource={c.steps ?? []}
          locale={{ emptyText: t('claims.noSteps') }}
          columns={[
            { title: t('claims.level'), dataIndex: 'level', render: (l: string) => levelText(l) },
            {
              title: t('claims.decision'),
              dataIndex: 'decision',
              render: (d: string) => <Tag color={d === 'approved' ? 'green' : d === 'rejected' ? 'red' : 'blue'}>{t(`claims.decision.${d}` as MessageKey)}</Tag>,
            },
            { title: t('claims.by'), dataIndex: 'by' },
            { title: t('claims.at'), dataIndex: 'at', render: (v: string) => dateTime(v) },
            { title: t('claims.reason'), dataIndex: 'reason', render: (r: string) => r || '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
