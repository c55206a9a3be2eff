import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CheckOutlined, CloseCircleTwoTone, CloseOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { placeErrors, useCan } from '../demand/demand-ui.tsx';
import { CLAIM_STATUS_COLORS, fenText, type Claim, type ExplanationLine, type Fund } from './claims-api.ts';
import { inLang, type PolicyDetail, type PolicySummary, type Text } from './policy-api.ts';

export { useCan };

/** A text in the UI's language with the other language beneath it, smaller. */
export function BothLangs({ text }: { text: Text }) {
  const { lang } = useI18n();
  const { main, other } = inLang(text, lang);
  return (
    <Space orientation="vertical" size={0}>
      <span>{main}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {other}
      </Typography.Text>
    </Space>
  );
}

export function ClaimStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={CLAIM_STATUS_COLORS[status]} data-testid="claim-status" data-status={status}>
      {t(`claims.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** The policies on file (current versions), cached for the session's pages. */
export function usePolicies() {
  return useQuery({ queryKey: ['policies'], queryFn: ({ signal }) => api<{ items: PolicySummary[] }>('/policies', { signal }).then((r) => r.items), staleTime: 5 * 60_000 });
}

/** One policy at a version (the current one when absent), with its rule in words. */
export function usePolicy(id: string | undefined, version?: number) {
  return useQuery({
    queryKey: ['policy', id, version ?? 'current'],
    queryFn: ({ signal }) => api<PolicyDetail>(`/policies/${encodeURIComponent(id!)}`, { query: { version }, signal }),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export function useFunds(enabled = true) {
  return useQuery({ queryKey: ['funds'], queryFn: ({ signal }) => api<{ items: Fund[] }>('/funds', { signal }).then((r) => r.items), staleTime: 5 * 60_000, enabled });
}

/** A policy's name in the UI's language, by id, from the cached list. */
export function PolicyName({ id, link = true }: { id: string | null; link?: boolean }) {
  const { lang } = useI18n();
  const list = usePolicies();
  if (!id) return <>—</>;
  const p = list.data?.find((x) => x.id === id);
  const name = p ? inLang(p.name, lang).main : id;
  return link ? <Link to={`/policies/${id}`}>{name}</Link> : <>{name}</>;
}

export function FundName({ id }: { id: string }) {
  const { lang } = useI18n();
  // Employer accounts may not list funds: they see the fund's id.
  const funds = useFunds(useCan()('fund.read'));
  const f = funds.data?.find((x) => x.id === id);
  return <>{f ? inLang(f.name, lang).main : id}</>;
}

/** `employer:12` or `person:34` in words; an employer links to its page. */
export function PayeeText({ payee }: { payee: string }) {
  const { t } = useI18n();
  const m = /^(employer|person):(\d+)$/.exec(payee);
  if (!m) return <>{payee}</>;
  if (m[1] === 'employer') return <Link to={`/employers/${m[2]}`}>{t('claims.payee.employer', { id: m[2] })}</Link>;
  return <>{t('claims.payee.person', { id: m[2] })}</>;
}

/** A fact's value as people read it: yes/no, category names, numbers as given. */
export function FactValue({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string' && ['lifted', 'monitored', 'none'].includes(value)) return <>{t(`policy.value.${value}` as MessageKey)}</>;
  if (typeof value === 'string' || typeof value === 'number') return <>{String(value)}</>;
  // A condition over several facts reports each of them.
  if (typeof value === 'object' && !Array.isArray(value)) {
    return (
      <Space orientation="vertical" size={0}>
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <span key={k}>
            <Typography.Text type="secondary">{k}:</Typography.Text> <FactValue value={v} />
          </span>
        ))}
      </Space>
    );
  }
  return <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
}

/** Every condition of the rule with the fact it read, the value and whether it held. */
export function ExplanationTable({ lines, testId = 'claim-explanation' }: { lines: ExplanationLine[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table<ExplanationLine>
      size="small"
      rowKey="condition"
      pagination={false}
      dataSource={lines}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      onRow={(l) => ({ 'data-testid': `explain-${l.condition}`, 'data-passed': String(l.passed) }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('claims.condition'), dataIndex: 'description', render: (d: Text) => <BothLangs text={d} /> },
        { title: t('claims.fact'), dataIndex: 'fact', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
        { title: t('claims.value'), dataIndex: 'value', render: (v: unknown) => <FactValue value={v} /> },
        {
          title: t('claims.passed'),
          dataIndex: 'passed',
          align: 'center',
          render: (p: boolean) => (p ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="✓" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="✗" />),
        },
      ]}
    />
  );
}

/** Known refusals get a title in the UI's language; the server's own text says the particulars. */
const PROBLEM_TITLES: Record<string, MessageKey> = {
  budget_exceeded: 'claims.problem.budget_exceeded',
  budget_missing: 'claims.problem.budget_missing',
  claim_not_eligible: 'claims.problem.claim_not_eligible',
  claim_limit_reached: 'claims.problem.claim_limit_reached',
  policy_combination: 'claims.problem.policy_combination',
  forbidden: 'claims.problem.forbidden',
  conflict: 'claims.problem.conflict',
  version_conflict: 'claims.problem.conflict',
  batch_empty: 'claims.problem.batch_empty',
  already_reversed: 'claims.problem.already_reversed',
  missing_facts: 'claims.problem.missing_facts',
  evidence_missing: 'claims.problem.evidence_missing',
  evidence_type: 'claims.problem.evidence_type',
  evidence_kind: 'claims.problem.evidence_type',
  unsupported_media_type: 'claims.problem.evidence_type',
  payload_too_large: 'claims.problem.evidence_type',
  claim_closed: 'claims.problem.claim_closed',
  not_found: 'claims.problem.not_found',
};

/** A refusal from the server, shown plainly: what happened, and the server's message (e.g. the remaining balance). */
export function ProblemAlert({ error, extra, onClose, testId = 'problem' }: { error: unknown; extra?: string[]; onClose?: () => void; testId?: string }) {
  const { t, issueText } = useI18n();
  if (!error) return null;
  const code = isApiError(error) ? error.code : '';
  const title = PROBLEM_TITLES[code] ? t(PROBLEM_TITLES[code]) : t('claims.problem.generic');
  const lines = isApiError(error) ? [error.message, ...error.fieldErrors.map((f) => `${f.field}: ${issueText(f)}`)] : [error instanceof Error ? error.message : String(error)];
  const shown = extra ?? lines;
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : false}
      title={title}
      description={shown.map((l, i) => (
        <div key={i}>{l}</div>
      ))}
      data-testid={testId}
      data-code={code}
    />
  );
}

/**
 * Approve and Reject for a claim waiting at a level the account decides. A rejection asks for the
 * reason in a dialog; the server's answer lands next to the reason field when it names it.
 */
export function DecisionButtons({ claim, levelName, onDecided, onError, size = 'middle' }: { claim: Claim; levelName?: string; onDecided: (c: Claim) => void; onError: (e: unknown) => void; size?: 'small' | 'middle' }) {
  const { t, issueText } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const [rest, setRest] = useState<unknown>(null);
  const decide = useMutation({
    mutationFn: (body: { decision: 'approve' | 'reject'; reason?: string }) => api<Claim>(`/claims/${claim.id}/decisions`, { method: 'POST', body }),
  });
  const approve = () =>
    decide.mutate(
      { decision: 'approve' },
      { onSuccess: onDecided, onError },
    );
  const reject = (v: { reason?: string }) =>
    decide.mutate(
      { decision: 'reject', reason: v.reason ?? '' },
      {
        onSuccess: (c) => {
          setRejecting(false);
          setRest(null);
          form.resetFields();
          onDecided(c);
        },
        onError: (e) => {
          const left = placeErrors(form, e, issueText);
          const onField = isApiError(e) && e.fieldErrors.some((f) => f.field === 'reason');
          setRest(onField && left.length === 0 ? null : e);
        },
      },
    );
  return (
    <>
      <Space size={4} wrap>
        <Popconfirm title={t('claims.approveConfirm', { id: claim.id, level: levelName ?? '' })} okText={t('claims.approve')} cancelText={t('common.cancel')} onConfirm={approve} okButtonProps={{ 'data-testid': `approve-confirm-${claim.id}` }}>
          <Button type="primary" size={size} icon={<CheckOutlined />} loading={decide.isPending && decide.variables?.decision === 'approve'} data-testid={`approve-${claim.id}`}>
            {t('claims.approve')}
          </Button>
        </Popconfirm>
        <Button danger size={size} icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid={`reject-${claim.id}`}>
          {t('claims.reject')}
        </Button>
      </Space>
      <Modal
        open={rejecting}
        title={t('claims.rejectTitle', { id: claim.id })}
        okText={t('claims.reject')}
        okButtonProps={{ danger: true, loading: decide.isPending, 'data-testid': 'reject-submit' }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => {
          setRejecting(false);
          setRest(null);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={reject} preserve={false}>
          <Form.Item name="reason" label={t('claims.reason')} extra={t('claims.reasonHint')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="reject-reason" />
          </Form.Item>
        </Form>
        {rest ? <ProblemAlert error={rest} testId="reject-problem" /> : null}
      </Modal>
    </>
  );
}

/** A labelled figure in fen, right-aligned in tables. */
export function Money({ fen, strong }: { fen: number; strong?: boolean }): ReactNode {
  return <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined, whiteSpace: 'nowrap' }}>{fenText(fen)}</span>;
}
