import { useState } from 'react';
import { Alert, Button, Card, Dropdown, InputNumber, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import Pager from '../../components/Pager';
import SearchBox from '../../components/SearchBox';
import { useQuotaFormat } from '../../components/useQuota';
import { splitList } from '../../lib/json';
import {
  ChannelStatusTag,
  ChannelTypeTag,
  groupColor,
  renderBalance,
  ResponseTime,
  STATUS_ENABLED,
  STATUS_MANUALLY_DISABLED,
  supportsBalance,
} from './channelDisplay';
import { useChannelActions } from './useChannelActions';

const DETAILS_KEY = 'channel-details';
const NOTICE_KEY = 'channel-notice-dismissed';

export default function ChannelsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const quota = useQuotaFormat();
  const actions = useChannelActions();
  const [page, setPage] = useState(0);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Channel[]>([]);
  const [details, setDetails] = useState(localStorage.getItem(DETAILS_KEY) === 'true');
  const [busy, setBusy] = useState(false);

  const list = useQuery({
    queryKey: ['channels', search ? `search:${search}` : page],
    queryFn: () => api.get<Channel[]>(search ? `/api/channel/search?keyword=${encodeURIComponent(search)}` : `/api/channel/?p=${page}`),
  });
  const rows = list.data ?? [];

  const withBusy = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
      setSelected([]);
    }
  };

  const columns: ColumnsType<Channel> = [
    { title: t('channels.id'), dataIndex: 'id', width: 70, sorter: (a, b) => a.id - b.id },
    { title: t('channels.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    {
      title: t('channels.groups'),
      dataIndex: 'group',
      render: (g: string) => splitList(g).map((name) => <Tag key={name} color={groupColor(name)}>{name}</Tag>),
    },
    { title: t('channels.type'), dataIndex: 'type', render: (type: number) => <ChannelTypeTag type={type} t={t} /> },
    { title: t('channels.status'), dataIndex: 'status', render: (s: number) => <ChannelStatusTag status={s} t={t} /> },
    {
      title: t('channels.responseTime'),
      dataIndex: 'response_time',
      sorter: (a, b) => a.response_time - b.response_time,
      render: (ms: number, c) => <ResponseTime ms={ms} testTime={c.test_time} t={t} />,
    },
    {
      title: t('channels.balance'),
      dataIndex: 'balance',
      render: (balance: number, c) =>
        supportsBalance(c.type) ? (
          <Tooltip title={t('channels.clickToUpdateBalance')}>
            <Button type="link" size="small" onClick={() => actions.updateBalance(c)}>
              {renderBalance(c.type, balance)}
            </Button>
          </Tooltip>
        ) : (
          '-'
        ),
    },
    {
      title: t('channels.priority'),
      dataIndex: 'priority',
      width: 110,
      sorter: (a, b) => a.priority - b.priority,
      render: (priority: number, c) => (
        <InputNumber
          key={`${c.id}:${priority}`}
          size="small"
          defaultValue={priority}
          style={{ width: 90 }}
          aria-label={t('channels.priority')}
          onBlur={(e) => {
            const value = Number(e.target.value);
            if (Number.isFinite(value) && value !== priority) void actions.setPriority(c, value);
          }}
        />
      ),
    },
  ];
  if (details) {
    columns.push(
      { title: t('channels.usedQuota'), dataIndex: 'used_quota', render: (q: number) => quota(q) },
      { title: t('channels.models'), dataIndex: 'models', ellipsis: true, render: (m: string) => <Typography.Text ellipsis={{ tooltip: m }}>{m}</Typography.Text> },
    );
  }
  columns.push({
    title: t('common.actions'),
    key: 'actions',
    render: (_, c) => (
      <Space size={4} wrap>
        <Space.Compact size="small">
          <Button size="small" onClick={() => actions.test(c)}>
            {t('channels.test')}
          </Button>
          <Dropdown menu={{ items: splitList(c.models).map((m) => ({ key: m, label: m })), onClick: (e) => actions.test(c, e.key) }}>
            <Button size="small" icon={<DownOutlined />} aria-label={t('channels.testModel')} />
          </Dropdown>
        </Space.Compact>
        {c.status === STATUS_ENABLED ? (
          <Button size="small" onClick={() => actions.setStatus(c, STATUS_MANUALLY_DISABLED)}>
            {t('common.disable')}
          </Button>
        ) : (
          <Button size="small" onClick={() => actions.setStatus(c, STATUS_ENABLED)}>
            {t('common.enable')}
          </Button>
        )}
        <Button size="small" onClick={() => navigate(`/channel/edit/${c.id}`)}>
          {t('common.edit')}
        </Button>
        <Popconfirm title={t('channels.confirmDelete', { name: c.name })} onConfirm={() => actions.remove(c)} okText={t('common.delete')} cancelText={t('common.cancel')}>
          <Button size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    ),
  });

  return (
    <Card title={t('channels.title')}>
      {localStorage.getItem(NOTICE_KEY) !== 'true' && (
        <Alert type="info" showIcon closable={{ onClose: () => localStorage.setItem(NOTICE_KEY, 'true') }} title={t('channels.notice')} style={{ marginBottom: 12 }} />
      )}
      <div className="toolbar">
        <Link to="/channel/add">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('channels.add')}
          </Button>
        </Link>
        <Button onClick={() => withBusy(() => actions.testAll('all'))}>{t('channels.testAll')}</Button>
        <Button onClick={() => withBusy(() => actions.testAll('disabled'))}>{t('channels.testDisabled')}</Button>
        <Button onClick={() => withBusy(actions.updateAllBalances)}>{t('channels.updateAllBalances')}</Button>
        <Popconfirm title={t('channels.confirmDeleteDisabled')} onConfirm={() => withBusy(actions.deleteDisabled)} okText={t('common.delete')} cancelText={t('common.cancel')}>
          <Button danger>{t('channels.deleteDisabled')}</Button>
        </Popconfirm>
        <Button icon={<ReloadOutlined />} onClick={() => actions.refresh()}>
          {t('common.refresh')}
        </Button>
        <Space>
          <Switch
            checked={details}
            onChange={(v) => {
              setDetails(v);
              localStorage.setItem(DETAILS_KEY, String(v));
            }}
            aria-label={t('channels.details')}
          />
          {t('channels.details')}
        </Space>
        <SearchBox placeholder={t('channels.searchPlaceholder')} onSearch={setSearch} />
      </div>
      {selected.length > 0 && (
        <div className="toolbar" data-testid="batch-bar">
          <Typography.Text>{t('common.selected', { count: selected.length })}</Typography.Text>
          <Button size="small" loading={busy} onClick={() => withBusy(() => actions.batchStatus(selected, STATUS_ENABLED))}>
            {t('channels.enableSelected')}
          </Button>
          <Button size="small" loading={busy} onClick={() => withBusy(() => actions.batchStatus(selected, STATUS_MANUALLY_DISABLED))}>
            {t('channels.disableSelected')}
          </Button>
          <Button size="small" loading={busy} onClick={() => withBusy(() => actions.batchTest(selected))}>
            {t('channels.testSelected')}
          </Button>
          <Popconfirm title={t('channels.confirmDeleteSelected', { count: selected.length })} onConfirm={() => withBusy(() => actions.batchDelete(selected))} okText={t('common.delete')} cancelText={t('common.cancel')}>
            <Button size="small" danger loading={busy}>
              {t('channels.deleteSelected')}
            </Button>
          </Popconfirm>
        </div>
      )}
      <Table<Channel>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowSelection={{ selectedRowKeys: selected.map((c) => c.id), onChange: (_, chosen) => setSelected(chosen) }}
      />
      {!search && <Pager page={page} rows={rows.length} onChange={setPage} loading={list.isFetching} />}
    </Card>
  );
}
