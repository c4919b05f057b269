import { Descriptions, Drawer, Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { LogRow } from '../../api/types';
import CopyButton from '../../components/CopyButton';
import { formatTime } from '../../lib/time';

export function elapsedColor(ms: number): string {
  if (ms < 1000) return 'green';
  if (ms < 3000) return 'lime';
  if (ms < 5000) return 'gold';
  if (ms < 10000) return 'orange';
  return 'red';
}

export function typeLabel(type: number, t: TFunction): string {
  return t(`logs.type${type}`, { defaultValue: t('logs.type0') });
}

/** Everything stored about one request (prompt bodies are never stored). */
export default function LogDetail({ row, onClose, admin, quota, t }: { row: LogRow | null; onClose: () => void; admin: boolean; quota: (q: number, d?: number) => string; t: TFunction }) {
  return (
    <Drawer open={!!row} onClose={onClose} title={t('logs.detailTitle')} size={520} data-testid="log-detail">
      {row && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('logs.time')}>{formatTime(row.created_at)}</Descriptions.Item>
          <Descriptions.Item label={t('logs.requestId')}>
            {row.request_id ? (
              <>
                {row.request_id} <CopyButton size="small" type="text" text={row.request_id} />
              </>
            ) : (
              '-'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('logs.type')}>{typeLabel(row.type, t)}</Descriptions.Item>
          {admin && <Descriptions.Item label={t('logs.user')}>{row.username || '-'}</Descriptions.Item>}
          {admin && <Descriptions.Item label={t('logs.channel')}>{row.channel || '-'}</Descriptions.Item>}
          <Descriptions.Item label={t('logs.token')}>{row.token_name || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('logs.model')}>{row.model_name || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('logs.promptTokens')}>{row.prompt_tokens}</Descriptions.Item>
          <Descriptions.Item label={t('logs.completionTokens')}>{row.completion_tokens}</Descriptions.Item>
          <Descriptions.Item label={t('logs.quota')}>
            {quota(row.quota, 6)} ({row.quota})
          </Descriptions.Item>
          <Descriptions.Item label={t('logs.elapsed')}>
            {row.elapsed_time ? <Tag color={elapsedColor(row.elapsed_time)}>{row.elapsed_time} ms</Tag> : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('logs.flags')}>
            {row.is_stream && <Tag color="blue">{t('logs.stream')}</Tag>}
            {row.system_prompt_reset && <Tag color="purple">{t('logs.systemPromptReset')}</Tag>}
            {!row.is_stream && !row.system_prompt_reset && '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('logs.content')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{row.content || '-'}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
