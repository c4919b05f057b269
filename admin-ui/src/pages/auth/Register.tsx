import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../api/client';
import Turnstile from '../../components/Turnstile';
import { useStatus } from '../../state/status';

const AFF_KEY = 'aff';

interface RegisterForm {
  username: string;
  password: string;
  password2: string;
  email?: string;
  verification_code?: string;
}

export default function Register() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { status } = useStatus();
  const [form] = Form.useForm<RegisterForm>();
  const [turnstile, setTurnstile] = useState('');
  const [busy, setBusy] = useState(false);
  const [countdown, setCountdown] = useState(0);
  const onToken = useCallback((token: string) => setTurnstile(token), []);

  // An invite link's code survives a detour (e.g. to the login page) in localStorage, as in One API.
  const urlAff = params.get('aff');
  useEffect(() => {
    if (urlAff) localStorage.setItem(AFF_KEY, urlAff);
  }, [urlAff]);
  const aff = urlAff ?? localStorage.getItem(AFF_KEY) ?? '';

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const needTurnstile = () => {
    if (status.turnstile_check && !turnstile) {
      message.warning(t('register.turnstileWait'));
      return true;
    }
    return false;
  };

  const sendCode = async () => {
    const email = form.getFieldValue('email');
    if (!email) {
      message.warning(t('register.emailRequired'));
      return;
    }
    if (needTurnstile()) return;
    try {
      await api.get(`/api/verification${qs({ email, turnstile })}`);
      message.success(t('register.codeSent'));
      setCountdown(30);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const submit = async (values: RegisterForm) => {
    if (needTurnstile()) return;
    setBusy(true);
    try {
      await api.post(`/api/user/register${qs({ turnstile })}`, {
        username: values.username,
        password: values.password,
        email: values.email,
        verification_code: values.verification_code,
        aff_code: aff,
      });
      localStorage.removeItem(AFF_KEY);
      message.success(t('register.success'));
      navigate('/login');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="auth-card" title={t('register.title')}>
      {aff && <Alert type="info" showIcon title={t('register.invited')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('register.username')} name="username" rules={[{ required: true, message: t('register.usernameRequired') }, { max: 12, message: t('register.usernameTooLong') }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item label={t('register.password')} name="password" rules={[{ required: true, message: t('register.passwordRequired') }, { min: 8, max: 20, message: t('register.passwordLength') }]}>
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
        {status.email_verification && (
          <>
            <Form.Item label={t('register.email')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="email" noStyle rules={[{ required: true, type: 'email', message: t('register.emailRequired') }]}>
                  <Input type="email" autoComplete="email" />
                </Form.Item>
                <Button onClick={sendCode} disabled={countdown > 0}>
                  {countdown > 0 ? t('register.resendIn', { seconds: countdown }) : t('register.getCode')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t('register.code')} name="verification_code" rules={[{ required: true, message: t('register.codeRequired') }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {status.turnstile_check && status.turnstile_site_key && <Turnstile siteKey={status.turnstile_site_key} onToken={onToken} />}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        {t('register.haveAccount')} <Link to="/login">{t('register.login')}</Link>
      </div>
    </Card>
  );
}
