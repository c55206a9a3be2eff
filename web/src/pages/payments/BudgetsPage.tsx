import { useState, type HTMLAttributes } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, Form, InputNumber, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { placeErrors, RegionCodeInput } from '../demand/demand-ui.tsx';
import { fenText, type Budget, type PaymentTotals } from '../policy/claims-api.ts';
import { FundName, Money, ProblemAlert, useCan, useFunds } from '../policy/claims-ui.tsx';
import { inLang } from '../policy/policy-api.ts';

interface BudgetForm {
  fund: string;
  regionCode: string;
  year: number;
  amount: number;
}

const rowId = (b: { fund: string; regionCode: string; year: number }) => `${b.fund}-${b.regionCode}-${b.year}`;

/** Budgets per fund, region and year: what is set, promised to approved claims, paid, and left; officers set them here. */
export default function BudgetsPage() {
  const { t, lang, issueText } = useI18n();
  const { user } = useSession();
  const can = useCan();
  const manage = can('budget.manage');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState<number | null>(null);
  const [fund, setFund] = useState<string>('');
  const [form] = Form.useForm<BudgetForm>();
  const [problem, setProblem] = useState<{ error: unknown; lines: string[] } | null>(null);
  const funds = useFunds();
  const filter = { year: year ?? undefined, fund: fund || undefined };
  const budgets = useQuery({ queryKey: ['budgets', filter], queryFn: ({ signal }) => api<{ items: Budget[] }>('/budgets', { query: filter, signal }).then((r) => r.items) });
  const totals = useQuery({ queryKey: ['budgets', 'paid-totals', filter], queryFn: ({ signal }) => api<PaymentTotals>('/payments/totals', { query: { by: 'fund', ...filter }, signal }), enabled: can('payment.read') });
  const set = useMutation({
    mutationFn: (v: BudgetForm) => api<Budget>('/budgets', { method: 'PUT', body: { fund: v.fund, regionCode: String(v.regionCode ?? '').trim(), year: v.year, amount: v.amount } }),
    onSuccess: (b) => {
      setProblem(null);
      message.success(t('budget.saved', { amount: fenText(b.amountFen), remaining: fenText(b.remainingFen) }));
      qc.invalidateQueries({ queryKey: ['budgets'] });
    },
    onError: (e) => {
      const rest = placeErrors(form, e, issueText);
      setProblem(rest.length ? { error: e, lines: rest } : null);
    },
  });
  const rows = budgets.data ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="budgets-page">
      <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
        {t('budget.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('budget.intro')}
      </Typography.Paragraph>
      {manage && (
        <Card size="small" title={t('budget.set')} data-testid="budget-form">
          <Form<BudgetForm>
            form={form}
            layout="vertical"
            initialValues={{ fund: 'employment-subsidy', regionCode: user?.regionCode, year: new Date().getFullYear() }}
            onFinish={(v) => set.mutate(v)}
          >
            <Row gutter={12}>
              <Col xs={24} md={7}>
                <Form.Item name="fund" label={t('claims.fund')} rules={[{ required: true }]}>
                  <Select options={(funds.data ?? []).map((f) => ({ value: f.id, label: inLang(f.name, lang).main }))} data-testid="budget-fund" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="regionCode" label={t('claims.region')} rules={[{ required: true }]}>
                  <RegionCodeInput testId="budget-region" />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="year" label={t('claims.year')} rules={[{ required: true }]}>
                  <InputNumber precision={0} style={{ width: '100%' }} data-testid="budget-year" />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item name="amount" label={t('budget.amountYuan')} rules={[{ required: true }]}>
                  <InputNumber precision={2} style={{ width: '100%' }} suffix={t('policy.yuan')} data-testid="budget-amount" />
                </Form.Item>
              </Col>
              <Col xs={24} md={2}>
                <Form.Item label=" ">
                  <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={set.isPending} data-testid="budget-save" block>
                    {t('common.save')}
                  </Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {problem ? <ProblemAlert error={problem.error} extra={problem.lines} onClose={() => setProblem(null)} testId="budget-problem" /> : null}
        </Card>
      )}
      <Card
        size="small"
        title={t('budget.list')}
        extra={
          <Space wrap>
            <Select style={{ width: 220 }} value={fund} onChange={setFund} options={[{ value: '', label: t('budget.allFunds') }, ...(funds.data ?? []).map((f) => ({ value: f.id, label: inLang(f.name, lang).main }))]} aria-label={t('claims.fund')} />
            <InputNumber placeholder={t('budget.allYears')} value={year} onChange={(v) => setYear(v ?? null)} precision={0} style={{ width: 120 }} aria-label={t('claims.year')} data-testid="budget-year-filter" />
          </Space>
        }
      >
        <Table<Budget>
          rowKey="id"
          size="middle"
          loading={budgets.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="budgets-table"
          locale={{ emptyText: t('budget.none') }}
          onRow={(b) => ({ 'data-testid': `budget-row-${rowId(b)}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('claims.fund'), dataIndex: 'fund', render: (f: string) => <FundName id={f} /> },
            { title: t('claims.region'), dataIndex: 'regionCode' },
            { title: t('claims.year'), dataIndex: 'year' },
            { title: t('budget.amountYuan'), dataIndex: 'amountFen', align: 'right', render: (f: number, b) => <span data-testid={`budget-amount-${rowId(b)}`}><Money fen={f} /></span> },
            { title: t('budget.approvedUnpaid'), dataIndex: 'approvedUnpaidFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: t('budget.paid'), dataIndex: 'paidFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: t('budget.used'), key: 'used', align: 'right', render: (_: unknown, b) => <Money fen={b.approvedUnpaidFen + b.paidFen} /> },
            { title: t('budget.remaining'), dataIndex: 'remainingFen', align: 'right', render: (f: number, b) => <span data-testid={`budget-remaining-${rowId(b)}`} style={{ color: f < 0 ? '#cf1322' : undefined }}><Money fen={f} strong /></span> },
            {
              title: t('budget.usage'),
              key: 'usage',
              render: (_: unknown, b) => <Progress style={{ width: 100, margin: 0 }} size="small" percent={b.amountFen > 0 ? Math.min(100, Math.round(((b.approvedUnpaidFen + b.paidFen) * 100) / b.amountFen)) : 0} status={b.remainingFen < 0 ? 'exception' : undefined} />,
            },
            ...(manage
              ? [
                  {
                    title: t('claims.actions'),
                    key: 'edit',
                    render: (_: unknown, b: Budget) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => form.setFieldsValue({ fund: b.fund, regionCode: b.regionCode, year: b.year, amount: b.amountFen / 100 })}>
                        {t('budget.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {can('payment.read') && (
        <Card size="small" title={t('budget.paidTotals')} loading={totals.isPending} data-testid="paid-totals">
          {totals.data && (
            <Row gutter={[16, 16]}>
              <Col xs={24} md={6}>
                <Statistic title={t('budget.paidTotal')} value={fenText(totals.data.totalFen)} />
              </Col>
              <Col xs={24} md={18}>
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={totals.data.items}
                  locale={{ emptyText: t('budget.noPayments') }}
                  columns={[
                    { title: t('claims.fund'), dataIndex: 'key', render: (f: string) => <FundName id={f} /> },
                    { title: t('pay.entries'), dataIndex: 'entries', align: 'right' },
                    { title: t('budget.paidNet'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
                  ]}
                />
              </Col>
            </Row>
          )}
        </Card>
      )}
    </Space>
  );
}
