import { useCallback, useState } from 'react';
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client';
import Turnstile from '../../components/Turnstile';
import { useStatus } from '../../state/status';

export default function ResetRequest() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { status } = useStatus();
  const [turnstile, setTurnstile] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const onToken = useCallback((token: string) => setTurnstile(token), []);

  const submit = async ({ email }: { email: string }) => {
    if (status.turnstile_check && !turnstile) {
      message.warning(t('register.turnstileWait'));
      return;
    }
    setBusy(true);
    try {
      await api.get(`/api/reset_password${qs({ email, turnstile })}`);
      message.success(t('reset.sent'));
      setSent(true);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="auth-card" title={t('reset.title')}>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('register.email')} name="email" rules={[{ required: true, type: 'email', message: t('register.emailRequired') }]}>
          <Input type="email" autoComplete="email" />
        </Form.Item>
        {status.turnstile_check && status.turnstile_site_key && <Turnstile siteKey={status.turnstile_site_key} onToken={onToken} />}
        <Button type="primary" htmlType="submit" block loading={busy} disabled={sent}>
          {sent ? t('reset.sentShort') : t('reset.submit')}
        </Button>
      </Form>
    </Card>
  );
}
