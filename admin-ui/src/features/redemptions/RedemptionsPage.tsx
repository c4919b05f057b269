import { useState } from 'react';
import { Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Redemption } from '../../api/types';
import CopyButton from '../../components/CopyButton';
import Pager from '../../components/Pager';
import SearchBox from '../../components/SearchBox';
import { useResourceList } from '../../components/useResourceList';
import { useQuotaFormat } from '../../components/useQuota';
import { downloadText, toCsv } from '../../lib/files';
import { formatTime } from '../../lib/time';

export const REDEMPTION_ENABLED = 1;
export const REDEMPTION_DISABLED = 2;
export const REDEMPTION_USED = 3;

export default function RedemptionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const quota = useQuotaFormat();
  const [selected, setSelected] = useState<Redemption[]>([]);
  const { page, setPage, search, setSearch, list, rows, refresh, run } = useResourceList<Redemption>('redemptions', '/api/redemption/');

  const statusTag = (s: number) =>
    s === REDEMPTION_ENABLED ? <Tag color="green">{t('redemptions.unused')}</Tag> : s === REDEMPTION_DISABLED ? <Tag color="red">{t('redemptions.disabled')}</Tag> : <Tag color="default">{t('redemptions.used')}</Tag>;

  /** The codes on screen (or the selected ones) as CSV: name, code, status, quota, times. */
  const exportCsv = () => {
    const chosen = selected.length ? selected : rows;
    const csv = toCsv(
      ['id', 'name', 'key', 'status', 'quota', 'created_time', 'redeemed_time'],
      chosen.map((r) => [r.id, r.name, r.key, r.status === 1 ? 'unused' : r.status === 2 ? 'disabled' : 'used', r.quota, formatTime(r.created_time), formatTime(r.redeemed_time)]),
    );
    downloadText('redemptions.csv', csv, 'text/csv;charset=utf-8');
  };

  const columns: ColumnsType<Redemption> = [
    { title: t('redemptions.id'), dataIndex: 'id', width: 70 },
    { title: t('redemptions.name'), dataIndex: 'name' },
    { title: t('redemptions.status'), dataIndex: 'status', render: statusTag },
    { title: t('redemptions.quota'), dataIndex: 'quota', render: (q: number) => quota(q) },
    { title: t('redemptions.created'), dataIndex: 'created_time', render: formatTime },
    { title: t('redemptions.redeemed'), dataIndex: 'redeemed_time', render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size={4} wrap>
          <CopyButton size="small" text={r.key} label={t('common.copy')} />
          {r.status === REDEMPTION_ENABLED && (
            <Button size="small" onClick={() => run(() => api.put('/api/redemption/?status_only=true', { id: r.id, status: REDEMPTION_DISABLED }), t('common.saved'))}>
              {t('common.disable')}
            </Button>
          )}
          {r.status === REDEMPTION_DISABLED && (
            <Button size="small" onClick={() => run(() => api.put('/api/redemption/?status_only=true', { id: r.id, status: REDEMPTION_ENABLED }), t('common.saved'))}>
              {t('common.enable')}
            </Button>
          )}
          <Button size="small" onClick={() => navigate(`/redemption/edit/${r.id}`)} disabled={r.status === REDEMPTION_USED}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('redemptions.confirmDelete')} onConfirm={() => run(() => api.del(`/api/redemption/${r.id}`), t('common.deleted'))} okText={t('common.delete')} cancelText={t('common.cancel')}>
            <Button size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('redemptions.title')}>
      <div className="toolbar">
        <Link to="/redemption/add">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('redemptions.add')}
          </Button>
        </Link>
        <Button icon={<ReloadOutlined />} onClick={refresh}>
          {t('common.refresh')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={rows.length === 0}>
          {selected.length ? t('redemptions.exportSelected', { count: selected.length }) : t('redemptions.exportPage')}
        </Button>
        {selected.length > 0 && (
          <Popconfirm
            title={t('redemptions.confirmDeleteSelected', { count: selected.length })}
            onConfirm={async () => {
              await run(() => Promise.all(selected.map((r) => api.del(`/api/redemption/${r.id}`))), t('common.deleted'));
              setSelected([]);
            }}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
          >
            <Button danger>{t('redemptions.deleteSelected')}</Button>
          </Popconfirm>
        )}
        <SearchBox placeholder={t('redemptions.searchPlaceholder')} onSearch={setSearch} />
      </div>
      <Table<Redemption>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowSelection={{ selectedRowKeys: selected.map((r) => r.id), onChange: (_, chosen) => setSelected(chosen) }}
      />
      {!search && <Pager page={page} rows={rows.length} onChange={setPage} loading={list.isFetching} />}
    </Card>
  );
}
