import { Button, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE } from '../api/client';

/**
 * One API's lists have no total: a page is 10 rows, and a full page means there may be another.
 */
export default function Pager({ page, rows, onChange, loading }: { page: number; rows: number; onChange: (p: number) => void; loading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 12 }} data-testid="pager">
      <Button size="small" icon={<LeftOutlined />} disabled={page === 0 || loading} onClick={() => onChange(page - 1)} aria-label={t('common.previousPage')} />
      <Typography.Text>{t('common.page', { page: page + 1 })}</Typography.Text>
      <Button size="small" icon={<RightOutlined />} disabled={rows < PAGE_SIZE || loading} onClick={() => onChange(page + 1)} aria-label={t('common.nextPage')} />
    </Space>
  );
}
