import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Space, Spin, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { OptionRow } from '../../api/types';
import { useSession } from '../../state/session';
import { useStatus } from '../../state/status';
import OptionSection from './OptionSection';
import { OPERATION, OTHER, SYSTEM, type SectionSpec } from './optionSpecs';
import PersonalSettings from './PersonalSettings';

function LogCleanup() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [before, setBefore] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const clean = async () => {
    try {
      const count = await api.del<number>(`/api/log/?target_timestamp=${before.unix()}`);
      message.success(t('settings.logsCleaned', { count }));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Typography.Text>{t('settings.cleanLogsBefore')}</Typography.Text>
      <DatePicker showTime value={before} onChange={(v) => v && setBefore(v)} allowClear={false} />
      <Button danger onClick={clean}>
        {t('settings.cleanLogs')}
      </Button>
    </Space>
  );
}

function CallbackUrls() {
  const { t } = useTranslation();
  const { status } = useStatus();
  const base = (status.server_address || window.location.origin).replace(/\/+$/, '');
  return (
    <Typography.Paragraph type="secondary">
      {t('settings.callbackHint')}
      <br />
      GitHub: <Typography.Text code copyable>{`${base}/oauth/github`}</Typography.Text>
      <br />
      Lark: <Typography.Text code copyable>{`${base}/oauth/lark`}</Typography.Text>
      <br />
      OIDC: <Typography.Text code copyable>{`${base}/oauth/oidc`}</Typography.Text>
    </Typography.Paragraph>
  );
}

function Sections({ specs, stored }: { specs: SectionSpec[]; stored: Record<string, string> }) {
  return (
    <>
      {specs.map((s) => (
        <OptionSection key={s.id} section={s} stored={stored}>
          {s.id === 'log' && <LogCleanup />}
          {s.id === 'github' && <CallbackUrls />}
        </OptionSection>
      ))}
    </>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { isRoot } = useSession();
  const options = useQuery({ queryKey: ['options'], queryFn: () => api.get<OptionRow[]>('/api/option/'), enabled: isRoot });
  const stored = useMemo(() => Object.fromEntries((options.data ?? []).map((o) => [o.key, o.value])), [options.data]);
  const rootTab = (key: string, specs: SectionSpec[]) => ({
    key,
    label: t(`settings.tab.${key}`),
    children: options.isLoading ? <Spin /> : <Sections specs={specs} stored={stored} />,
  });
  const items = [{ key: 'personal', label: t('settings.tab.personal'), children: <PersonalSettings /> }];
  if (isRoot) items.push(rootTab('operation', OPERATION), rootTab('system', SYSTEM), rootTab('other', OTHER));
  return (
    <Card title={t('settings.title')}>
      <Tabs items={items} destroyOnHidden={false} />
    </Card>
  );
}
