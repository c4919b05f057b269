import { useState } from 'react';
import { Alert, App, Button, Card, Dropdown, Popconfirm, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CopyOutlined, DownOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { OptionRow, Token } from '../../api/types';
import { BatchBar } from '../../components/BatchBar';
import Pager from '../../components/Pager';
import SearchBox from '../../components/SearchBox';
import { useResourceList } from '../../components/useResourceList';
import { useQuotaFormat } from '../../components/useQuota';
import { clientLink, type ClientApp } from '../../lib/clientLinks';
import { copyText } from '../../lib/files';
import { formatTime } from '../../lib/time';
import { useSession } from '../../state/session';
import { useStatus } from '../../state/status';
import { TOKEN_DISABLED, TOKEN_ENABLED, TokenStatusTag } from './tokenStatus';

const APPS: { key: ClientApp; label: string }[] = [
  { key: 'nextchat', label: 'NextChat' },
  { key: 'lobechat', label: 'LobeChat' },
  { key: 'ama', label: 'AMA' },
  { key: 'opencat', label: 'OpenCat' },
];

/** Root sees a warning while ServerAddress is empty: the links below would then point at the default. */
function ServerAddressWarning() {
  const { t } = useTranslation();
  const { isRoot } = useSession();
  const options = useQuery({ queryKey: ['options'], queryFn: () => api.get<OptionRow[]>('/api/option/'), enabled: isRoot });
  const address = options.data?.find((o) => o.key === 'ServerAddress')?.value ?? 'unknown';
  if (!isRoot || !options.data || address) return null;
  return <Alert type="warning" showIcon title={t('tokens.serverAddressMissing')} style={{ marginBottom: 12 }} data-testid="server-address-warning" />;
}

export default function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const quota = useQuotaFormat();
  const { status } = useStatus();
  const [order, setOrder] = useState('');
  const { page, setPage, search, setSearch, list, rows, refresh, run } = useResourceList<Token>('tokens', '/api/token/', order);
  const [selected, setSelected] = useState<Token[]>([]);
  const setTokenStatus = (tk: Token, status: number) => api.put('/api/token/?status_only=true', { id: tk.id, status });

  const copy = async (text: string) => {
    if (await copyText(text)) message.success(t('common.copied'));
    else message.error(t('common.copyFailed'));
  };
  const link = (app: ClientApp, token: Token) => clientLink(app, token.key, status.server_address, status.chat_link);

  const columns: ColumnsType<Token> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    { title: t('tokens.status'), dataIndex: 'status', render: (s: number) => <TokenStatusTag status={s} t={t} /> },
    { title: t('tokens.usedQuota'), dataIndex: 'used_quota', render: (q: number) => <span data-testid="used-quota">{quota(q)}</span> },
    {
      title: t('tokens.remainQuota'),
      dataIndex: 'remain_quota',
      render: (q: number, tk) => <span data-testid="remain-quota">{tk.unlimited_quota ? t('tokens.unlimited') : quota(q)}</span>,
    },
    { title: t('tokens.created'), dataIndex: 'created_time', render: formatTime },
    { title: t('tokens.expires'), dataIndex: 'expired_time', render: (e: number) => (e === -1 ? t('tokens.never') : formatTime(e)) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, tk) => (
        <Space size={4} wrap>
          <Space.Compact size="small">
            <Button size="small" icon={<CopyOutlined />} onClick={() => copy(`sk-${tk.key}`)} data-testid="copy-key">
              {t('tokens.copy')}
            </Button>
            <Dropdown menu={{ items: APPS.map((a) => ({ key: a.key, label: t('tokens.copyFor', { app: a.label }) })), onClick: (e) => copy(link(e.key as ClientApp, tk)) }}>
              <Button size="small" icon={<DownOutlined />} aria-label={t('tokens.copyMore')} data-testid="copy-more" />
            </Dropdown>
          </Space.Compact>
          <Dropdown
            menu={{
              items: APPS.filter((a) => a.key === 'nextchat' || a.key === 'lobechat').map((a) => ({ key: a.key, label: a.label })),
              onClick: (e) => window.open(link(e.key as ClientApp, tk), '_blank', 'noopener'),
            }}
          >
            <Button size="small">
              {t('tokens.chat')} <DownOutlined />
            </Button>
          </Dropdown>
          {tk.status === TOKEN_ENABLED ? (
            <Button size="small" onClick={() => run(() => setTokenStatus(tk, TOKEN_DISABLED), t('common.saved'))}>
              {t('common.disable')}
            </Button>
          ) : (
            <Button size="small" onClick={() => run(() => setTokenStatus(tk, TOKEN_ENABLED), t('common.saved'))}>
              {t('common.enable')}
            </Button>
          )}
          <Button size="small" onClick={() => navigate(`/token/edit/${tk.id}`)}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('tokens.confirmDelete', { name: tk.name })} onConfirm={() => run(() => api.del(`/api/token/${tk.id}`), t('common.deleted'))} okText={t('common.delete')} cancelText={t('common.cancel')}>
            <Button size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('tokens.title')}>
      <ServerAddressWarning />
      <div className="toolbar">
        <Link to="/token/add">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('tokens.add')}
          </Button>
        </Link>
        <Button icon={<ReloadOutlined />} onClick={refresh}>
          {t('common.refresh')}
        </Button>
        <Select
          value={order}
          onChange={(v) => {
            setOrder(v);
            setPage(0);
          }}
          style={{ width: 200 }}
          options={[
            { value: '', label: t('tokens.sortDefault') },
            { value: 'remain_quota', label: t('tokens.sortRemain') },
            { value: 'used_quota', label: t('tokens.sortUsed') },
          ]}
          aria-label={t('common.sort')}
        />
        <SearchBox placeholder={t('tokens.searchPlaceholder')} onSearch={setSearch} />
      </div>
      <BatchBar<Token>
        selected={selected}
        onDone={() => {
          setSelected([]);
          return refresh();
        }}
        actions={[
          { key: 'enable', label: t('common.enableSelected'), each: (tk) => setTokenStatus(tk, TOKEN_ENABLED) },
          { key: 'disable', label: t('common.disableSelected'), each: (tk) => setTokenStatus(tk, TOKEN_DISABLED) },
          { key: 'delete', label: t('common.deleteSelected'), danger: true, confirm: t('tokens.confirmDeleteSelected', { count: selected.length }), each: (tk) => api.del(`/api/token/${tk.id}`) },
        ]}
      />
      <Table<Token>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowSelection={{ selectedRowKeys: selected.map((tk) => tk.id), onChange: (_, chosen) => setSelected(chosen) }}
      />
      {!search && <Pager page={page} rows={rows.length} onChange={setPage} loading={list.isFetching} />}
    </Card>
  );
}
