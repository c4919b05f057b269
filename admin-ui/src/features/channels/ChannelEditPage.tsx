import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Spin, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { copyText } from '../../lib/files';
import { isJsonObjectOrEmpty, joinList, splitList } from '../../lib/json';
import { buildConfig, channelType, deriveKey, offeredTypes, parseConfig, type ChannelConfig } from './channelTypes';
import { typeLabel } from './channelDisplay';

interface ChannelForm {
  type: number;
  name: string;
  groups: string[];
  base_url: string;
  other: string;
  key: string;
  models: string[];
  model_mapping: string;
  system_prompt: string;
  priority: number;
  config: ChannelConfig;
}

const EMPTY: ChannelForm = {
  type: 1,
  name: '',
  groups: ['default'],
  base_url: '',
  other: '',
  key: '',
  models: [],
  model_mapping: '',
  system_prompt: '',
  priority: 0,
  config: {},
};

export default function ChannelEditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { id } = useParams();
  const editing = id !== undefined;
  const [form] = Form.useForm<ChannelForm>();
  const [batch, setBatch] = useState(false);
  const [custom, setCustom] = useState('');
  const [saving, setSaving] = useState(false);

  const modelsByType = useQuery({ queryKey: ['models-by-type'], queryFn: () => api.get<Record<string, string[]>>('/api/models') });
  const allModels = useQuery({ queryKey: ['all-models'], queryFn: () => api.get<{ id: string }[]>('/api/channel/models') });
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => api.get<string[]>('/api/group/') });
  const existing = useQuery({ queryKey: ['channel', id], queryFn: () => api.get<Channel>(`/api/channel/${id}`), enabled: editing });

  useEffect(() => {
    const c = existing.data;
    if (!c) return;
    form.setFieldsValue({
      type: c.type,
      name: c.name,
      groups: splitList(c.group),
      base_url: c.base_url,
      other: c.other,
      key: '',
      models: splitList(c.models),
      model_mapping: c.model_mapping,
      system_prompt: c.system_prompt,
      priority: c.priority,
      config: parseConfig(c.config),
    });
  }, [existing.data, form]);

  const typeId = Form.useWatch('type', form) ?? EMPTY.type;
  const models: string[] = Form.useWatch('models', form) ?? [];
  const type = channelType(typeId);
  const related = useMemo(() => modelsByType.data?.[String(typeId)] ?? [], [modelsByType.data, typeId]);
  const modelOptions = useMemo(() => {
    const names = new Set<string>([...related, ...(allModels.data ?? []).map((m) => m.id), ...models]);
    return [...names].sort().map((m) => ({ value: m, label: m }));
  }, [related, allModels.data, models]);
  const types = offeredTypes(modelsByType.data, existing.data?.type);

  const setModels = (next: string[]) => form.setFieldValue('models', Array.from(new Set(next)));
  const addCustom = () => {
    const names = custom.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) return;
    setModels([...models, ...names]);
    setCustom('');
  };

  const save = async (values: ChannelForm) => {
    const key = deriveKey(type, (values.key ?? '').trim(), values.config ?? {});
    if (!editing && !key) {
      message.error(t('channelEdit.keyRequired'));
      return;
    }
    if (type.models && (values.models ?? []).length === 0) {
      message.error(t('channelEdit.modelsRequired'));
      return;
    }
    const body = {
      type: values.type,
      name: values.name.trim(),
      group: joinList(values.groups ?? []) || 'default',
      base_url: type.baseUrl === 'hidden' ? '' : (values.base_url ?? '').trim().replace(/\/+$/, ''),
      other: values.other ?? '',
      key,
      models: type.models ? joinList(values.models ?? []) : '',
      model_mapping: type.models ? (values.model_mapping ?? '').trim() : '',
      system_prompt: type.models ? values.system_prompt ?? '' : '',
      priority: values.priority ?? 0,
      config: buildConfig(type, values.config ?? {}),
    };
    setSaving(true);
    try {
      if (editing) {
        await api.put('/api/channel/', { ...body, id: Number(id) });
      } else {
        await api.post('/api/channel/', body);
      }
      message.success(editing ? t('common.saved') : t('channelEdit.created'));
      client.removeQueries({ queryKey: ['channel', id] });
      await client.invalidateQueries({ queryKey: ['channels'] });
      navigate('/channel');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (editing && existing.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  const keyHint = type.keyHint ? t(type.keyHint) : t('channelEdit.keyPlaceholder');
  return (
    <Card title={editing ? t('channelEdit.editTitle') : t('channelEdit.addTitle')}>
      <Form form={form} layout="vertical" initialValues={EMPTY} onFinish={save} style={{ maxWidth: 820 }}>
        <Form.Item label={t('channels.type')} name="type" rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={types.map((x) => ({ value: x.id, label: typeLabel(x.id, t) }))}
            data-testid="channel-type"
          />
        </Form.Item>
        {type.tip && <Alert type="info" showIcon title={t(type.tip)} style={{ marginBottom: 16 }} data-testid="type-tip" />}
        <Form.Item label={t('channels.name')} name="name" rules={[{ required: true, whitespace: true, message: t('channelEdit.nameRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('channels.groups')} name="groups" extra={t('channelEdit.groupsHint')}>
          <Select mode="tags" options={(groups.data ?? []).map((g) => ({ value: g, label: g }))} tokenSeparators={[',']} />
        </Form.Item>
        {type.baseUrl !== 'hidden' && (
          <Form.Item
            label={type.baseUrlLabel ? t(type.baseUrlLabel) : t('channelEdit.baseUrl')}
            name="base_url"
            rules={[
              { required: type.baseUrl === 'required', message: t('channelEdit.baseUrlRequired') },
              { pattern: /^https?:\/\/\S+$/i, message: t('channelEdit.baseUrlInvalid') },
            ]}
            extra={type.baseUrl === 'optional' ? t('channelEdit.baseUrlOptional') : undefined}
          >
            <Input placeholder={type.baseUrlPlaceholder} data-testid="base-url" />
          </Form.Item>
        )}
        {type.other && (
          <Form.Item label={t(type.other.label)} name="other">
            <Input placeholder={type.other.placeholder} />
          </Form.Item>
        )}
        {(type.config ?? []).map((field) => (
          <Form.Item
            key={field.name}
            label={t(field.label)}
            name={['config', field.name]}
            rules={[{ required: field.required && !editing, message: t('channelEdit.fieldRequired') }]}
          >
            {field.multiline ? <Input.TextArea rows={4} placeholder={field.placeholder} /> : <Input placeholder={field.placeholder} data-testid={`config-${field.name}`} />}
          </Form.Item>
        ))}
        {type.key === 'plain' && (
          <>
            <Form.Item label={t('channelEdit.key')} name="key" extra={editing ? t('channelEdit.keyKeep') : batch ? t('channelEdit.batchHint') : undefined}>
              {batch && !editing ? <Input.TextArea rows={5} placeholder={keyHint} data-testid="channel-key" /> : <Input.Password placeholder={keyHint} autoComplete="off" data-testid="channel-key" />}
            </Form.Item>
            {!editing && type.batch && (
              <Form.Item>
                <Checkbox checked={batch} onChange={(e) => setBatch(e.target.checked)}>
                  {t('channelEdit.batch')}
                </Checkbox>
              </Form.Item>
            )}
          </>
        )}
        {type.models && (
          <>
            <Form.Item label={t('channels.models')} name="models" extra={t('channelEdit.modelsHint')}>
              <Select
                mode="tags"
                options={modelOptions}
                tokenSeparators={[',']}
                placeholder={t('channelEdit.modelsPlaceholder')}
                data-testid="channel-models"
                tagRender={({ label, value, closable, onClose }) => (
                  <Tag
                    closable={closable}
                    onClose={onClose}
                    style={{ marginInlineEnd: 4, cursor: 'copy' }}
                    onMouseDown={(e) => e.stopPropagation()}
                    onClick={async () => {
                      if (await copyText(String(value))) message.success(t('common.copied'));
                    }}
                  >
                    {label}
                  </Tag>
                )}
              />
            </Form.Item>
            <Space wrap style={{ marginTop: -12, marginBottom: 16 }}>
              <Button size="small" onClick={() => setModels([...models, ...related])}>
                {t('channelEdit.fillRelated')}
              </Button>
              <Button size="small" onClick={() => setModels((allModels.data ?? []).map((m) => m.id))}>
                {t('channelEdit.fillAll')}
              </Button>
              <Button size="small" onClick={() => setModels([])}>
                {t('channelEdit.clear')}
              </Button>
              <Space.Compact>
                <Input
                  size="small"
                  value={custom}
                  onChange={(e) => setCustom(e.target.value)}
                  onPressEnter={(e) => {
                    e.preventDefault();
                    addCustom();
                  }}
                  placeholder={t('channelEdit.customModel')}
                  aria-label={t('channelEdit.customModel')}
                />
                <Button size="small" onClick={addCustom}>
                  {t('channelEdit.addCustom')}
                </Button>
              </Space.Compact>
            </Space>
            <Form.Item
              label={t('channelEdit.modelMapping')}
              name="model_mapping"
              rules={[{ validator: (_, v) => (isJsonObjectOrEmpty(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('channelEdit.mappingInvalid')))) }]}
              extra={t('channelEdit.mappingHint')}
            >
              <Input.TextArea rows={3} placeholder={'{\n  "gpt-3.5-turbo-0301": "gpt-3.5-turbo"\n}'} data-testid="model-mapping" />
            </Form.Item>
            <Form.Item label={t('channelEdit.systemPrompt')} name="system_prompt" extra={t('channelEdit.systemPromptHint')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('channels.priority')} name="priority" extra={t('channelEdit.priorityHint')}>
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.submit')}
          </Button>
          <Button onClick={() => navigate('/channel')}>{t('common.cancel')}</Button>
        </Space>
        {!modelsByType.isLoading && Object.keys(modelsByType.data ?? {}).length === 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('channelEdit.noCatalogue')}
          </Typography.Paragraph>
        )}
      </Form>
    </Card>
  );
}
