import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, List, Result, Row, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { inLang, yuan, type Evaluation, type FactWords, type PolicyDetail, type SimulationResult, type Text } from './policy-api.ts';

function Both({ text }: { text: Text }) {
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

function FactInput({ fact }: { fact: FactWords }) {
  const { t } = useI18n();
  if (fact.type === 'boolean') return <Switch data-testid={`fact-${fact.name}`} />;
  if (fact.type === 'enum') return <Select options={(fact.values ?? []).map((v) => ({ value: v, label: t(`policy.value.${v}` as never) || v }))} data-testid={`fact-${fact.name}`} />;
  if (fact.type === 'money' || fact.type === 'number' || fact.type === 'integer') {
    return <InputNumber style={{ width: '100%' }} precision={fact.type === 'money' ? 2 : fact.type === 'integer' ? 0 : undefined} addonAfter={fact.type === 'money' ? t('policy.yuan') : undefined} data-testid={`fact-${fact.name}`} />;
  }
  return <Input placeholder={fact.type === 'date' ? 'YYYY-MM-DD' : fact.type === 'region' ? t('policy.regionCode') : undefined} data-testid={`fact-${fact.name}`} />;
}

/** A form built from the policy's facts; the answer shows every condition with the value it used. */
function EvaluateCard({ policy }: { policy: PolicyDetail }) {
  const { t, lang, issueText } = useI18n();
  const [form] = Form.useForm();
  const evaluate = useMutation({
    mutationFn: (facts: Record<string, unknown>) => api<Evaluation>('/policy/evaluate', { method: 'POST', body: { policy: policy.id, facts } }),
  });
  const submit = (v: Record<string, unknown>) => {
    const facts = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    for (const f of policy.words.facts) if (f.type === 'boolean' && facts[f.name] === undefined) facts[f.name] = false;
    evaluate.mutate(facts);
  };
  const r = evaluate.data;
  const err = evaluate.error;
  return (
    <Card title={t('policy.evaluate')} size="small" data-testid="policy-evaluate">
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Row gutter={12}>
          {policy.words.facts.map((f) => (
            <Col xs={24} sm={12} key={f.name}>
              <Form.Item name={f.name} label={`${inLang(f.description, lang).main}${f.optional ? ` (${t('policy.optional')})` : ''}`} valuePropName={f.type === 'boolean' ? 'checked' : 'value'} tooltip={f.name}>
                <FactInput fact={f} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={evaluate.isPending} data-testid="policy-evaluate-submit">
          {t('policy.evaluateSubmit')}
        </Button>
      </Form>
      {err && <Alert style={{ marginTop: 16 }} type="error" showIcon message={isApiError(err) && err.fieldErrors.length ? err.fieldErrors.map(issueText).join('; ') : err.message} data-testid="policy-evaluate-error" />}
      {r && (
        <div style={{ marginTop: 16 }} data-testid="policy-evaluate-result">
          <Alert type={r.eligible ? 'success' : 'warning'} showIcon message={r.eligible ? t('policy.eligible', { amount: yuan(r.amount) }) : t('policy.notEligible')} />
          <List
            size="small"
            dataSource={r.explanation}
            renderItem={(l) => (
              <List.Item data-testid={`explain-${l.condition}`}>
                <Space align="start">
                  {l.passed ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
                  <Space orientation="vertical" size={0}>
                    <Both text={l.description} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {l.fact}: {JSON.stringify(l.value)}
                    </Typography.Text>
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}

/** What-if: change parameters and see who gains or loses eligibility and what it costs, by region. */
function SimulateCard({ policy }: { policy: PolicyDetail }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [region, setRegion] = useState('');
  const [set, setSet] = useState<Record<string, string>>({});
  const sim = useMutation({
    mutationFn: () => api<SimulationResult>('/policy/simulate', { method: 'POST', body: { policy: policy.id, set: Object.fromEntries(Object.entries(set).filter(([, v]) => v.trim() !== '')), region: region || undefined } }),
    onError: (e) => message.error(e.message),
  });
  const r = sim.data;
  const cols = [
    { title: t('policy.sim.region'), dataIndex: 'region' },
    { title: t('policy.sim.people'), dataIndex: 'people' },
    { title: t('policy.sim.before'), dataIndex: 'eligibleBefore' },
    { title: t('policy.sim.after'), dataIndex: 'eligibleAfter' },
    { title: t('policy.sim.gained'), dataIndex: 'newlyEligible' },
    { title: t('policy.sim.lost'), dataIndex: 'newlyIneligible' },
    { title: t('policy.sim.costBefore'), dataIndex: 'costBefore', render: yuan },
    { title: t('policy.sim.costAfter'), dataIndex: 'costAfter', render: yuan },
    { title: t('policy.sim.incomplete'), dataIndex: 'incomplete' },
  ];
  return (
    <Card title={t('policy.simulate')} size="small" data-testid="policy-simulate">
      <Typography.Paragraph type="secondary">{t('policy.sim.intro')}</Typography.Paragraph>
      <Row gutter={12}>
        {policy.words.parameters
          .filter((p) => p.type !== 'list')
          .map((p) => (
            <Col xs={24} sm={12} key={p.name}>
              <Form.Item label={inLang(p.description, lang).main} tooltip={p.name}>
                <Input placeholder={p.value ?? ''} value={set[p.name] ?? ''} onChange={(e) => setSet({ ...set, [p.name]: e.target.value })} data-testid={`param-${p.name}`} />
              </Form.Item>
            </Col>
          ))}
        <Col xs={24} sm={12}>
          <Form.Item label={t('policy.sim.regionFilter')}>
            <Input value={region} onChange={(e) => setRegion(e.target.value.trim())} placeholder={t('policy.regionCode')} />
          </Form.Item>
        </Col>
      </Row>
      <Button onClick={() => sim.mutate()} loading={sim.isPending} data-testid="policy-simulate-submit">
        {t('policy.sim.run')}
      </Button>
      {r && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey="region"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...r.byRegion, { ...r.total, region: t('policy.sim.total') }]}
          columns={cols}
          footer={() => t('policy.sim.footer', { source: r.source, ms: r.ms })}
          data-testid="policy-simulate-result"
        />
      )}
    </Card>
  );
}

/** One policy: the rule in words in both languages, its parameters and versions, an evaluate form. */
export default function PolicyDetailPage() {
  const { id = '' } = useParams();
  const { t, lang, dateTime } = useI18n();
  const { user } = useSession();
  const q = useQuery({ queryKey: ['policy', id], queryFn: ({ signal }) => api<PolicyDetail>(`/policies/${encodeURIComponent(id)}`, { signal }) });
  if (q.isPending) return <Spin />;
  if (q.error) return <Result status="404" subTitle={q.error.message} extra={<Link to="/policies">{t('policy.back')}</Link>} />;
  const p = q.data;
  const limits = p.words.limits;
  const canSimulate = user && ['admin', 'province_officer', 'city_officer', 'county_officer'].includes(user.role);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="policy-detail">
      <Link to="/policies">← {t('policy.back')}</Link>
      <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
        {inLang(p.name, lang).main}
      </Typography.Title>
      <Typography.Text type="secondary">{inLang(p.name, lang).other}</Typography.Text>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('policy.scope')}>{p.regionScope}</Descriptions.Item>
          <Descriptions.Item label={t('policy.effective')}>{`${p.effectiveFrom} – ${p.effectiveTo ?? t('policy.open')}`}</Descriptions.Item>
          <Descriptions.Item label={t('policy.version')}>v{p.version}</Descriptions.Item>
          <Descriptions.Item label={t('policy.subject')}>{t(`policy.subject.${p.subjectKind}` as never)}</Descriptions.Item>
          <Descriptions.Item label={t('policy.payee')}>{t(`policy.payee.${p.payee}` as never)}</Descriptions.Item>
          <Descriptions.Item label={t('policy.fund')}>{p.fund}</Descriptions.Item>
        </Descriptions>
        <Both text={p.words.description} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('policy.conditions')} data-testid="policy-conditions">
            <List
              size="small"
              dataSource={p.words.conditions}
              renderItem={(c, i) => (
                <List.Item>
                  <Space align="start">
                    <Tag>{i + 1}</Tag>
                    <Space orientation="vertical" size={0}>
                      <Both text={c.description} />
                      <Typography.Text code style={{ fontSize: 12 }}>
                        {c.expr}
                      </Typography.Text>
                    </Space>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('policy.amount')} data-testid="policy-amount">
            <Both text={p.words.amount.description} />
            <div>
              <Typography.Text code style={{ fontSize: 12 }}>
                {p.words.amount.expr}
              </Typography.Text>
            </div>
            <Space wrap style={{ marginTop: 8 }}>
              {limits.oncePerPersonPerYear && <Tag color="blue">{t('policy.limit.perYear')}</Tag>}
              {limits.oncePerSubject && <Tag color="blue">{t(`policy.limit.perSubject.${p.subjectKind}` as never)}</Tag>}
              {limits.capPerClaimFen != null && <Tag color="gold">{t('policy.limit.cap', { amount: yuan(limits.capPerClaimFen / 100) })}</Tag>}
            </Space>
          </Card>
          <Card size="small" title={t('policy.parameters')} style={{ marginTop: 16 }}>
            {p.words.parameters.length ? (
              <Table size="small" rowKey="name" pagination={false} dataSource={p.words.parameters} columns={[{ title: t('policy.parameter'), dataIndex: 'description', render: (d: Text) => <Both text={d} /> }, { title: t('policy.value'), dataIndex: 'value' }]} />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
      <EvaluateCard policy={p} />
      {canSimulate && <SimulateCard policy={p} />}
      <Card size="small" title={t('policy.versions')}>
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={p.versions}
          columns={[
            { title: t('policy.version'), dataIndex: 'version', render: (v: number) => <Link to={`/policies/${p.id}`}>v{v}</Link> },
            { title: t('policy.versionBy'), dataIndex: 'createdBy' },
            { title: t('policy.updatedAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
            { title: t('policy.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </Space>
  );
}
