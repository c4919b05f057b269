import { useState } from 'react';
import { Button, Card, Popconfirm, Popover, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ROLE_ADMIN, ROLE_ROOT, type User } from '../../api/types';
import { BatchBar } from '../../components/BatchBar';
import Pager from '../../components/Pager';
import SearchBox from '../../components/SearchBox';
import { useResourceList } from '../../components/useResourceList';
import { useQuotaFormat } from '../../components/useQuota';
import { useSession } from '../../state/session';
import { RoleTag, USER_ENABLED, UserStatusTag } from './roles';

type Action = 'promote' | 'demote' | 'enable' | 'disable' | 'delete';

export default function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const quota = useQuotaFormat();
  const { isRoot } = useSession();
  const [order, setOrder] = useState('');
  const { page, setPage, setSearch, search, list, rows, refresh, run } = useResourceList<User>('users', '/api/user/', order);
  const manageCall = (user: User, action: Action) => api.post('/api/user/manage', { username: user.username, action });
  const manage = (user: User, action: Action) => run(() => manageCall(user, action), t('common.saved'));
  const [selected, setSelected] = useState<User[]>([]);

  const columns: ColumnsType<User> = [
    { title: t('users.id'), dataIndex: 'id', width: 70 },
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (name: string, u) => (
        <Popover content={<div>{u.display_name || '-'}<br />{u.email || '-'}</div>} title={name}>
          <span>{name}</span>
        </Popover>
      ),
    },
    { title: t('users.group'), dataIndex: 'group', render: (g: string) => <Tag>{g}</Tag> },
    {
      title: t('users.quota'),
      key: 'quota',
      render: (_, u) => (
        <Space size={2} wrap>
          <Tooltip title={t('users.remaining')}>
            <Tag color="green" data-testid="user-quota">{quota(u.quota)}</Tag>
          </Tooltip>
          <Tooltip title={t('users.used')}>
            <Tag color="blue" data-testid="user-used-quota">{quota(u.used_quota)}</Tag>
          </Tooltip>
          <Tooltip title={t('users.requests')}>
            <Tag data-testid="user-request-count">{u.request_count}</Tag>
          </Tooltip>
        </Space>
      ),
    },
    { title: t('users.role'), dataIndex: 'role', render: (r: number) => <RoleTag role={r} t={t} /> },
    { title: t('users.status'), dataIndex: 'status', render: (s: number) => <UserStatusTag status={s} t={t} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) =>
        u.role >= ROLE_ROOT ? null : (
          <Space size={4} wrap>
            {isRoot && u.role < ROLE_ADMIN && (
              <Button size="small" onClick={() => manage(u, 'promote')}>
                {t('users.promote')}
              </Button>
            )}
            {u.role >= ROLE_ADMIN && (
              <Button size="small" onClick={() => manage(u, 'demote')}>
                {t('users.demote')}
              </Button>
            )}
            {u.status === USER_ENABLED ? (
              <Button size="small" onClick={() => manage(u, 'disable')}>
                {t('common.disable')}
              </Button>
            ) : (
              <Button size="small" onClick={() => manage(u, 'enable')}>
                {t('common.enable')}
              </Button>
            )}
            <Button size="small" onClick={() => navigate(`/user/edit/${u.id}`)}>
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('users.confirmDelete', { name: u.username })} onConfirm={() => manage(u, 'delete')} okText={t('common.delete')} cancelText={t('common.cancel')}>
              <Button size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card title={t('users.title')}>
      <div className="toolbar">
        <Link to="/user/add">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('users.add')}
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
          aria-label={t('common.sort')}
          options={[
            { value: '', label: t('users.sortDefault') },
            { value: 'quota', label: t('users.sortQuota') },
            { value: 'used_quota', label: t('users.sortUsed') },
            { value: 'request_count', label: t('users.sortRequests') },
          ]}
        />
        <SearchBox placeholder={t('users.searchPlaceholder')} onSearch={setSearch} />
      </div>
      <BatchBar<User>
        selected={selected}
        onDone={() => {
          setSelected([]);
          return refresh();
        }}
        actions={[
          { key: 'enable', label: t('common.enableSelected'), each: (u) => manageCall(u, 'enable') },
          { key: 'disable', label: t('common.disableSelected'), each: (u) => manageCall(u, 'disable') },
          { key: 'delete', label: t('common.deleteSelected'), danger: true, confirm: t('users.confirmDeleteSelected', { count: selected.length }), each: (u) => manageCall(u, 'delete') },
        ]}
      />
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowSelection={{
          selectedRowKeys: selected.map((u) => u.id),
          onChange: (_, chosen) => setSelected(chosen),
          // The root account is never disabled or deleted (the row has no actions either).
          getCheckboxProps: (u) => ({ disabled: u.role >= ROLE_ROOT }),
        }}
      />
      {!search && <Pager page={page} rows={rows.length} onChange={setPage} loading={list.isFetching} />}
    </Card>
  );
}
