import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../state/session';

/**
 * The forced first-login change (root still on 123456) and a plain "change password" page otherwise.
 * PUT /api/user/self with the new password re-issues the session cookie.
 */
export default function ChangePassword() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { mustChangePassword, refresh } = useSession();
  const [busy, setBusy] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      await api.put('/api/user/self', { password });
      const self = await refresh();
      if (self?.require_password_change) {
        message.error(t('changePassword.stillDefault'));
        return;
      }
      message.success(t('changePassword.done'));
      navigate('/token', { replace: true });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="auth-card" title={t('changePassword.title')}>
      {mustChangePassword && <Alert type="warning" showIcon title={t('changePassword.forced')} style={{ marginBottom: 16 }} data-testid="forced-change" />}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('changePassword.new')} name="password" rules={[{ required: true, message: t('register.passwordRequired') }, { min: 8, max: 20, message: t('register.passwordLength') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('register.password2')}
          name="password2"
          dependencies={['password']}
          rules={[
            { required: true, message: t('register.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('register.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('changePassword.submit')}
        </Button>
      </Form>
    </Card>
  );
}
