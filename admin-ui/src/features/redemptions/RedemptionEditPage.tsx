import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Space, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Redemption } from '../../api/types';
import { downloadText } from '../../lib/files';
import { quotaHint } from '../../lib/quota';
import { useStatus } from '../../state/status';

interface RedemptionForm {
  name: string;
  quota: number;
  count: number;
}

/** Create a batch (the codes download at once as <name>.txt, one per line) or rename/re-price one code. */
export default function RedemptionEditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { id } = useParams();
  const editing = id !== undefined;
  const { quota } = useStatus();
  const [form] = Form.useForm<RedemptionForm>();
  const [saving, setSaving] = useState(false);
  const existing = useQuery({ queryKey: ['redemption', id], queryFn: () => api.get<Redemption>(`/api/redemption/${id}`), enabled: editing });
  const amount = Form.useWatch('quota', form) ?? 0;

  useEffect(() => {
    if (existing.data) form.setFieldsValue({ name: existing.data.name, quota: existing.data.quota });
  }, [existing.data, form]);

  const save = async (v: RedemptionForm) => {
    setSaving(true);
    try {
      if (editing) {
        await api.put('/api/redemption/', { id: Number(id), name: v.name, quota: v.quota });
        message.success(t('common.saved'));
      } else {
        const keys = await api.post<string[]>('/api/redemption/', { name: v.name, quota: v.quota, count: v.count });
        downloadText(`${v.name}.txt`, keys.join('\n') + '\n');
        message.success(t('redemptionEdit.created', { count: keys.length }));
      }
      client.removeQueries({ queryKey: ['redemption', id] });
      await client.invalidateQueries({ queryKey: ['redemptions'] });
      navigate('/redemption');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (editing && existing.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return (
    <Card title={editing ? t('redemptionEdit.editTitle') : t('redemptionEdit.addTitle')}>
      <Form<RedemptionForm> form={form} layout="vertical" style={{ maxWidth: 520 }} onFinish={save} initialValues={{ name: '', quota: 100000, count: 1 }}>
        <Form.Item label={t('redemptions.name')} name="name" rules={[{ required: true, whitespace: true, message: t('redemptionEdit.nameRequired') }, { max: 20, message: t('redemptionEdit.nameTooLong') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('redemptions.quota')} name="quota" rules={[{ required: true }]} extra={quotaHint(amount, quota.perUnit)}>
          <InputNumber min={1} precision={0} style={{ width: 220 }} />
        </Form.Item>
        {!editing && (
          <Form.Item label={t('redemptionEdit.count')} name="count" rules={[{ required: true }]} extra={t('redemptionEdit.countHint')}>
            <InputNumber min={1} max={100} precision={0} style={{ width: 220 }} />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.submit')}
          </Button>
          <Button onClick={() => navigate('/redemption')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
