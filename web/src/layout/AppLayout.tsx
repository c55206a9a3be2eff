import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Drawer, Grid, Layout, Menu, Tag, Tooltip, Typography } from 'antd';
import { EnvironmentOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useLogout, useSession } from '../auth/session.ts';
import { LangSwitch } from '../i18n/LangSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { activeEntry, navFor } from '../nav.ts';

function Brand({ short }: { short?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to="/" className="app-brand" data-testid="brand">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!short && <span>{t('app.brand')}</span>}
    </Link>
  );
}

export function AppLayout() {
  const { t, roleName } = useI18n();
  const { user } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; treat that as a wide screen.
  const narrow = screens.lg === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  if (!user) return null;
  const entries = navFor(user.role).filter((e) => !e.hidden);
  const active = activeEntry(location.pathname);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={active ? [active.key] : []}
      onClick={() => setDrawerOpen(false)}
      data-testid="nav-menu"
      items={entries.map((e) => ({
        key: e.key,
        icon: <e.icon />,
        label: (
          <Link to={e.path} data-testid={`nav-${e.key}`}>
            {t(e.labelKey)}
          </Link>
        ),
      }))}
    />
  );

  const doLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        message.success(t('layout.loggedOut'));
        navigate('/login', { replace: true });
      },
    });

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="app-layout">
      {/* The side menu is as tall as the window and scrolls on its own: in a short window its last entries stay reachable. */}
      {narrow ? (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={240} closable={false} styles={{ body: { padding: 0, background: '#001529' } }}>
          <Brand />
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} trigger={null} width={220} style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}>
          <Brand short={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Button
            type="text"
            aria-label={t('layout.menu')}
            data-testid="nav-toggle"
            icon={narrow ? <MenuUnfoldOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (narrow ? setDrawerOpen(true) : setCollapsed(!collapsed))}
          />
          <div className="who">
            <Typography.Text className="who-name" ellipsis data-testid="account-name">
              {user.displayName || user.username}
            </Typography.Text>
            <Tag color="green" className="hide-xs" data-testid="account-role" data-role={user.role}>
              {roleName(user.role)}
            </Tag>
            <Tooltip title={user.regionCode || undefined}>
              <Tag icon={<EnvironmentOutlined />} className="hide-xs" data-testid="account-region">
                {user.regionCode ? user.regionName : t('region.nationwide')}
              </Tag>
            </Tooltip>
            <LangSwitch />
            <Tooltip title={t('layout.logout')}>
              <Button type="text" icon={<LogoutOutlined />} onClick={doLogout} loading={logout.isPending} data-testid="logout" aria-label={t('layout.logout')}>
                {narrow ? null : t('layout.logout')}
              </Button>
            </Tooltip>
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
