import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { LoginPage } from './auth/LoginPage.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { useSession } from './auth/session.ts';
import { useT } from './i18n/i18n.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { canOpen, NAV, type NavEntry } from './nav.ts';

/** The page of each navigation entry, by its key; pages load on first visit. */
const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  home: lazy(() => import('./pages/HomePage.tsx')),
  regions: lazy(() => import('./pages/regions/RegionBrowserPage.tsx')),
  users: lazy(() => import('./pages/admin/UsersPage.tsx')),
  audit: lazy(() => import('./pages/admin/AuditPage.tsx')),
  account: lazy(() => import('./pages/account/AccountPage.tsx')),
};

function PageLoading() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', padding: 64 }}>
      <Spin />
    </div>
  );
}

function Guarded({ entry }: { entry: NavEntry }) {
  const { user } = useSession();
  const t = useT();
  const Page = PAGES[entry.key];
  if (!user || !canOpen(entry, user.role)) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />;
  }
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

function NotFound() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          {NAV.filter((e) => PAGES[e.key]).map((e) => (
            <Route key={e.key} path={e.route ?? e.path} element={<Guarded entry={e} />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
