import { Button, Layout, Menu, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Role, STAFF, useAuth } from './auth';
import { type Lang, useI18n } from './i18n';

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      data-testid="lang-switch"
    />
  );
}

/** Header with the menu the user's roles allow, their roles, language and sign-out. */
export function AppLayout() {
  const { session, can, logout } = useAuth();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  const items = [
    can(...STAFF) && { key: '/orders', label: t('menu.orders') },
    can(Role.OrderDesk) && { key: '/orders/new', label: t('menu.newOrder') },
    can(...STAFF) && { key: '/work-queues', label: t('menu.workQueues') },
    can(...STAFF) && { key: '/accounts', label: t('menu.accounts') },
    can(Role.LogisticsProvider) && { key: '/provider/shipments', label: t('menu.providerShipments') },
    can(Role.Finance, Role.CommerceProvider) && { key: '/invoices', label: t('menu.invoices') },
    can(Role.Finance) && { key: '/finance', label: t('menu.finance') },
    !can(Role.Finance) &&
      can(Role.LogisticsProvider, Role.CommerceProvider) && {
        key: '/finance/provider-statements',
        label: t('menu.statements'),
      },
  ].filter((x): x is { key: string; label: string } => !!x);
  const selected =
    items
      .map((i) => i.key)
      .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '';
  const active =
    location.pathname.startsWith('/orders/') && selected === '/orders' && location.pathname !== '/orders/new'
      ? '/orders'
      : selected;

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          padding: '0 16px',
          height: 48,
          lineHeight: '48px',
        }}
      >
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t('appName')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[active]}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0, lineHeight: '48px' }}
          data-testid="main-menu"
        />
        <Space size={8} className="header-roles">
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            {session.displayName ?? session.username}
          </Typography.Text>
          <span data-testid="current-roles">
            {session.roles.map((r) => (
              <Tag key={r} color="geekblue">
                {label('role', r)}
              </Tag>
            ))}
          </span>
          <LanguageSwitch />
          <Button size="small" onClick={logout} data-testid="logout">
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content>
        <Suspense fallback={<PageFallback />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

/** Shown while a page's code loads. */
export function PageFallback() {
  return (
    <div className="page" data-testid="page-loading">
      <Skeleton active />
    </div>
  );
}
