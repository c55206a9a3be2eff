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
// The public job board needs no account, so it sits outside the guarded layout.
const JobBoardPage = lazy(() => import('./pages/demand/JobBoardPage.tsx'));

const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  home: lazy(() => import('./pages/HomePage.tsx')),
  regions: lazy(() => import('./pages/regions/RegionBrowserPage.tsx')),
  ledger: lazy(() => import('./pages/ledger/LedgerListPage.tsx')),
  ledgerHousehold: lazy(() => import('./pages/ledger/HouseholdPage.tsx')),
  policies: lazy(() => import('./pages/policy/PoliciesPage.tsx')),
  policy: lazy(() => import('./pages/policy/PolicyDetailPage.tsx')),
  claims: lazy(() => import('./pages/policy/ClaimsPage.tsx')),
  claimQueue: lazy(() => import('./pages/policy/ClaimQueuePage.tsx')),
  claimNew: lazy(() => import('./pages/policy/NewClaimPage.tsx')),
  claim: lazy(() => import('./pages/policy/ClaimDetailPage.tsx')),
  batches: lazy(() => import('./pages/payments/BatchesPage.tsx')),
  batch: lazy(() => import('./pages/payments/BatchDetailPage.tsx')),
  budgets: lazy(() => import('./pages/payments/BudgetsPage.tsx')),
  employers: lazy(() => import('./pages/demand/EmployersPage.tsx')),
  employer: lazy(() => import('./pages/demand/EmployerPage.tsx')),
  postings: lazy(() => import('./pages/demand/PostingsPage.tsx')),
  posting: lazy(() => import('./pages/demand/PostingPage.tsx')),
  campaigns: lazy(() => import('./pages/demand/CampaignsPage.tsx')),
  campaign: lazy(() => import('./pages/demand/CampaignPage.tsx')),
  checkin: lazy(() => import('./pages/demand/CheckInPage.tsx')),
  worklist: lazy(() => import('./pages/matching/WorklistPage.tsx')),
  rounds: lazy(() => import('./pages/field/RoundsPage.tsx')),
  round: lazy(() => import('./pages/field/RoundPage.tsx')),
  verify: lazy(() => import('./pages/field/VerifierPage.tsx')),
  conflicts: lazy(() => import('./pages/field/ConflictsPage.tsx')),
  courses: lazy(() => import('./pages/training/CoursesPage.tsx')),
  course: lazy(() => import('./pages/training/CoursePage.tsx')),
  minimumWages: lazy(() => import('./pages/demand/MinimumWagesPage.tsx')),
  users: lazy(() => import('./pages/admin/UsersPage.tsx')),
  audit: lazy(() => import('./pages/admin/AuditPage.tsx')),
  ledgerImport: lazy(() => import('./pages/ledger-import/LedgerImportPage.tsx')),
  ledgerExport: lazy(() => import('./pages/ledger-import/LedgerExportPage.tsx')),
  account: lazy(() => import('./pages/account/AccountPage.tsx')),
  trips: lazy(() => import('./pages/transport/TripsPage.tsx')),
  trip: lazy(() => import('./pages/transport/TripDetailPage.tsx')),
  tripManifest: lazy(() => import('./pages/transport/ManifestPrintPage.tsx')),
  tripPlanner: lazy(() => import('./pages/transport/PlannerPage.tsx')),
  escort: lazy(() => import('./pages/transport/EscortPage.tsx')),
  stats: lazy(() => import('./pages/stats/StatsDashboardPage.tsx')),
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
        <Route path="/jobs" element={<Suspense fallback={<PageLoading />}><JobBoardPage /></Suspense>} />
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
