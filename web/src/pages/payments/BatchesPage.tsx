import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { placeErrors, RegionCodeInput } from '../demand/demand-ui.tsx';
import { fenText, sumFen, type Batch, type Claim, type ClaimPage } from '../policy/claims-api.ts';
import { FundName, Money, PayeeText, PolicyName, ProblemAlert, useCan, useFunds } from '../policy/claims-ui.tsx';
import { inLang } from '../policy/policy-api.ts';

interface BatchForm {
  fund: string;
  regionCode: string;
  entryDate?: string;
  reference?: string;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Approved, unpaid claims of a fund within a region (all pages), for choosing what a batch pays. */
async function payableClaims(fund: string, region: string, signal: AbortSignal): Promise<Claim[]> {
  const out: Claim[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await api<ClaimPage>('/claims', { query: { status: 'approved', region, limit: 500, cursor }, signal });
    out.push(...page.items.filter((c) => c.fund === fund && c.batchId == null));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out.sort((a, b) => a.id - b.id);
}

/** Pays approved claims: pick the fund and region, tick the claims, and the batch is written to the ledger. */
function NewBatchCard() {
  const { t, lang, issueText } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<BatchForm>();
  const funds = useFunds();
  const fund = Form.useWatch('fund', form);
  const region = Form.useWatch('regionCode', form);
  const [selected, setSelected] = useState<number[] | null>(null);
  const [problem, setProblem] = useState<{ error: unknown; lines: string[] } | null>(null);
  const regionOk = !!region && /^\d{2,12}$/.test(region);
  const claims = useQuery({
    queryKey: ['claims', 'payable', fund, region],
    queryFn: ({ signal }) => payableClaims(fund, region, signal),
    enabled: !!fund && regionOk,
  });
  const rows = claims.data ?? [];
  const chosen = selected ?? rows.map((c) => c.id);
  const chosenFen = sumFen(rows.filter((c) => chosen.includes(c.id)).map((c) => c.amountFen));
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Batch>('/payment-batches', { method: 'POST', body }),
    onSuccess: (b) => {
      qc.invalidateQueries({ queryKey: ['claims'] });
      qc.invalidateQueries({ queryKey: ['batches'] });
      qc.invalidateQueries({ queryKey: ['budgets'] });
      navigate(`/payments/batches/${b.id}`);
    },
    onError: (e) => {
      const rest = placeErrors(form, e, issueText);
      setProblem(rest.length ? { error: e, lines: rest } : null);
    },
  });
  const submit = (v: BatchForm) => {
    setProblem(null);
    create.mutate({ fund: v.fund, regionCode: v.regionCode.trim(), entryDate: v.entryDate?.trim() || undefined, reference: v.reference?.trim() || undefined, claimIds: chosen });
  };

  return (
    <Card size="small" title={t('pay.newBatch')} data-testid="new-batch">
      <Form<BatchForm>
        form={form}
        layout="vertical"
        initialValues={{ fund: 'employment-subsidy', regionCode: user?.regionCode, entryDate: today() }}
        onValuesChange={(c) => {
          if ('fund' in c || 'regionCode' in c) setSelected(null);
        }}
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col xs={24} md={7}>
            <Form.Item name="fund" label={t('claims.fund')} rules={[{ required: true }]}>
              <Select options={(funds.data ?? []).map((f) => ({ value: f.id, label: inLang(f.name, lang).main }))} data-testid="batch-fund" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="regionCode" label={t('claims.region')} rules={[{ required: true }]}>
              <RegionCodeInput testId="batch-region" />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item name="entryDate" label={t('pay.entryDate')}>
              <Input placeholder="YYYY-MM-DD" data-testid="batch-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="reference" label={t('pay.reference')} extra={t('pay.referenceHint')}>
              <Input maxLength={80} data-testid="batch-reference" />
            </Form.Item>
          </Col>
        </Row>
        <Table<Claim>
          rowKey="id"
          size="small"
          loading={claims.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="batch-claims"
          locale={{ emptyText: t('pay.noPayable') }}
          rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setSelected(keys.map(Number)), getCheckboxProps: (c) => ({ 'data-testid': `batch-pick-${c.id}` }) as object }}
          onRow={(c) => ({ 'data-testid': `payable-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('claims.id'), dataIndex: 'id', render: (id: number) => <Link to={`/claims/${id}`}>#{id}</Link> },
            { title: t('claims.policy'), dataIndex: 'policy', render: (p: string) => <PolicyName id={p} link={false} /> },
            { title: t('claims.payee'), dataIndex: 'payee', render: (p: string) => <PayeeText payee={p} /> },
            { title: t('claims.region'), dataIndex: 'regionCode' },
            { title: t('claims.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          ]}
        />
        {problem ? <div style={{ marginTop: 12 }}><ProblemAlert error={problem.error} extra={problem.lines} onClose={() => setProblem(null)} testId="batch-problem" /></div> : null}
        <Space style={{ marginTop: 12 }} wrap>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending} disabled={!chosen.length} data-testid="batch-create">
            {t('pay.createBatch')}
          </Button>
          <Typography.Text data-testid="batch-chosen">{t('pay.chosen', { n: chosen.length, amount: fenText(chosenFen) })}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}

/** Payment batches within the account's region, newest first, and a form to pay approved claims. */
export default function BatchesPage() {
  const { t, dateTime } = useI18n();
  const can = useCan();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({
    queryKey: ['batches', cursor],
    queryFn: ({ signal }) => api<{ items: Batch[]; nextCursor: string | null }>('/payment-batches', { query: { cursor, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="batches-page">
      <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
        {t('pay.batches')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('pay.batchesIntro')}
      </Typography.Paragraph>
      {can('payment.manage') && <NewBatchCard />}
      <Card size="small" title={t('pay.batchList')}>
        {list.error && <Alert type="error" showIcon title={list.error.message} />}
        <Table<Batch>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="batches-table"
          onRow={(b) => ({ 'data-testid': `batch-row-${b.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('pay.batch'), dataIndex: 'id', render: (id: number) => <Link to={`/payments/batches/${id}`}>#{id}</Link> },
            { title: t('pay.reference'), dataIndex: 'reference', render: (r: string, b) => <Link to={`/payments/batches/${b.id}`}>{r}</Link> },
            { title: t('claims.fund'), dataIndex: 'fund', render: (f: string) => <FundName id={f} /> },
            { title: t('claims.region'), dataIndex: 'regionCode' },
            { title: t('pay.entryDate'), dataIndex: 'entryDate' },
            { title: t('pay.entries'), dataIndex: 'entryCount', align: 'right' },
            { title: t('pay.totalYuan'), dataIndex: 'totalFen', align: 'right', render: (f: number) => <Money fen={f} strong /> },
            { title: t('pay.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v), responsive: ['lg'] },
          ]}
        />
        <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
          <Button icon={<LeftOutlined />} disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('claims.prev')}
          </Button>
          <Button disabled={!list.data?.nextCursor} onClick={() => setCursors([...cursors, list.data!.nextCursor!])}>
            {t('claims.next')} <RightOutlined />
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
