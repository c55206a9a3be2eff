import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { useSession } from './session.ts';

/** Shows its children to a logged-in account; sends everyone else to the login page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, isLoading, error, refetch } = useSession();
  const location = useLocation();
  const t = useT();
  if (isLoading) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (error) {
    return <Result status="warning" title={t('common.networkError')} extra={<Button onClick={() => refetch()}>{t('common.retry')}</Button>} />;
  }
  if (!user) {
    const from = location.pathname + location.search;
    return <Navigate to={from === '/' ? '/login' : `/login?next=${encodeURIComponent(from)}`} replace />;
  }
  return children;
}
