import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { LOST_KEY, useSession } from '../state/session';

/** Logged-in routes: otherwise to /login, remembering where to come back to. */
export function RequireAuth() {
  const { user, lost: lostState } = useSession();
  const location = useLocation();
  if (!user) {
    const lost = lostState ?? sessionStorage.getItem(LOST_KEY);
    const redirect = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?${lost ? `${lost}=true&` : ''}redirect=${redirect}`} replace />;
  }
  return <Outlet />;
}

/** Admin routes: a common user sees a refusal (the API refuses too). */
export function RequireAdmin() {
  const { isAdmin } = useSession();
  const { t } = useTranslation();
  if (!isAdmin) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('common.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <Outlet />;
}

/** Root only (settings tabs other than Personal). */
export function useIsRoot() {
  return useSession().isRoot;
}
