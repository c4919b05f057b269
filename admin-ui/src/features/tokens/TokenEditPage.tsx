import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Spin, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Token } from '../../api/types';
import { joinList, splitList } from '../../lib/json';
import { quotaHint } from '../../lib/quota';
import { expiryFrom, type ExpiryShortcut } from '../../lib/time';
import { useStatus } from '../../state/status';

interface TokenForm {
  name: string;
  models: string[];
  subnet: string;
  expires: Dayjs | null;
  unlimited: boolean;
  remain_quota: number;
}

const SHORTCUTS: ExpiryShortcut[] = ['never', 'month', 'day', 'hour', 'minute'];

export default function TokenEditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { id } = useParams();
  const editing = id !== undefined;
  const { quota } = useStatus();
  const [form] = Form.useForm<TokenForm>();
  const [saving, setSaving] = useState(false);
  const available = useQuery({ queryKey: ['available-models'], queryFn: () => api.get<string[]>('/api/user/available_models') });
  const existing = useQuery({ queryKey: ['token', id], queryFn: () => api.get<Token>(`/api/token/${id}`), enabled: editing });
  const unlimited = Form.useWatch('unlimited', form);
  const remain = Form.useWatch('remain_quota', form) ?? 0;

  useEffect(() => {
    const tk = existing.data;
    if (!tk) return;
    form.setFieldsValue({
      name: tk.name,
      models: splitList(tk.models),
      subnet: tk.subnet ?? '',
      expires: tk.expired_time === -1 ? null : dayjs.unix(tk.expired_time),
      unlimited: tk.unlimited_quota,
      remain_quota: tk.remain_quota,
    });
  }, [existing.data, form]);

  const shortcut = (s: ExpiryShortcut) => {
    const value = expiryFrom(s);
    form.setFieldValue('expires', value === -1 ? null : dayjs.unix(value));
  };

  const save = async (v: TokenForm) => {
    const body = {
      name: v.name.trim(),
      models: joinList(v.models ?? []),
      subnet: (v.subnet ?? '').trim(),
      expired_time: v.expires ? v.expires.unix() : -1,
      unlimited_quota: !!v.unlimited,
      remain_quota: v.remain_quota ?? 0,
    };
    setSaving(true);
    try {
      if (editing) await api.put('/api/token/', { ...body, id: Number(id) });
      else await api.post('/api/token/', body);
      message.success(editing ? t('common.saved') : t('tokenEdit.created'));
      client.removeQueries({ queryKey: ['token', id] });
      await client.invalidateQueries({ queryKey: ['tokens'] });
      navigate('/token');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (editing && existing.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return (
    <Card title={editing ? t('tokenEdit.editTitle') : t('tokenEdit.addTitle')}>
      <Form<TokenForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        onFinish={save}
        initialValues={{ name: '', models: [], subnet: '', expires: null, unlimited: false, remain_quota: 500000 }}
      >
        <Form.Item label={t('tokens.name')} name="name" rules={[{ required: true, whitespace: true, message: t('tokenEdit.nameRequired') }, { max: 30, message: t('tokenEdit.nameTooLong') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('tokenEdit.models')} name="models" extra={t('tokenEdit.modelsHint')}>
          <Select mode="multiple" allowClear options={(available.data ?? []).map((m) => ({ value: m, label: m }))} data-testid="token-models" />
        </Form.Item>
        <Form.Item
          label={t('tokenEdit.subnet')}
          name="subnet"
          extra={t('tokenEdit.subnetHint')}
          rules={[{ pattern: /^[\s0-9a-fA-F.:/,]*$/, message: t('tokenEdit.subnetInvalid') }]}
        >
          <Input placeholder="192.168.0.0/24, 10.0.0.1/32" />
        </Form.Item>
        <Form.Item label={t('tokenEdit.expires')} extra={t('tokenEdit.expiresHint')}>
          <Form.Item name="expires" noStyle>
            <DatePicker showTime allowClear placeholder={t('tokens.never')} style={{ width: 220 }} />
          </Form.Item>
          <Space wrap style={{ marginTop: 8, display: 'flex' }}>
            {SHORTCUTS.map((s) => (
              <Button key={s} size="small" onClick={() => shortcut(s)}>
                {t(`tokenEdit.shortcut.${s}`)}
              </Button>
            ))}
          </Space>
        </Form.Item>
        <Alert type="info" showIcon title={t('tokenEdit.quotaNotice')} style={{ marginBottom: 16 }} />
        <Form.Item label={t('tokenEdit.unlimited')} name="unlimited" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t('tokenEdit.quota')} name="remain_quota" extra={quotaHint(remain, quota.perUnit)}>
          <InputNumber min={0} step={1} precision={0} disabled={unlimited} style={{ width: 220 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.submit')}
          </Button>
          <Button onClick={() => navigate('/token')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
