import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Modal, Row, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import RichContent from '../components/RichContent';
import SafeHtml from '../components/SafeHtml';
import { formatTime } from '../lib/time';
import { useStatus } from '../state/status';

const NOTICE_SEEN_KEY = 'notice';

/** Pops the Notice up when its text differs from the one last dismissed in this browser. */
function NoticeModal() {
  const { t } = useTranslation();
  const notice = useQuery({ queryKey: ['notice'], queryFn: () => api.get<string>('/api/notice') });
  const [open, setOpen] = useState(false);
  const text = notice.data ?? '';
  useEffect(() => {
    if (text && localStorage.getItem(NOTICE_SEEN_KEY) !== text) setOpen(true);
  }, [text]);
  const close = () => {
    localStorage.setItem(NOTICE_SEEN_KEY, text);
    setOpen(false);
  };
  return (
    <Modal open={open} title={t('home.notice')} onOk={close} onCancel={close} cancelButtonProps={{ style: { display: 'none' } }} okText={t('common.close')}>
      <div data-testid="notice-content">
        <SafeHtml html={text} markdown />
      </div>
    </Modal>
  );
}

function BuiltInHome() {
  const { t } = useTranslation();
  const { status } = useStatus();
  const on = (value: boolean) => <Tag color={value ? 'green' : 'default'}>{value ? t('common.enabled') : t('common.disabled')}</Tag>;
  const methods = [t('home.password')];
  if (status.github_oauth) methods.push('GitHub');
  if (status.oidc) methods.push('OIDC');
  if (status.lark_client_id) methods.push('Lark');
  if (status.wechat_login) methods.push('WeChat');
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('home.welcome', { name: status.system_name })}
          </Typography.Title>
          <Typography.Paragraph>{t('home.intro')}</Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('home.systemInfo')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('home.name')}>{status.system_name}</Descriptions.Item>
            <Descriptions.Item label={t('home.version')}>{status.version || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('home.source')}>
              <a href="https://github.com/songquanpeng/one-api" target="_blank" rel="noopener noreferrer">
                github.com/songquanpeng/one-api
              </a>
            </Descriptions.Item>
            <Descriptions.Item label={t('home.startTime')}>{formatTime(status.start_time)}</Descriptions.Item>
            <Descriptions.Item label={t('home.relayUrl')}>
              <Typography.Text copyable>{status.server_address}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('home.configuration')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('home.loginMethods')}>
              <span data-testid="login-methods">{methods.join(', ')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('home.emailVerification')}>{on(status.email_verification)}</Descriptions.Item>
            <Descriptions.Item label={t('home.githubOAuth')}>{on(status.github_oauth)}</Descriptions.Item>
            <Descriptions.Item label={t('home.wechatLogin')}>{on(status.wechat_login)}</Descriptions.Item>
            <Descriptions.Item label={t('home.turnstile')}>{on(status.turnstile_check)}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}

export default function Home() {
  const { t } = useTranslation();
  const content = useQuery({ queryKey: ['home_page_content'], queryFn: () => api.get<string>('/api/home_page_content') });
  return (
    <>
      <NoticeModal />
      {content.isLoading ? null : content.data ? (
        <div data-testid="home-content">
          <RichContent content={content.data} title={t('nav.home')} />
        </div>
      ) : (
        <BuiltInHome />
      )}
    </>
  );
}
