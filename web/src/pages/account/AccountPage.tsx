import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { showFieldErrors } from '../../api/form-errors.ts';
import { SESSION_KEY, useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiTokensCard } from './ApiTokensCard.tsx';

interface PasswordFields {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard() {
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordFields>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const change = useMutation({
    mutationFn: (v: PasswordFields) => api<void>('/auth/password', { method: 'POST', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }),
    onSuccess: () => {
      // The server ended every session of the account, this one included.
      message.success(t('account.passwordChanged'));
      client.clear();
      client.setQueryData(SESSION_KEY, null);
      navigate('/login', { replace: true });
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, issueText)) message.error(e.message);
    },
  });

  return (
    <Card
      title={
        <Space>
          <LockOutlined />
          {t('account.password')}
        </Space>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary">{t('account.passwordHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false} data-testid="password-form">
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('login.required', { field: t('account.currentPassword') }) }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={[{ required: true, message: t('login.required', { field: t('account.newPassword') }) }]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('login.required', { field: t('account.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('account.change')}
        </Button>
      </Form>
    </Card>
  );
}

export default function AccountPage() {
  const { t, roleName, dateTime } = useI18n();
  const { user } = useSession();
  if (!user) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="account-page">
      <Typography.Title level={3} className="page-title">
        {t('account.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            title={
              <Space>
                <UserOutlined />
                {t('account.profile')}
              </Space>
            }
            style={{ height: '100%' }}
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('users.username')}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t('account.displayName')}>{user.displayName || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('users.role')}>
                <Tag color="green">{roleName(user.role)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('users.region')}>
                {user.regionCode ? user.regionName : t('region.nationwide')}
                {user.regionCode && (
                  <Typography.Text code style={{ marginInlineStart: 8 }}>
                    {user.regionCode}
                  </Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.createdAt')}>{dateTime(user.createdAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
      </Row>
      <ApiTokensCard />
    </Space>
  );
}
