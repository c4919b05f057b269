import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStatus } from '../state/status';

export default function Chat() {
  const { t } = useTranslation();
  const { status } = useStatus();
  if (!status.chat_link) return <Empty description={t('chat.notConfigured')} />;
  return <iframe src={status.chat_link} className="full-frame" title={t('nav.chat')} data-testid="chat-frame" />;
}
