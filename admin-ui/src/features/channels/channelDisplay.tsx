import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { formatTime } from '../../lib/time';
import { channelType } from './channelTypes';

export const STATUS_ENABLED = 1;
export const STATUS_MANUALLY_DISABLED = 2;
export const STATUS_AUTO_DISABLED = 3;

export function typeLabel(type: number, t: TFunction): string {
  const label = channelType(type).label;
  return label.startsWith('channelType.') ? t(label) : label;
}

export function ChannelTypeTag({ type, t }: { type: number; t: TFunction }) {
  return <Tag color={channelType(type).color === 'black' ? 'default' : channelType(type).color}>{typeLabel(type, t)}</Tag>;
}

export function ChannelStatusTag({ status, t }: { status: number; t: TFunction }) {
  switch (status) {
    case STATUS_ENABLED:
      return <Tag color="green">{t('channels.statusEnabled')}</Tag>;
    case STATUS_MANUALLY_DISABLED:
      return (
        <Tooltip title={t('channels.manuallyDisabledHint')}>
          <Tag color="red">{t('channels.statusDisabled')}</Tag>
        </Tooltip>
      );
    case STATUS_AUTO_DISABLED:
      return (
        <Tooltip title={t('channels.autoDisabledHint')}>
          <Tag color="gold">{t('channels.statusAutoDisabled')}</Tag>
        </Tooltip>
      );
    default:
      return <Tag>{t('channels.statusUnknown')}</Tag>;
  }
}

/** Green up to 1 s, lime to 3 s, gold to 5 s, red beyond; grey when never tested. */
export function responseTimeColor(ms: number): string {
  if (ms <= 1000) return 'green';
  if (ms <= 3000) return 'lime';
  if (ms <= 5000) return 'gold';
  return 'red';
}

export function ResponseTime({ ms, testTime, t }: { ms: number; testTime: number; t: TFunction }) {
  if (!testTime) return <Tag data-testid="response-time">{t('channels.notTested')}</Tag>;
  return (
    <Tooltip title={t('channels.lastTested', { time: formatTime(testTime) })}>
      <Tag color={ms > 0 ? responseTimeColor(ms) : 'red'} data-testid="response-time">
        {ms > 0 ? `${(ms / 1000).toFixed(2)} s` : t('channels.testFailedShort')}
      </Tag>
    </Tooltip>
  );
}

/** Types whose balance the backend can query, and the unit each reports in. */
const BALANCE_UNITS: Record<number, string> = { 1: '$', 8: '$', 12: '$', 13: '$', 20: '$', 4: '¥', 5: '¥', 36: '¥', 44: '¥', 10: '' };

export function supportsBalance(type: number): boolean {
  return type in BALANCE_UNITS;
}

export function renderBalance(type: number, balance: number): string {
  if (!supportsBalance(type)) return '-';
  const unit = BALANCE_UNITS[type];
  return unit ? `${unit}${balance.toFixed(2)}` : String(balance);
}

export function groupColor(group: string): string | undefined {
  if (group === 'vip' || group === 'pro') return 'gold';
  if (group === 'svip' || group === 'premium') return 'red';
  return undefined;
}
