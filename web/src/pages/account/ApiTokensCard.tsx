import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { showFieldErrors } from '../../api/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEY = ['auth', 'tokens'];

export function ApiTokensCard() {
  const { t, dateTime, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api<{ items: ApiToken[] }>('/auth/tokens', { signal }).then((r) => r.items) });
  const create = useMutation({
    mutationFn: (name: string) => api<{ id: number; name: string; token: string }>('/auth/tokens', { method: 'POST', body: { name } }),
    onSuccess: (r) => {
      setCreated(r);
      form.resetFields();
      client.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, issueText)) message.error(e.message);
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api<void>(`/auth/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
    onError: (e) => message.error(e.message),
  });

  return (
    <Card
      title={
        <Space>
          <KeyOutlined />
          {t('account.tokens')}
        </Space>
      }
      data-testid="tokens-card"
    >
      <Typography.Paragraph type="secondary">{t('account.tokensHint')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => create.mutate(v.name)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('account.tokenName') }) }]} style={{ flex: '1 1 220px' }}>
          <Input placeholder={t('account.tokenNamePlaceholder')} maxLength={80} aria-label={t('account.tokenName')} data-testid="token-name" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending} data-testid="token-create">
            {t('account.tokenCreate')}
          </Button>
        </Form.Item>
      </Form>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('account.tokenName'), dataIndex: 'name' },
          { title: t('account.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v), responsive: ['md'] },
          { title: t('account.tokenLastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? dateTime(v) : t('account.tokenNever')) },
          {
            title: t('account.tokenStatus'),
            dataIndex: 'revokedAt',
            render: (v: string | null) => (v ? <Tag>{t('account.tokenRevoked')}</Tag> : <Tag color="green">{t('account.tokenActive')}</Tag>),
          },
          {
            key: 'actions',
            align: 'right',
            render: (_: unknown, r) =>
              r.revokedAt ? null : (
                <Popconfirm title={t('account.tokenRevokeConfirm')} onConfirm={() => revoke.mutate(r.id)} okButtonProps={{ danger: true }}>
                  <Button size="small" danger data-testid={`token-revoke-${r.id}`}>
                    {t('account.tokenRevoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal open={!!created} title={t('account.tokenCreated')} onCancel={() => setCreated(null)} onOk={() => setCreated(null)} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
        <Alert type="warning" showIcon title={t('account.tokenOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph strong>{created?.name}</Typography.Paragraph>
        <Typography.Paragraph code copyable={{ text: created?.token, tooltips: [t('common.copy'), t('common.copied')] }} style={{ wordBreak: 'break-all' }} data-testid="token-secret">
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
