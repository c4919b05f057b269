import { Suspense } from 'react';
import { Layout, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { SessionProvider, useSession } from '../state/session';
import AppHeader from './AppHeader';
import AppFooter from './AppFooter';

const CHANGE_PASSWORD = '/change-password';

/** Until root replaces the first-boot password, every page leads to the change form. */
function ForcedPasswordChange() {
  const { mustChangePassword } = useSession();
  const location = useLocation();
  if (mustChangePassword && location.pathname !== CHANGE_PASSWORD) {
    return <Navigate key={location.key} to={CHANGE_PASSWORD} replace />;
  }
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
      <Outlet />
    </Suspense>
  );
}

export default function Root() {
  return (
    <SessionProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <AppHeader />
        <Layout.Content className="app-content">
          <ForcedPasswordChange />
        </Layout.Content>
        <AppFooter />
      </Layout>
    </SessionProvider>
  );
}
