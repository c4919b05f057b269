import { Tag } from 'antd';
import type { TFunction } from 'i18next';

export const TOKEN_ENABLED = 1;
export const TOKEN_DISABLED = 2;
export const TOKEN_EXPIRED = 3;
export const TOKEN_EXHAUSTED = 4;

export function TokenStatusTag({ status, t }: { status: number; t: TFunction }) {
  switch (status) {
    case TOKEN_ENABLED:
      return <Tag color="green">{t('tokens.statusEnabled')}</Tag>;
    case TOKEN_DISABLED:
      return <Tag color="red">{t('tokens.statusDisabled')}</Tag>;
    case TOKEN_EXPIRED:
      return <Tag color="gold">{t('tokens.statusExpired')}</Tag>;
    case TOKEN_EXHAUSTED:
      return <Tag color="orange">{t('tokens.statusDepleted')}</Tag>;
    default:
      return <Tag>{t('tokens.statusUnknown')}</Tag>;
  }
}
