import { useMemo, useState } from 'react';
import { Alert, Card, Col, DatePicker, Empty, Input, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import type { DashboardRow } from '../../api/types';
import { useQuotaFormat } from '../../components/useQuota';
import { useSession } from '../../state/session';
import { buildSeries, dashboardUrl, daysBetween, fromDashboard, lastSevenUtcDays, type DashboardQuery, type UsageSeries } from './aggregate';

const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#eb2f96', '#722ed1', '#13c2c2', '#fadb14', '#a0d911', '#f5222d', '#2f54eb'];

type Mode = 'week' | 'range';

function Charts({ series, quota, t }: { series: UsageSeries; quota: (q: number, d?: number) => string; t: (k: string) => string }) {
  if (series.totals.requests === 0) return <Empty description={t('dashboard.noData')} />;
  const shownModels = series.models.slice(0, 10).map((m) => m.model);
  return (
    <Row gutter={[16, 16]}>
      {(
        [
          ['requests', t('dashboard.requestsPerDay')],
          ['quota', t('dashboard.quotaPerDay')],
          ['tokens', t('dashboard.tokensPerDay')],
        ] as const
      ).map(([key, title], i) => (
        <Col xs={24} lg={8} key={key}>
          <Card size="small" title={title}>
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={series.days}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" tick={{ fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} tickFormatter={key === 'quota' ? (v: number) => quota(v) : undefined} width={70} />
                <Tooltip formatter={key === 'quota' ? (v) => quota(Number(v), 4) : undefined} />
                <Line type="monotone" dataKey={key} stroke={COLORS[i]} dot />
              </LineChart>
            </ResponsiveContainer>
          </Card>
        </Col>
      ))}
      <Col span={24}>
        <Card size="small" title={t('dashboard.quotaPerModel')}>
          <div data-testid="model-chart">
            <ResponsiveContainer width="100%" height={320}>
              <BarChart data={series.perModel}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" tick={{ fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => quota(v)} width={70} />
                <Tooltip formatter={(v) => quota(Number(v), 4)} />
                <Legend />
                {shownModels.map((m, i) => (
                  <Bar key={m} dataKey={m} name={m} stackId="models" fill={COLORS[i % COLORS.length]} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('dashboard.topModels')}>
          <Table
            rowKey="model"
            size="small"
            pagination={false}
            dataSource={series.models}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('logs.model'), dataIndex: 'model' },
              { title: t('dashboard.requests'), dataIndex: 'requests' },
              { title: t('dashboard.quota'), dataIndex: 'quota', render: (q: number) => quota(q, 4) },
              { title: t('dashboard.tokens'), dataIndex: 'tokens' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const quota = useQuotaFormat();
  const { isAdmin } = useSession();
  const [mode, setMode] = useState<Mode>('week');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')]);
  const [allUsers, setAllUsers] = useState(false);
  const [username, setUsername] = useState('');

  // Summed per UTC day and model by the server: the caller's /api/user/dashboard, or for admins the
  // /api/log/dashboard view across every user (or one). The picked dates are taken as UTC days.
  const days: [string, string] | undefined = mode === 'range' ? [range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')] : undefined;
  const query: DashboardQuery = { allUsers: isAdmin && allUsers, username, range: days };
  const usage = useQuery({
    queryKey: ['dashboard', dashboardUrl(query)],
    queryFn: () => api.get<DashboardRow[]>(dashboardUrl(query)),
  });

  const series = useMemo(
    () => buildSeries(fromDashboard(usage.data ?? []), days ? daysBetween(days[0], days[1]) : lastSevenUtcDays()),
    [usage.data, days?.[0], days?.[1]],
  );
  const today = series.days[series.days.length - 1];
  const loading = usage.isFetching;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Segmented<Mode>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'week', label: t('dashboard.last7') },
              { value: 'range', label: t('dashboard.custom') },
            ]}
          />
          {mode === 'range' && (
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v && v[0] && v[1] && setRange([v[0].startOf('day'), v[1].endOf('day')])}
            />
          )}
          {isAdmin && (
            <Segmented
              value={allUsers ? 'all' : 'me'}
              onChange={(v) => setAllUsers(v === 'all')}
              options={[
                { value: 'me', label: t('dashboard.me') },
                { value: 'all', label: t('dashboard.allUsers') },
              ]}
            />
          )}
          {isAdmin && allUsers && <Input.Search placeholder={t('logs.user')} allowClear onSearch={(v) => setUsername(v.trim())} style={{ width: 180 }} />}
        </Space>
        {usage.error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={usage.error.message} />}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small" loading={loading}>
            <div data-testid="today-requests">
              <Statistic title={t('dashboard.todayRequests')} value={today?.requests ?? 0} />
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={loading}>
            <Statistic title={t('dashboard.todayQuota')} value={quota(today?.quota ?? 0, 4)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={loading}>
            <div data-testid="total-requests">
              <Statistic title={t('dashboard.totalRequests')} value={series.totals.requests} />
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={loading}>
            <Statistic title={t('dashboard.totalQuota')} value={quota(series.totals.quota, 4)} />
          </Card>
        </Col>
      </Row>
      {!loading && <Charts series={series} quota={quota} t={t} />}
      <Typography.Text type="secondary">{t('dashboard.utcNote')}</Typography.Text>
    </Space>
  );
}
