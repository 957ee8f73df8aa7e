import { lazy } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { homeOf, Role, STAFF, useAuth } from './auth';
import { AppLayout } from './layout';
import { LoginPage } from './pages/login';

// Each page but the sign-in is its own chunk, loaded when its route is first opened (see AppLayout's Suspense).
const RankingPage = lazy(() => import('./pages/accounts').then((m) => ({ default: m.RankingPage })));
const AccountDashboardPage = lazy(() =>
  import('./pages/account-dashboard').then((m) => ({ default: m.AccountDashboardPage })),
);
const FinancePage = lazy(() => import('./pages/finance').then((m) => ({ default: m.FinancePage })));
const InvoicesPage = lazy(() => import('./pages/invoices').then((m) => ({ default: m.InvoicesPage })));
const OrderDetailPage = lazy(() =>
  import('./pages/order-detail').then((m) => ({ default: m.OrderDetailPage })),
);
const OrdersPage = lazy(() => import('./pages/orders').then((m) => ({ default: m.OrdersPage })));
const PlaceOrderPage = lazy(() => import('./pages/place-order').then((m) => ({ default: m.PlaceOrderPage })));
const ProviderShipmentsPage = lazy(() =>
  import('./pages/provider-shipments').then((m) => ({ default: m.ProviderShipmentsPage })),
);
const WorkQueuesPage = lazy(() => import('./pages/work-queues').then((m) => ({ default: m.WorkQueuesPage })));

const FINANCE_READERS = [Role.Finance, Role.LogisticsProvider, Role.CommerceProvider];

/** A route only some roles may open; others go to their home page. */
function Guard({ roles, children }: { roles: string[]; children: React.ReactElement }) {
  const { session, can } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!can(...roles)) return <Navigate to={homeOf(session.roles)} replace />;
  return children;
}

export function AppRoutes() {
  const { session } = useAuth();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<AppLayout />}>
        <Route
          path="/orders"
          element={
            <Guard roles={STAFF}>
              <OrdersPage />
            </Guard>
          }
        />
        <Route
          path="/orders/new"
          element={
            <Guard roles={[Role.OrderDesk]}>
              <PlaceOrderPage />
            </Guard>
          }
        />
        <Route
          path="/orders/:id"
          element={
            <Guard roles={STAFF}>
              <OrderDetailPage />
            </Guard>
          }
        />
        <Route
          path="/work-queues"
          element={
            <Guard roles={STAFF}>
              <WorkQueuesPage />
            </Guard>
          }
        />
        <Route
          path="/work-queues/:queue"
          element={
            <Guard roles={STAFF}>
              <WorkQueuesPage />
            </Guard>
          }
        />
        <Route
          path="/accounts"
          element={
            <Guard roles={STAFF}>
              <RankingPage />
            </Guard>
          }
        />
        <Route
          path="/accounts/:id"
          element={
            <Guard roles={STAFF}>
              <AccountDashboardPage />
            </Guard>
          }
        />
        <Route
          path="/finance"
          element={
            <Guard roles={FINANCE_READERS}>
              <FinancePage />
            </Guard>
          }
        />
        <Route
          path="/finance/:tab"
          element={
            <Guard roles={FINANCE_READERS}>
              <FinancePage />
            </Guard>
          }
        />
        <Route
          path="/provider/shipments"
          element={
            <Guard roles={[Role.LogisticsProvider]}>
              <ProviderShipmentsPage />
            </Guard>
          }
        />
        <Route
          path="/invoices"
          element={
            <Guard roles={[Role.Finance, Role.CommerceProvider]}>
              <InvoicesPage />
            </Guard>
          }
        />
        <Route
          path="/invoices/:id"
          element={
            <Guard roles={[Role.Finance, Role.CommerceProvider]}>
              <InvoicesPage />
            </Guard>
          }
        />
      </Route>
      <Route path="*" element={<Navigate to={session ? homeOf(session.roles) : '/login'} replace />} />
    </Routes>
  );
}
