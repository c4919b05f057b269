import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useSession } from '../../state/session';

/** /user/edit: the caller's own username, display name and password. */
export default function SelfEditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const self = useQuery({ queryKey: ['self'], queryFn: () => api.get<User>('/api/user/self') });

  useEffect(() => {
    if (self.data) form.setFieldsValue({ username: self.data.username, display_name: self.data.display_name, password: '' });
  }, [self.data, form]);

  const save = async (v: { username: string; display_name: string; password: string }) => {
    setSaving(true);
    try {
      await api.put('/api/user/self', v);
      await refresh();
      message.success(t('common.saved'));
      navigate('/setting');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (self.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return (
    <Card title={t('userEdit.selfTitle')}>
      <Form form={form} layout="vertical" style={{ maxWidth: 520 }} onFinish={save}>
        <Form.Item label={t('users.username')} name="username" rules={[{ required: true, whitespace: true, message: t('register.usernameRequired') }, { max: 12, message: t('register.usernameTooLong') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('userEdit.displayName')} name="display_name" rules={[{ max: 20, message: t('userEdit.displayNameTooLong') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('register.password')} name="password" rules={[{ min: 8, max: 20, message: t('register.passwordLength') }]} extra={t('userEdit.passwordKeep')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.submit')}
          </Button>
          <Button onClick={() => navigate('/setting')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
