import { useState } from 'react';
import { App, Button, Card, Col, Input, Row, Space, Statistic, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useQuotaFormat } from '../../components/useQuota';
import { copyText } from '../../lib/files';
import { topUpUrl } from '../../lib/topUp';
import { useStatus } from '../../state/status';

export default function TopUpPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const quota = useQuotaFormat();
  const { status } = useStatus();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const self = useQuery({ queryKey: ['self'], queryFn: () => api.get<User>('/api/user/self') });
  const aff = useQuery({ queryKey: ['aff'], queryFn: () => api.get<string>('/api/user/aff') });
  const inviteLink = aff.data ? `${window.location.origin}/register?aff=${aff.data}` : '';

  const redeem = async () => {
    if (!code.trim()) {
      message.warning(t('topup.codeRequired'));
      return;
    }
    setBusy(true);
    try {
      const added = await api.post<number>('/api/user/topup', { key: code.trim() });
      message.success(t('topup.redeemed', { quota: quota(added) }));
      setCode('');
      // The balance refreshes on its own; the button is free again as soon as the code is redeemed.
      void client.invalidateQueries({ queryKey: ['self'] });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const paste = async () => {
    try {
      setCode((await navigator.clipboard.readText()).trim());
    } catch {
      message.error(t('topup.pasteFailed'));
    }
  };

  const openShop = () => {
    if (!status.top_up_link || !self.data) {
      message.error(t('topup.noLink'));
      return;
    }
    window.open(topUpUrl(status.top_up_link, self.data, crypto.randomUUID().replace(/-/g, '')), '_blank', 'noopener');
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card title={t('topup.balance')}>
          <div data-testid="current-quota">
              <Statistic title={t('topup.current')} value={self.data ? quota(self.data.quota) : '-'} />
            </div>
          <Button type="primary" style={{ marginTop: 16 }} onClick={openShop}>
            {t('topup.getCode')}
          </Button>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('topup.redeemTitle')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('topup.codePlaceholder')} aria-label={t('topup.codePlaceholder')} onPressEnter={redeem} />
            <Button onClick={paste}>{t('topup.paste')}</Button>
          </Space.Compact>
          {/* disabled, not loading: with antd's loading state the button was seen spinning on after busy was cleared */}
          <Button type="primary" style={{ marginTop: 16 }} onClick={redeem} disabled={busy}>
            {t('topup.redeem')}
          </Button>
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('topup.invite')}>
          <Typography.Paragraph>{t('topup.inviteHint')}</Typography.Paragraph>
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input value={inviteLink} readOnly data-testid="invite-link" />
            <Button
              onClick={async () => {
                if (await copyText(inviteLink)) message.success(t('common.copied'));
              }}
            >
              {t('common.copy')}
            </Button>
          </Space.Compact>
        </Card>
      </Col>
    </Row>
  );
}
