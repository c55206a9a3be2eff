import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client.ts';
import { LangSwitch } from '../i18n/LangSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLogin, useSession } from './session.ts';

interface Fields {
  username: string;
  password: string;
}

/** Only paths inside the app are followed after login, so a crafted link cannot send users elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (user) return <Navigate to={next} replace />;

  const failure = login.error
    ? isApiError(login.error) && login.error.code === 'login_failed'
      ? t('login.failed')
      : isApiError(login.error) && login.error.status === 429
        ? t('login.throttled')
        : isApiError(login.error) && login.error.status === 0
          ? t('common.networkError')
          : login.error.message
    : null;

  return (
    <div className="login-screen">
      <div className="login-lang">
        <LangSwitch type="default" />
      </div>
      <Card className="login-card" variant="borderless">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
        </div>
        <Form<Fields>
          layout="vertical"
          size="large"
          requiredMark={false}
          data-testid="login-form"
          onFinish={(v) => login.mutate(v, { onSuccess: () => navigate(next, { replace: true }) })}
        >
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
