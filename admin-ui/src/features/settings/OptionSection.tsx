import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { isJsonObjectOrEmpty } from '../../lib/json';
import { useStatus } from '../../state/status';
import { changedOptions, THEMES, toFormValue, toStored, type FieldSpec, type SectionSpec } from './optionSpecs';

async function saveOption(key: string, value: string) {
  await api.put('/api/option/', { key, value });
}

/**
 * One settings card. Switches save the moment they flip (as One API); the other fields save together with the
 * section's button, sending only what changed. After a save the options and /api/status are read again, so
 * the name, logo, footer and quota display follow at once.
 */
export default function OptionSection({ section, stored, children }: { section: SectionSpec; stored: Record<string, string>; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { refresh } = useStatus();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(section.fields.map((f) => [f.key, toFormValue(f.kind, stored[f.key])])));
  }, [stored, section, form]);

  const reload = async () => {
    await client.invalidateQueries({ queryKey: ['options'] });
    await refresh();
  };

  const toggle = async (field: FieldSpec, on: boolean) => {
    const apply = async () => {
      try {
        await saveOption(field.key, toStored('switch', on));
        message.success(t('common.saved'));
      } catch (e) {
        message.error((e as Error).message);
        form.setFieldValue(field.key, !on);
      } finally {
        await reload();
      }
    };
    if (!on && field.confirmOff) {
      Modal.confirm({ title: t(`options.${field.key}`), content: t('settings.passwordLoginOffWarning'), onOk: apply, onCancel: () => form.setFieldValue(field.key, true) });
    } else {
      await apply();
    }
  };

  const save = async () => {
    const values = await form.validateFields();
    const changes = changedOptions(section.fields, stored, values);
    if (changes.length === 0) {
      message.info(t('settings.nothingChanged'));
      return;
    }
    setSaving(true);
    const failures: string[] = [];
    for (const change of changes) {
      try {
        await saveOption(change.key, change.value);
      } catch (e) {
        failures.push(`${change.key}: ${(e as Error).message}`);
      }
    }
    setSaving(false);
    if (failures.length) message.error(failures.join('; '));
    else message.success(t('common.saved'));
    await reload();
  };

  const hasButton = section.fields.some((f) => f.kind !== 'switch');
  return (
    <Card size="small" title={t(`settings.section.${section.id}`)} style={{ marginBottom: 16 }} data-testid={`section-${section.id}`}>
      <Form form={form} layout="vertical" style={{ maxWidth: 900 }}>
        {section.fields.map((f) => (
          <Form.Item
            key={f.key}
            label={t(`options.${f.key}`)}
            name={f.key}
            valuePropName={f.kind === 'switch' ? 'checked' : 'value'}
            extra={f.hint ? t(`options.${f.key}_hint`) : f.kind === 'secret' ? t('settings.secretHint') : undefined}
            rules={f.kind === 'json' ? [{ validator: (_, v) => (isJsonObjectOrEmpty(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('settings.invalidJson')))) }] : undefined}
          >
            {renderField(f, (on) => toggle(f, on))}
          </Form.Item>
        ))}
        {children}
        {hasButton && (
          <Button type="primary" onClick={save} loading={saving}>
            {t('settings.save', { section: t(`settings.section.${section.id}`) })}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function renderField(f: FieldSpec, onToggle: (on: boolean) => void) {
  switch (f.kind) {
    case 'switch':
      return <Switch onChange={onToggle} />;
    case 'number':
      return <InputNumber style={{ width: 240 }} min={0} />;
    case 'textarea':
      return <Input.TextArea rows={4} />;
    case 'json':
      return <Input.TextArea rows={8} style={{ fontFamily: 'monospace' }} />;
    case 'secret':
      return <Input.Password autoComplete="new-password" />;
    case 'tags':
      return <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />;
    case 'theme':
      return <Select options={THEMES.map((v) => ({ value: v, label: v }))} style={{ width: 240 }} />;
    default:
      return <Input />;
  }
}
