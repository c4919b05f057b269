import { App, Button, type ButtonProps } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { copyText } from '../lib/files';

export default function CopyButton({ text, label, ...rest }: { text: string; label?: string } & ButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Button
      icon={<CopyOutlined />}
      onClick={async () => {
        if (await copyText(text)) message.success(t('common.copied'));
        else message.error(t('common.copyFailed'));
      }}
      {...rest}
    >
      {label}
    </Button>
  );
}
