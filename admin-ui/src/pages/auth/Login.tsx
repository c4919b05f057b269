import { useState } from 'react';
import { Alert, App, Button, Card, Divider, Form, Image, Input, Modal, Space, Typography } from 'antd';
import { GithubOutlined, LockOutlined, UserOutlined, WechatOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { SessionUser } from '../../api/types';
import { LOST_KEY, useSession } from '../../state/session';
import { useStatus } from '../../state/status';
import { startOAuth, type OAuthProvider } from './oauth';

/** Only same-site paths are followed after login, never a full URL from the query string. */
export function safeRedirect(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return null;
  return value;
}

export default function Login() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { user, login } = useSession();
  const { status } = useStatus();
  const [busy, setBusy] = useState(false);
  const [wechatOpen, setWechatOpen] = useState(false);
  const [wechatCode, setWechatCode] = useState('');
  const redirect = safeRedirect(params.get('redirect'));

  if (user) {
    return <Navigate to={user.require_password_change ? '/change-password' : redirect ?? '/token'} replace />;
  }

  const finish = (data: SessionUser) => {
    sessionStorage.removeItem(LOST_KEY);
    login({ ...data, require_password_change: data.require_password_change === true });
    message.success(t('login.success'));
    navigate(data.require_password_change ? '/change-password' : redirect ?? '/token', { replace: true });
  };

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    try {
      finish(await api.post<SessionUser>('/api/user/login', values));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const oauth = async (provider: OAuthProvider) => {
    try {
      await startOAuth(provider, status);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const wechatLogin = async () => {
    try {
      finish(await api.get<SessionUser>(`/api/oauth/wechat?code=${encodeURIComponent(wechatCode)}`));
      setWechatOpen(false);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const hasOAuth = status.github_oauth || status.oidc || !!status.lark_client_id || status.wechat_login;

  return (
    <Card className="auth-card" title={t('login.title', { name: status.system_name })}>
      {params.get('expired') && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} data-testid="login-expired" />}
      {params.get('banned') && <Alert type="error" showIcon title={t('login.banned')} style={{ marginBottom: 16 }} data-testid="login-banned" />}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" />
        </Form.Item>
        <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
      <Space style={{ marginTop: 12, justifyContent: 'space-between', width: '100%' }}>
        <Link to="/reset">{t('login.forgot')}</Link>
        <Link to="/register">{t('login.register')}</Link>
      </Space>
      {hasOAuth && (
        <>
          <Divider plain>{t('login.other')}</Divider>
          <Space wrap style={{ justifyContent: 'center', width: '100%' }}>
            {status.github_oauth && (
              <Button icon={<GithubOutlined />} onClick={() => oauth('github')}>
                GitHub
              </Button>
            )}
            {status.oidc && <Button onClick={() => oauth('oidc')}>OIDC</Button>}
            {status.lark_client_id && <Button onClick={() => oauth('lark')}>Lark</Button>}
            {status.wechat_login && (
              <Button icon={<WechatOutlined />} onClick={() => setWechatOpen(true)}>
                WeChat
              </Button>
            )}
          </Space>
        </>
      )}
      <Modal open={wechatOpen} title={t('login.wechatTitle')} onOk={wechatLogin} onCancel={() => setWechatOpen(false)}>
        {status.wechat_qrcode && <Image src={status.wechat_qrcode} alt="WeChat QR" width={200} preview={false} />}
        <Typography.Paragraph>{t('login.wechatHint')}</Typography.Paragraph>
        <Input value={wechatCode} onChange={(e) => setWechatCode(e.target.value)} placeholder={t('login.wechatCode')} />
      </Modal>
    </Card>
  );
}
