import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { showFieldErrors } from '../../api/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Round } from './field-api.ts';

export const ROUNDS_KEY = ['verification-rounds'];

/** Verification rounds of the county: start one, open one to make teams and follow progress. */
export default function RoundsPage() {
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const rounds = useQuery({ queryKey: ROUNDS_KEY, queryFn: () => api<{ items: Round[] }>('/verification-rounds') });
  const create = useMutation({
    mutationFn: (v: { name: string; dates?: [any, any] }) => api<Round>('/verification-rounds', { method: 'POST', body: { name: v.name, startsOn: v.dates?.[0]?.format('YYYY-MM-DD') ?? null, endsOn: v.dates?.[1]?.format('YYYY-MM-DD') ?? null } }),
    onSuccess: (r) => {
      client.invalidateQueries({ queryKey: ROUNDS_KEY });
      form.resetFields();
      navigate(`/field/rounds/${r.id}`);
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, issueText)) message.error(e.message);
    },
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="rounds-page">
      <Card title={t('rounds.create')} size="small">
        <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} data-testid="round-form">
          <Form.Item name="name" rules={[{ required: true, message: t('rounds.nameRequired') }]}>
            <Input placeholder={t('rounds.namePlaceholder')} style={{ width: 280 }} data-testid="round-name" />
          </Form.Item>
          <Form.Item name="dates">
            <DatePicker.RangePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="round-create">{t('common.create')}</Button>
        </Form>
      </Card>
      <Card title={t('rounds.title')} size="small">
        <Table<Round>
          rowKey="id"
          size="small"
          loading={rounds.isLoading}
          dataSource={rounds.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          onRow={(r) => ({ 'data-testid': `round-row-${r.id}` }) as any}
          columns={[
            { title: t('rounds.name'), dataIndex: 'name', render: (v, r) => <Link to={`/field/rounds/${r.id}`}>{v}</Link> },
            { title: t('rounds.county'), dataIndex: 'countyName' },
            { title: t('rounds.dates'), render: (_, r) => [r.startsOn, r.endsOn].filter(Boolean).join(' ~ ') },
            { title: t('rounds.status'), dataIndex: 'status', render: (s) => <Tag color={s === 'open' ? 'green' : 'default'}>{t(`rounds.status.${s}` as 'rounds.status.open')}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}
