import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { LogRow } from '../../api/types';
import Pager from '../../components/Pager';
import { useQuotaFormat } from '../../components/useQuota';
import { copyText, downloadText, toCsv } from '../../lib/files';
import { formatTime } from '../../lib/time';
import { useSession } from '../../state/session';
import LogDetail, { elapsedColor, typeLabel } from './LogDetail';
import { EMPTY_FILTERS, fetchAllLogs, LOG_TYPES, logListUrl, logStatUrl, type LogFilters } from './logQuery';

const EXPORT_CAP = 5000;

export default function LogsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const quota = useQuotaFormat();
  const { isAdmin } = useSession();
  const [form] = Form.useForm<LogFilters>();
  const [filters, setFilters] = useState<LogFilters>(EMPTY_FILTERS);
  const [page, setPage] = useState(0);
  const [detail, setDetail] = useState<LogRow | null>(null);
  const [stat, setStat] = useState<number | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);

  const list = useQuery({ queryKey: ['logs', isAdmin, filters, page], queryFn: () => api.get<LogRow[]>(logListUrl(filters, isAdmin, page)) });
  const rows = list.data ?? [];

  const apply = (values: LogFilters) => {
    setFilters({ ...EMPTY_FILTERS, ...values });
    setPage(0);
    setStat(null);
  };

  const loadStat = async () => {
    try {
      setStat((await api.get<{ quota: number }>(logStatUrl(filters, isAdmin))).quota);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const exportCsv = async () => {
    setExporting(0);
    try {
      const { rows: all, truncated } = await fetchAllLogs(filters, isAdmin, EXPORT_CAP, setExporting);
      const header = ['time', 'type', 'username', 'token_name', 'model_name', 'prompt_tokens', 'completion_tokens', 'quota', 'channel', 'elapsed_ms', 'stream', 'request_id', 'content'];
      const csv = toCsv(
        header,
        all.map((r) => [formatTime(r.created_at), r.type, r.username, r.token_name, r.model_name, r.prompt_tokens, r.completion_tokens, r.quota, r.channel, r.elapsed_time, r.is_stream, r.request_id, r.content]),
      );
      downloadText('logs.csv', csv, 'text/csv;charset=utf-8');
      if (truncated) message.warning(t('logs.exportTruncated', { count: EXPORT_CAP }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(null);
    }
  };

  const columns: ColumnsType<LogRow> = [
    {
      title: t('logs.time'),
      dataIndex: 'created_at',
      render: (v: number, r) => (
        <Typography.Link
          onClick={async (e) => {
            e.stopPropagation();
            if (r.request_id && (await copyText(r.request_id))) message.success(t('logs.requestIdCopied'));
          }}
        >
          {formatTime(v)}
        </Typography.Link>
      ),
    },
    ...(isAdmin ? [{ title: t('logs.channel'), dataIndex: 'channel', render: (c: number) => (c ? <Tag>{c}</Tag> : '') }] : []),
    { title: t('logs.type'), dataIndex: 'type', render: (type: number) => <Tag>{typeLabel(type, t)}</Tag> },
    { title: t('logs.model'), dataIndex: 'model_name', render: (m: string) => (m ? <Tag color="blue">{m}</Tag> : '') },
    ...(isAdmin ? [{ title: t('logs.user'), dataIndex: 'username' }] : []),
    { title: t('logs.token'), dataIndex: 'token_name', render: (n: string) => (n ? <Tag>{n}</Tag> : '') },
    { title: t('logs.promptTokens'), dataIndex: 'prompt_tokens', render: (n: number) => n || '' },
    { title: t('logs.completionTokens'), dataIndex: 'completion_tokens', render: (n: number) => n || '' },
    { title: t('logs.quota'), dataIndex: 'quota', render: (q: number) => (q ? quota(q, 6) : '') },
    {
      title: t('logs.detail'),
      dataIndex: 'content',
      render: (content: string, r) => (
        <Space size={4} wrap>
          {r.elapsed_time > 0 && <Tag color={elapsedColor(r.elapsed_time)}>{r.elapsed_time} ms</Tag>}
          {r.is_stream && <Tag color="blue">{t('logs.stream')}</Tag>}
          {r.system_prompt_reset && <Tag color="purple">{t('logs.systemPromptReset')}</Tag>}
          <Typography.Text ellipsis={{ tooltip: content }} style={{ maxWidth: 360 }}>
            {content}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('logs.title')}>
      <Form<LogFilters> form={form} layout="inline" initialValues={EMPTY_FILTERS} onFinish={apply} style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item name="type" label={t('logs.type')}>
          <Select style={{ width: 140 }} options={LOG_TYPES.map((v) => ({ value: v, label: typeLabel(v, t) }))} />
        </Form.Item>
        <Form.Item name="token_name" label={t('logs.token')}>
          <Input allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="model_name" label={t('logs.model')}>
          <Input allowClear style={{ width: 150 }} />
        </Form.Item>
        {isAdmin && (
          <>
            <Form.Item name="username" label={t('logs.user')}>
              <Input allowClear style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="channel" label={t('logs.channel')}>
              <Input allowClear style={{ width: 90 }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="range" label={t('logs.range')}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('logs.apply')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>
              {t('common.refresh')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={exportCsv} loading={exporting !== null}>
              {exporting !== null ? t('logs.exporting', { count: exporting }) : t('logs.export')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <div style={{ marginBottom: 8 }}>
        {t('logs.usage')}{' '}
        {stat === null ? (
          <Typography.Link onClick={loadStat} data-testid="log-stat">
            {t('logs.clickToView')}
          </Typography.Link>
        ) : (
          <Typography.Text strong data-testid="log-stat">
            {quota(stat, 6)}
          </Typography.Text>
        )}
      </div>
      <Table<LogRow>
        rowKey={(r) => `${r.id}-${r.created_at}-${r.request_id}-${r.content}`}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ onClick: () => setDetail(r), style: { cursor: 'pointer' } })}
      />
      <Pager page={page} rows={rows.length} onChange={setPage} loading={list.isFetching} />
      <LogDetail row={detail} onClose={() => setDetail(null)} admin={isAdmin} quota={quota} t={t} />
    </Card>
  );
}
