import { useState } from 'react';
import { App, Button, Card, Input, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { copyText } from '../../lib/files';

/** The link from the reset mail: the server sets a new random password and the page shows it once. */
export default function ResetConfirm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      const value = await api.post<string>('/api/user/reset', { email, token });
      setPassword(value);
      if (await copyText(value)) message.success(t('reset.copied'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!email || !token) return <Result status="warning" title={t('reset.invalidLink')} />;
  return (
    <Card className="auth-card" title={t('reset.confirmTitle')}>
      <Input value={email} readOnly style={{ marginBottom: 12 }} />
      {password ? (
        <>
          <Input value={password} readOnly data-testid="new-password" style={{ marginBottom: 12 }} />
          <Link to="/login">
            <Button type="primary" block>
              {t('register.login')}
            </Button>
          </Link>
        </>
      ) : (
        <Button type="primary" block onClick={confirm} loading={busy}>
          {t('reset.confirm')}
        </Button>
      )}
    </Card>
  );
}
