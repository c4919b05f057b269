import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { ROLE_ADMIN, ROLE_ROOT } from '../../api/types';

export const USER_ENABLED = 1;
export const USER_DISABLED = 2;

export function RoleTag({ role, t }: { role: number; t: TFunction }) {
  if (role >= ROLE_ROOT) return <Tag color="orange">{t('users.roleRoot')}</Tag>;
  if (role >= ROLE_ADMIN) return <Tag color="yellow">{t('users.roleAdmin')}</Tag>;
  return <Tag>{t('users.roleCommon')}</Tag>;
}

export function UserStatusTag({ status, t }: { status: number; t: TFunction }) {
  if (status === USER_ENABLED) return <Tag color="green">{t('users.active')}</Tag>;
  if (status === USER_DISABLED) return <Tag color="red">{t('users.banned')}</Tag>;
  return <Tag>{t('users.statusUnknown')}</Tag>;
}
