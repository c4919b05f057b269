import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { quotaHint } from '../../lib/quota';
import { useStatus } from '../../state/status';

interface UserForm {
  username: string;
  display_name: string;
  password: string;
  group: string;
  quota: number;
  email: string;
  github_id: string;
  wechat_id: string;
}

/** Admin: /user/add creates a common user; /user/edit/:id edits one (blank password = unchanged). */
export default function UserEditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { id } = useParams();
  const editing = id !== undefined;
  const { quota } = useStatus();
  const [form] = Form.useForm<UserForm>();
  const [saving, setSaving] = useState(false);
  const existing = useQuery({ queryKey: ['user', id], queryFn: () => api.get<User>(`/api/user/${id}`), enabled: editing });
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => api.get<string[]>('/api/group/'), enabled: editing });
  const amount = Form.useWatch('quota', form) ?? 0;

  useEffect(() => {
    const u = existing.data;
    if (u) form.setFieldsValue({ ...u, password: '' });
  }, [existing.data, form]);

  const save = async (v: UserForm) => {
    setSaving(true);
    try {
      if (editing) {
        await api.put('/api/user/', { id: Number(id), username: v.username, display_name: v.display_name, password: v.password || '', group: v.group, quota: v.quota });
      } else {
        await api.post('/api/user/', { username: v.username, display_name: v.display_name || v.username, password: v.password });
      }
      message.success(editing ? t('common.saved') : t('userEdit.created'));
      client.removeQueries({ queryKey: ['user', id] });
      await client.invalidateQueries({ queryKey: ['users'] });
      navigate('/user');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (editing && existing.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (editing && existing.error) return <Card>{(existing.error as Error).message}</Card>;
  const passwordRules = editing ? [{ min: 8, max: 20, message: t('register.passwordLength') }] : [{ required: true, message: t('register.passwordRequired') }, { min: 8, max: 20, message: t('register.passwordLength') }];
  return (
    <Card title={editing ? t('userEdit.editTitle') : t('userEdit.addTitle')}>
      <Form<UserForm> form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={save} initialValues={{ username: '', display_name: '', password: '' }}>
        <Form.Item label={t('users.username')} name="username" rules={[{ required: true, whitespace: true, message: t('register.usernameRequired') }, { max: 12, message: t('register.usernameTooLong') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('userEdit.displayName')} name="display_name" rules={[{ max: 20, message: t('userEdit.displayNameTooLong') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('register.password')} name="password" rules={passwordRules} extra={editing ? t('userEdit.passwordKeep') : undefined}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {editing && (
          <>
            <Form.Item label={t('users.group')} name="group" extra={t('userEdit.groupHint')}>
              <Select showSearch options={(groups.data ?? []).map((g) => ({ value: g, label: g }))} />
            </Form.Item>
            <Form.Item label={t('users.quota')} name="quota" extra={quotaHint(amount, quota.perUnit)}>
              <InputNumber min={0} precision={0} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item label="GitHub" name="github_id">
              <Input readOnly />
            </Form.Item>
            <Form.Item label="WeChat" name="wechat_id">
              <Input readOnly />
            </Form.Item>
            <Form.Item label={t('register.email')} name="email">
              <Input readOnly />
            </Form.Item>
          </>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.submit')}
          </Button>
          <Button onClick={() => navigate('/user')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
