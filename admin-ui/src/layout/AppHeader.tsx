import { useState } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Select, Space, theme, Tooltip } from 'antd';
import {
  LogoutOutlined,
  MenuOutlined,
  MoonOutlined,
  SunOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { LANGUAGES, type LanguageCode } from '../i18n';
import { usePrefs } from '../state/prefs';
import { useSession } from '../state/session';
import { useStatus } from '../state/status';

interface NavItem {
  key: string;
  label: string;
  show: boolean;
}

/** Top navigation; below the md breakpoint it collapses into a menu button and a drawer. */
export default function AppHeader() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const location = useLocation();
  const { user, isAdmin, logout } = useSession();
  const { status } = useStatus();
  const { language, setLanguage, mode, toggleMode } = usePrefs();
  const [drawer, setDrawer] = useState(false);

  const items: NavItem[] = [
    { key: '/', label: t('nav.home'), show: true },
    { key: '/channel', label: t('nav.channels'), show: isAdmin },
    { key: '/token', label: t('nav.tokens'), show: !!user },
    { key: '/redemption', label: t('nav.redemptions'), show: isAdmin },
    { key: '/topup', label: t('nav.topup'), show: !!user },
    { key: '/user', label: t('nav.users'), show: isAdmin },
    { key: '/dashboard', label: t('nav.dashboard'), show: !!user },
    { key: '/log', label: t('nav.logs'), show: !!user },
    { key: '/setting', label: t('nav.settings'), show: !!user },
    { key: '/chat', label: t('nav.chat'), show: !!user && !!status.chat_link },
    { key: '/about', label: t('nav.about'), show: true },
  ];
  const visible = items.filter((i) => i.show).map((i) => ({ key: i.key, label: i.label }));
  const first = '/' + (location.pathname.split('/')[1] ?? '');
  const selected = visible.some((i) => i.key === first) ? [first] : [];
  const wide = screens.md !== false;

  const go = (key: string) => {
    setDrawer(false);
    navigate(key);
  };

  const doLogout = async () => {
    try {
      await logout();
    } finally {
      navigate('/login'); // the session is dropped locally even when the server could not be told
    }
  };

  const controls = (
    <Space size={4} wrap={false}>
      <Select
        aria-label={t('nav.language')}
        size="small"
        value={language}
        onChange={(v: LanguageCode) => setLanguage(v)}
        options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
        popupMatchSelectWidth={false}
        variant="borderless"
        style={{ minWidth: wide ? 110 : 80 }}
        data-testid="language-select"
      />
      <Tooltip title={mode === 'dark' ? t('nav.lightMode') : t('nav.darkMode')}>
        <Button
          type="text"
          aria-label={t('nav.toggleTheme')}
          data-testid="theme-toggle"
          icon={mode === 'dark' ? <SunOutlined /> : <MoonOutlined />}
          onClick={toggleMode}
        />
      </Tooltip>
      {user ? (
        <Dropdown
          menu={{
            items: [
              { key: 'self', icon: <UserOutlined />, label: t('nav.profile'), onClick: () => navigate('/user/edit') },
              { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: doLogout },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
            {wide ? user.display_name || user.username : null}
          </Button>
        </Dropdown>
      ) : location.pathname === '/login' ? null : (
        <Link to="/login">
          <Button type="primary" size="small">
            {t('nav.login')}
          </Button>
        </Link>
      )}
    </Space>
  );

  return (
    <Layout.Header
      className="app-header"
      style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
    >
      {!wide && (
        <Button
          type="text"
          icon={<MenuOutlined />}
          aria-label={t('nav.openMenu')}
          data-testid="nav-toggle"
          onClick={() => setDrawer(true)}
        />
      )}
      <Link to="/" className="app-brand" style={{ color: token.colorText }}>
        <img src={status.logo || '/logo.svg'} alt="" data-testid="header-logo" />
        <span data-testid="system-name">{status.system_name || 'One API'}</span>
      </Link>
      {wide ? (
        <Menu
          mode="horizontal"
          selectedKeys={selected}
          items={visible}
          onClick={(e) => go(e.key)}
          style={{ flex: 1, minWidth: 0, borderBottom: 'none', background: 'transparent' }}
          data-testid="main-nav"
        />
      ) : (
        <div style={{ flex: 1 }} />
      )}
      {controls}
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={status.system_name}>
        <Menu mode="vertical" selectedKeys={selected} items={visible} onClick={(e) => go(e.key)} data-testid="main-nav" />
      </Drawer>
    </Layout.Header>
  );
}
