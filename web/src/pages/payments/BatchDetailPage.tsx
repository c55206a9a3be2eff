import { useState, type HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, RollbackOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { placeErrors } from '../demand/demand-ui.tsx';
import { fenText, sumFen, type BatchDetail, type PaymentEntry } from '../policy/claims-api.ts';
import { FundName, Money, PayeeText, PolicyName, ProblemAlert, useCan } from '../policy/claims-ui.tsx';

/** The dialog that reverses one payment with a negative entry; the reason is required by the server. */
function ReverseDialog({ entry, onClose }: { entry: PaymentEntry | null; onClose: (done: boolean) => void }) {
  const { t, issueText } = useI18n();
  const [form] = Form.useForm<{ reason?: string; entryDate?: string }>();
  const [problem, setProblem] = useState<{ error: unknown; lines: string[] } | null>(null);
  const reverse = useMutation({
    mutationFn: (v: { reason?: string; entryDate?: string }) => api<PaymentEntry>(`/payment-entries/${entry!.id}/reversal`, { method: 'POST', body: { reason: v.reason ?? '', entryDate: v.entryDate?.trim() || undefined } }),
    onSuccess: () => {
      setProblem(null);
      onClose(true);
    },
    onError: (e) => {
      const rest = placeErrors(form, e, issueText);
      setProblem(rest.length ? { error: e, lines: rest } : null);
    },
  });
  return (
    <Modal
      open={!!entry}
      title={entry ? t('pay.reverseTitle', { id: entry.id, amount: fenText(entry.amountFen) }) : ''}
      okText={t('pay.reverse')}
      okButtonProps={{ danger: true, loading: reverse.isPending, 'data-testid': 'reverse-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        setProblem(null);
        onClose(false);
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('pay.reverseIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => reverse.mutate(v)} preserve={false}>
        <Form.Item name="reason" label={t('claims.reason')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="reverse-reason" />
        </Form.Item>
        <Form.Item name="entryDate" label={t('pay.entryDate')} extra={t('pay.todayIfEmpty')}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
      </Form>
      {problem ? <ProblemAlert error={problem.error} extra={problem.lines} /> : null}
    </Modal>
  );
}

/** One payment batch: its entries, the reversals made since, exact totals, and the .xlsx for the bank. */
export default function BatchDetailPage() {
  const { id = '' } = useParams();
  const { t, dateTime } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [reversing, setReversing] = useState<PaymentEntry | null>(null);
  const q = useQuery({ queryKey: ['batch', id], queryFn: ({ signal }) => api<BatchDetail>(`/payment-batches/${encodeURIComponent(id)}`, { signal }) });
  if (q.isPending) return <Spin />;
  if (q.error || !q.data) return <Result status="404" subTitle={q.error?.message} extra={<Link to="/payments/batches">{t('pay.back')}</Link>} />;
  const b = q.data;
  const reversedIds = new Set(b.reversals.map((r) => r.reversesId));
  const reversedFen = sumFen(b.reversals.map((r) => r.amountFen));
  const closeReverse = (done: boolean) => {
    setReversing(null);
    if (done) {
      message.success(t('pay.reversed'));
      qc.invalidateQueries({ queryKey: ['batch', id] });
      qc.invalidateQueries({ queryKey: ['batches'] });
      qc.invalidateQueries({ queryKey: ['claims'] });
      qc.invalidateQueries({ queryKey: ['budgets'] });
    }
  };
  const exportHref = `/api/v1/payment-batches/${b.id}/export`;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="batch-detail">
      <Link to="/payments/batches">← {t('pay.back')}</Link>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
          {t('pay.batchNo', { id: b.id })} <Typography.Text type="secondary" style={{ fontSize: 16 }}>{b.reference}</Typography.Text>
        </Typography.Title>
        <Button href={exportHref} download={`${b.reference}.xlsx`} icon={<FileExcelOutlined />} data-testid="batch-export">
          {t('pay.export')}
        </Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" style={{ height: '100%' }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('claims.fund')}><FundName id={b.fund} /></Descriptions.Item>
              <Descriptions.Item label={t('claims.region')}>{b.regionCode}</Descriptions.Item>
              <Descriptions.Item label={t('pay.entryDate')}>{b.entryDate}</Descriptions.Item>
              <Descriptions.Item label={t('pay.entries')}>{b.entryCount}</Descriptions.Item>
              <Descriptions.Item label={t('pay.createdAt')}>{dateTime(b.createdAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" style={{ height: '100%' }}>
            <Row gutter={16}>
              <Col span={8}><Statistic title={t('pay.totalYuan')} value={fenText(b.totalFen)} data-testid="batch-total" /></Col>
              <Col span={8}><Statistic title={t('pay.reversedYuan')} value={fenText(reversedFen)} data-testid="batch-reversed" /></Col>
              <Col span={8}><Statistic title={t('pay.netYuan')} value={fenText(b.netFen)} data-testid="batch-net" /></Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('pay.entryList')}>
        <Table<PaymentEntry>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={b.entries}
          scroll={{ x: 'max-content' }}
          data-testid="batch-entries"
          onRow={(e) => ({ 'data-testid': `entry-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>{t('pay.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right"><Money fen={sumFen(b.entries.map((e) => e.amountFen))} strong /></Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={4} />
            </Table.Summary.Row>
          )}
          columns={[
            { title: t('pay.entry'), dataIndex: 'id', render: (v: number) => `#${v}` },
            { title: t('pay.claim'), dataIndex: 'claimId', render: (v: number | null) => (v ? <Link to={`/claims/${v}`}>#{v}</Link> : '—') },
            {
              title: t('claims.payee'),
              dataIndex: 'payee',
              render: (p: string, e) => (
                <Space orientation="vertical" size={0}>
                  <PayeeText payee={p} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <PolicyName id={e.policy} link={false} />
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('pay.amountYuan'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: t('claims.fund'), dataIndex: 'fund', render: (f: string) => <FundName id={f} /> },
            { title: t('pay.entryDate'), dataIndex: 'entryDate' },
            { title: t('pay.reference'), dataIndex: 'reference', render: (r: string) => <Typography.Text code>{r}</Typography.Text> },
            {
              title: t('claims.status'),
              key: 'state',
              render: (_: unknown, e) =>
                reversedIds.has(e.id) ? (
                  <Tag color="red">{t('pay.isReversed')}</Tag>
                ) : (
                  <Space size={4}>
                    <Tag color="green">{t('pay.isPaid')}</Tag>
                    {can('payment.manage') && (
                      <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReversing(e)} data-testid={`reverse-${e.id}`}>
                        {t('pay.reverse')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {b.reversals.length > 0 && (
        <Card size="small" title={t('pay.reversals')}>
          <Table<PaymentEntry>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={b.reversals}
            scroll={{ x: 'max-content' }}
            data-testid="batch-reversals"
            columns={[
              { title: t('pay.entry'), dataIndex: 'id', render: (v: number) => `#${v}` },
              { title: t('pay.reverses'), dataIndex: 'reversesId', render: (v: number) => `#${v}` },
              { title: t('claims.payee'), dataIndex: 'payee', render: (p: string) => <PayeeText payee={p} /> },
              { title: t('pay.amountYuan'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
              { title: t('pay.entryDate'), dataIndex: 'entryDate' },
              { title: t('pay.reference'), dataIndex: 'reference', render: (r: string) => <Typography.Text code>{r}</Typography.Text> },
              { title: t('claims.reason'), dataIndex: 'reason' },
            ]}
          />
        </Card>
      )}
      <ReverseDialog entry={reversing} onClose={closeReverse} />
    </Space>
  );
}
