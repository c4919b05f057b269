import { useState } from 'react';
import { App, Button, Card, Input, Modal, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, qs } from '../../api/client';
import type { User } from '../../api/types';
import { copyText } from '../../lib/files';
import { useSession } from '../../state/session';
import { useStatus } from '../../state/status';
import { startOAuth } from '../../pages/auth/oauth';

export default function PersonalSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { user, logout } = useSession();
  const { status } = useStatus();
  const self = useQuery({ queryKey: ['self'], queryFn: () => api.get<User>('/api/user/self') });
  const [accessToken, setAccessToken] = useState('');
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [confirmName, setConfirmName] = useState('');
  const [wechatOpen, setWechatOpen] = useState(false);
  const [wechatCode, setWechatCode] = useState('');
  const [emailOpen, setEmailOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [emailCode, setEmailCode] = useState('');

  const fail = (e: unknown) => message.error((e as Error).message);
  const copy = async (text: string, ok: string) => {
    if (await copyText(text)) message.success(ok);
  };

  const generateToken = async () => {
    try {
      const token = await api.get<string>('/api/user/token');
      setAccessToken(token);
      await copy(token, t('settings.accessTokenCopied'));
    } catch (e) {
      fail(e);
    }
  };

  const inviteLink = async () => {
    try {
      const aff = await api.get<string>('/api/user/aff');
      await copy(`${window.location.origin}/register?aff=${aff}`, t('settings.inviteCopied'));
    } catch (e) {
      fail(e);
    }
  };

  const deleteAccount = async () => {
    if (confirmName !== user?.username) {
      message.error(t('settings.deleteMismatch'));
      return;
    }
    try {
      await api.del('/api/user/self');
      await logout();
      message.success(t('settings.deleted'));
      navigate('/login');
    } catch (e) {
      fail(e);
    }
  };

  const bindWechat = async () => {
    try {
      await api.get(`/api/oauth/wechat/bind${qs({ code: wechatCode })}`);
      message.success(t('settings.bound'));
      setWechatOpen(false);
      await client.invalidateQueries({ queryKey: ['self'] });
    } catch (e) {
      fail(e);
    }
  };

  const sendEmailCode = async () => {
    try {
      await api.get(`/api/verification${qs({ email })}`);
      message.success(t('register.codeSent'));
    } catch (e) {
      fail(e);
    }
  };

  const bindEmail = async () => {
    try {
      await api.get(`/api/oauth/email/bind${qs({ email, code: emailCode })}`);
      message.success(t('settings.bound'));
      setEmailOpen(false);
      await client.invalidateQueries({ queryKey: ['self'] });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      <Card size="small" title={t('settings.section.account')} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button onClick={() => navigate('/user/edit')}>{t('settings.updateProfile')}</Button>
          <Button onClick={() => navigate('/change-password')}>{t('settings.changePassword')}</Button>
          <Button onClick={generateToken}>{t('settings.generateToken')}</Button>
          <Button onClick={inviteLink}>{t('settings.copyInvite')}</Button>
          <Button danger onClick={() => setDeleteOpen(true)}>
            {t('settings.deleteAccount')}
          </Button>
        </Space>
        {accessToken && (
          <div style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('settings.accessTokenHint')}</Typography.Text>
            <Input value={accessToken} readOnly data-testid="access-token" style={{ marginTop: 4 }} />
          </div>
        )}
      </Card>
      <Card size="small" title={t('settings.section.binding')} style={{ marginBottom: 16 }}>
        <Space wrap>
          {status.github_oauth && (
            <Button onClick={() => startOAuth('github', status).catch(fail)} disabled={!!self.data?.github_id}>
              {self.data?.github_id ? t('settings.boundTo', { what: 'GitHub' }) : t('settings.bind', { what: 'GitHub' })}
            </Button>
          )}
          {status.oidc && (
            <Button onClick={() => startOAuth('oidc', status).catch(fail)} disabled={!!self.data?.oidc_id}>
              {self.data?.oidc_id ? t('settings.boundTo', { what: 'OIDC' }) : t('settings.bind', { what: 'OIDC' })}
            </Button>
          )}
          {status.lark_client_id && (
            <Button onClick={() => startOAuth('lark', status).catch(fail)} disabled={!!self.data?.lark_id}>
              {self.data?.lark_id ? t('settings.boundTo', { what: 'Lark' }) : t('settings.bind', { what: 'Lark' })}
            </Button>
          )}
          {status.wechat_login && (
            <Button onClick={() => setWechatOpen(true)} disabled={!!self.data?.wechat_id}>
              {self.data?.wechat_id ? t('settings.boundTo', { what: 'WeChat' }) : t('settings.bind', { what: 'WeChat' })}
            </Button>
          )}
          <Button onClick={() => setEmailOpen(true)}>
            {self.data?.email ? t('settings.changeEmail', { email: self.data.email }) : t('settings.bind', { what: t('register.email') })}
          </Button>
        </Space>
      </Card>
      <Modal open={deleteOpen} title={t('settings.deleteAccount')} onOk={deleteAccount} onCancel={() => setDeleteOpen(false)} okButtonProps={{ danger: true }} okText={t('common.delete')}>
        <Typography.Paragraph>{t('settings.deleteConfirm', { username: user?.username })}</Typography.Paragraph>
        <Input value={confirmName} onChange={(e) => setConfirmName(e.target.value)} aria-label={t('settings.deleteTypeName')} placeholder={user?.username} />
      </Modal>
      <Modal open={wechatOpen} title={t('settings.bind', { what: 'WeChat' })} onOk={bindWechat} onCancel={() => setWechatOpen(false)}>
        {status.wechat_qrcode && <img src={status.wechat_qrcode} alt="WeChat QR" width={200} />}
        <Input value={wechatCode} onChange={(e) => setWechatCode(e.target.value)} placeholder={t('login.wechatCode')} />
      </Modal>
      <Modal open={emailOpen} title={t('settings.bind', { what: t('register.email') })} onOk={bindEmail} onCancel={() => setEmailOpen(false)}>
        <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
          <Input value={email} onChange={(e) => setEmail(e.target.value)} placeholder={t('register.email')} type="email" />
          <Button onClick={sendEmailCode}>{t('register.getCode')}</Button>
        </Space.Compact>
        <Input value={emailCode} onChange={(e) => setEmailCode(e.target.value)} placeholder={t('register.code')} />
      </Modal>
    </>
  );
}
