import { useEffect, useRef, useState } from 'react';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, qs, type Envelope } from '../../api/client';
import type { SessionUser } from '../../api/types';
import { useSession } from '../../state/session';

/** /oauth/github|lark|oidc: hands code and state to the API; "bind" means an account was linked. */
export default function OAuthCallback() {
  const { t } = useTranslation();
  const { provider } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { login } = useSession();
  const [error, setError] = useState('');
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const url = `/api/oauth/${provider}${qs({ code: params.get('code'), state: params.get('state') })}`;
    api
      .raw<SessionUser>('GET', url)
      .then((reply: Envelope<SessionUser>) => {
        if (!reply.success) {
          setError(reply.message);
        } else if (reply.message === 'bind') {
          navigate('/setting', { replace: true });
        } else if (reply.data) {
          login(reply.data);
          navigate(reply.data.require_password_change ? '/change-password' : '/', { replace: true });
        }
      })
      .catch((e: Error) => setError(e.message));
  }, [provider, params, navigate, login]);

  if (!['github', 'lark', 'oidc'].includes(provider ?? '')) return <Result status="404" title="404" />;
  if (error) return <Result status="error" title={t('oauth.failed')} subTitle={error} />;
  return <Spin description={t('oauth.working')} style={{ display: 'block', margin: '48px auto' }} />;
}
