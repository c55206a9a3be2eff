import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DatabaseOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { placeErrors, RegionCodeInput } from '../demand/demand-ui.tsx';
import { fenText, type Claim, type GatheredFacts } from './claims-api.ts';
import { ExplanationTable, ProblemAlert, usePolicies, usePolicy } from './claims-ui.tsx';
import { inLang, type Evaluation, type FactWords, type PolicyDetail } from './policy-api.ts';

interface ClaimForm {
  policy?: string;
  subjectKind?: string;
  subjectId?: string;
  personId?: number | null;
  employerId?: number | null;
  regionCode?: string;
  facts?: Record<string, unknown>;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** The facts worth sending: empty inputs are left out, so the server names them as missing. */
function given(facts: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** An input typed by the policy's fact spec. */
function FactInput({ fact, value, onChange, disabled }: { fact: FactWords; value?: unknown; onChange?: (v: unknown) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const testId = `fact-${fact.name}`;
  if (fact.type === 'boolean') return <Switch checked={value === true} onChange={onChange} disabled={disabled} data-testid={testId} />;
  if (fact.type === 'enum') {
    return <Select value={value as string | undefined} onChange={onChange} disabled={disabled} allowClear options={(fact.values ?? []).map((v) => ({ value: v, label: ['lifted', 'monitored', 'none'].includes(v) ? t(`policy.value.${v}` as MessageKey) : v }))} data-testid={testId} />;
  }
  if (fact.type === 'money' || fact.type === 'number' || fact.type === 'integer') {
    return (
      <InputNumber
        style={{ width: '100%' }}
        value={value as number | undefined}
        onChange={(v) => onChange?.(v ?? undefined)}
        disabled={disabled}
        precision={fact.type === 'money' ? 2 : fact.type === 'integer' ? 0 : undefined}
        suffix={fact.type === 'money' ? t('policy.yuan') : undefined}
        data-testid={testId}
      />
    );
  }
  if (fact.type === 'region' && !disabled) return <RegionCodeInput value={value as string | undefined} onChange={onChange} placeholder={t('policy.regionCode')} testId={testId} />;
  return <Input value={value as string | undefined} onChange={(e) => onChange?.(e.target.value)} disabled={disabled} placeholder={fact.type === 'date' ? 'YYYY-MM-DD' : fact.type === 'region' ? t('policy.regionCode') : undefined} data-testid={testId} />;
}

/**
 * A new claim. Choosing the policy and the subject fetches the facts from the records (the person's
 * household, the trip, the hire…); whatever the records do not hold is typed in by hand, each fact
 * as its policy defines it. The rule is evaluated as the facts change, and submitting files the claim.
 */
export default function NewClaimPage() {
  const { t, lang, issueText } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<ClaimForm>();
  const policyId = Form.useWatch('policy', form);
  const policies = usePolicies();
  const policy = usePolicy(policyId);
  const p: PolicyDetail | undefined = policy.data?.id === policyId ? policy.data : undefined;
  const [facts, setFacts] = useState<Record<string, unknown>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [gathered, setGathered] = useState<Evaluation | null>(null);
  // What the records hold decides the claim (the server does not let a typed value replace it), so it is shown, not edited.
  const [recorded, setRecorded] = useState<Set<string>>(new Set());
  const [lookupProblem, setLookupProblem] = useState<unknown>(null);
  const [problem, setProblem] = useState<{ error: unknown; lines: string[] } | null>(null);
  const autoLooked = useRef(false);

  // A new policy brings its subject kind and its own facts; yes/no facts start as no.
  useEffect(() => {
    if (!p) return;
    const current = form.getFieldValue('facts') ?? {};
    const next: Record<string, unknown> = {};
    for (const f of p.words.facts) next[f.name] = current[f.name] ?? (f.type === 'boolean' ? false : undefined);
    form.setFieldValue('subjectKind', p.subjectKind);
    form.setFieldValue('facts', next);
    setFacts(next);
  }, [p, form]);

  const lookup = useMutation({
    mutationFn: (q: { policy: string; subjectKind: string; subjectId: string }) => api<GatheredFacts>('/claims/facts', { query: q }),
    onSuccess: (r) => {
      setLookupProblem(null);
      const merged = { ...(form.getFieldValue('facts') ?? {}), ...r.facts };
      form.setFieldsValue({ personId: r.personId ?? undefined, employerId: r.employerId ?? undefined, regionCode: r.regionCode ?? form.getFieldValue('regionCode'), facts: merged });
      setFacts(merged);
      setMissing(r.missing ?? []);
      setGathered(r.evaluation ?? null);
      setRecorded(new Set([...Object.keys(r.facts), 'regionCode', ...(r.personId != null ? ['personId'] : []), ...(r.employerId != null ? ['employerId'] : [])]));
    },
    onError: (e) => {
      setLookupProblem(e);
      setMissing([]);
      setRecorded(new Set());
    },
  });
  const runLookup = () => {
    const v = form.getFieldsValue(['policy', 'subjectKind', 'subjectId']);
    if (!v.policy || !v.subjectKind || !v.subjectId?.trim()) {
      form.validateFields(['policy', 'subjectKind', 'subjectId']).catch(() => {});
      return;
    }
    lookup.mutate({ policy: v.policy, subjectKind: v.subjectKind, subjectId: v.subjectId.trim() });
  };

  // Linked here with ?policy=&subjectKind=&subjectId=: fetch the facts once the policy is known.
  useEffect(() => {
    if (autoLooked.current || !p || !params.get('subjectId')) return;
    autoLooked.current = true;
    runLookup();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p]);

  const debounced = useDebounced(facts, 400);
  const toSend = given(debounced);
  const preview = useQuery({
    queryKey: ['claim-preview', policyId, toSend],
    queryFn: ({ signal }) => api<Evaluation>('/policy/evaluate', { method: 'POST', body: { policy: policyId, facts: toSend }, signal }),
    enabled: !!p && Object.keys(toSend).length > 0,
    retry: false,
  });
  const evaluation = preview.data ?? (preview.isFetching || preview.isError ? null : gathered);

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Claim>('/claims', { method: 'POST', body }),
    onSuccess: (c) => navigate(`/claims/${c.id}`),
    onError: (e) => {
      const rest = placeErrors(form, e, issueText);
      setProblem(rest.length ? { error: e, lines: rest } : null);
    },
  });
  const save = (submit: boolean) =>
    form
      .validateFields()
      .then((v) => {
        setProblem(null);
        create.mutate({
          policy: v.policy,
          subjectKind: v.subjectKind,
          subjectId: v.subjectId?.trim(),
          personId: v.personId ?? null,
          employerId: v.employerId ?? null,
          regionCode: v.regionCode?.trim() ?? '',
          facts: given(v.facts),
          submit,
        });
      })
      .catch(() => {});

  const previewMissing = isApiError(preview.error) && preview.error.code === 'missing_facts' ? preview.error.fieldErrors.map((f) => f.field.replace(/^facts\./, '')) : [];
  const factLabel = (name: string) => {
    const f = p?.words.facts.find((x) => x.name === name);
    return f ? inLang(f.description, lang).main : name;
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="new-claim-page">
      <Link to="/claims">← {t('claims.back')}</Link>
      <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
        {t('claims.new')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('claims.new.intro')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        // An employer account claims for its own company only.
        initialValues={{ policy: params.get('policy') ?? undefined, subjectKind: params.get('subjectKind') ?? undefined, subjectId: params.get('subjectId') ?? undefined, employerId: user?.role === 'employer' ? (user.employerId ?? undefined) : undefined }}
        onValuesChange={(changed: ClaimForm, all: ClaimForm) => {
          if ('policy' in changed || 'subjectKind' in changed || 'subjectId' in changed) {
            setGathered(null);
            setMissing([]);
            setLookupProblem(null);
            setRecorded(new Set());
            lookup.reset();
          }
          if ('facts' in changed) setFacts({ ...(all.facts ?? {}) });
        }}
      >
        <Card size="small" title={t('claims.new.subject')}>
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="policy" label={t('claims.policy')} rules={[{ required: true }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={policies.isPending}
                  options={(policies.data ?? []).map((x) => ({ value: x.id, label: inLang(x.name, lang).main }))}
                  data-testid="claim-policy"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name="subjectKind" label={t('claims.subjectKind')} rules={[{ required: true }]}>
                <Select options={p ? [{ value: p.subjectKind, label: t(`policy.subject.${p.subjectKind}` as MessageKey) }] : []} data-testid="claim-subject-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="subjectId" label={t('claims.subjectId')} rules={[{ required: true, whitespace: true }]} extra={p ? t(`claims.subjectHint.${p.subjectKind}` as MessageKey) : undefined}>
                <Input maxLength={64} onPressEnter={runLookup} data-testid="claim-subject-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={3}>
              <Form.Item label=" ">
                <Button icon={<DatabaseOutlined />} onClick={runLookup} loading={lookup.isPending} disabled={!p} data-testid="claim-lookup" block>
                  {t('claims.new.lookup')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
          {lookupProblem ? (
            <Alert
              type="warning"
              showIcon
              title={t('claims.new.lookupFailed')}
              description={`${isApiError(lookupProblem) ? (lookupProblem.fieldErrors.map(issueText).join('；') || lookupProblem.message) : String(lookupProblem)} ${t('claims.new.byHand')}`}
              data-testid="claim-lookup-problem"
            />
          ) : null}
          {lookup.isSuccess && !lookupProblem && (
            <Alert type="success" showIcon title={missing.length ? t('claims.new.lookupPartial', { facts: missing.map(factLabel).join('、') }) : t('claims.new.lookupDone')} data-testid="claim-lookup-done" />
          )}
          <Row gutter={12} style={{ marginTop: 12 }}>
            <Col xs={24} md={8}>
              <Form.Item name="personId" label={t('claims.personId')} extra={recorded.has('personId') ? t('claims.new.fromRecords') : p?.payee === 'person' ? t('claims.new.payeeHere') : undefined}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} disabled={recorded.has('personId')} data-testid="claim-person-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="employerId" label={t('claims.employerId')} extra={recorded.has('employerId') ? t('claims.new.fromRecords') : p?.payee === 'employer' ? t('claims.new.payeeHere') : undefined}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} disabled={recorded.has('employerId')} data-testid="claim-employer-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="regionCode" label={t('claims.region')} rules={[{ required: true }]} extra={recorded.has('regionCode') ? t('claims.new.fromRecords') : t('claims.new.regionHint')}>
                {recorded.has('regionCode') ? <Input disabled data-testid="claim-region" /> : <RegionCodeInput placeholder={t('policy.regionCode')} testId="claim-region" />}
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {p && (
          <Card size="small" title={t('claims.facts')} style={{ marginTop: 16 }} data-testid="claim-facts-form">
            <Row gutter={12}>
              {p.words.facts.map((f) => {
                const notFound = missing.includes(f.name) || previewMissing.includes(f.name);
                return (
                  <Col xs={24} sm={12} lg={8} key={f.name}>
                    <Form.Item
                      name={['facts', f.name]}
                      label={`${inLang(f.description, lang).main}${f.optional ? ` (${t('policy.optional')})` : ''}`}
                      tooltip={f.name}
                      validateStatus={notFound ? 'warning' : undefined}
                      help={notFound ? t('claims.new.factMissing') : undefined}
                      extra={recorded.has(f.name) ? t('claims.new.fromRecords') : undefined}
                    >
                      <FactInput fact={f} disabled={recorded.has(f.name)} />
                    </Form.Item>
                  </Col>
                );
              })}
            </Row>
          </Card>
        )}
      </Form>
      {p && (
        <Card size="small" title={t('claims.new.evaluation')} data-testid="claim-preview" loading={preview.isFetching && !evaluation}>
          {evaluation ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Alert
                type={evaluation.eligible ? 'success' : 'warning'}
                showIcon
                title={evaluation.eligible ? t('claims.new.eligible', { amount: fenText(Math.round(evaluation.amount * 100)) }) : t('claims.new.notEligible')}
                data-testid="claim-preview-result"
                data-eligible={String(evaluation.eligible)}
              />
              <ExplanationTable lines={evaluation.explanation} testId="claim-preview-explanation" />
            </Space>
          ) : previewMissing.length ? (
            <Typography.Text type="secondary">{t('claims.new.needFacts', { facts: previewMissing.map(factLabel).join('、') })}</Typography.Text>
          ) : preview.error ? (
            <ProblemAlert error={preview.error} />
          ) : (
            <Typography.Text type="secondary">{t('claims.new.fillFacts')}</Typography.Text>
          )}
        </Card>
      )}
      {problem ? <ProblemAlert error={problem.error} extra={problem.lines} onClose={() => setProblem(null)} testId="claim-create-problem" /> : null}
      <Space>
        <Button type="primary" icon={<SendOutlined />} loading={create.isPending && create.variables?.submit === true} onClick={() => save(true)} data-testid="claim-create-submit">
          {t('claims.new.submit')}
        </Button>
        <Button icon={<SaveOutlined />} loading={create.isPending && create.variables?.submit === false} onClick={() => save(false)} data-testid="claim-create-draft">
          {t('claims.new.draft')}
        </Button>
        {p && (
          <Typography.Text type="secondary">
            {t('claims.payee')}: {t(`policy.payee.${p.payee}` as MessageKey)}
          </Typography.Text>
        )}
      </Space>
    </Space>
  );
}
