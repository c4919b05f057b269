// @vitest-environment node
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { buildSeries, dashboardUrl, daysBetween, fromDashboard, lastSevenUtcDays, utcDayStart } from './aggregate';

describe('dashboard aggregation', () => {
  it('pads quiet days with zeros and sums per day and model', () => {
    const items = fromDashboard([
      { Day: '2026-01-02', ModelName: 'a', RequestCount: 2, Quota: 60, PromptTokens: 20, CompletionTokens: 40 },
      { Day: '2026-01-02', ModelName: 'b', RequestCount: 1, Quota: 100, PromptTokens: 5, CompletionTokens: 5 },
    ]);
    const s = buildSeries(items, daysBetween('2026-01-01', '2026-01-03'));
    expect(s.days.map((d) => d.requests)).toEqual([0, 3, 0]);
    expect(s.days[1]).toEqual({ day: '2026-01-02', requests: 3, quota: 160, tokens: 70 });
    expect(s.perModel[1]).toEqual({ day: '2026-01-02', a: 60, b: 100 });
    expect(s.models.map((m) => m.model)).toEqual(['b', 'a']);
    expect(s.totals).toEqual({ requests: 3, quota: 160, tokens: 70 });
  });

  it('asks the caller\'s or the admin endpoint for whole UTC days', () => {
    expect(dashboardUrl({ allUsers: false })).toBe('/api/user/dashboard');
    expect(dashboardUrl({ allUsers: true, username: '  ' })).toBe('/api/log/dashboard');
    expect(dashboardUrl({ allUsers: false, username: 'ignored', range: ['2024-10-04', '2024-10-05'] })).toBe(
      '/api/user/dashboard?start_timestamp=1728000000&end_timestamp=1728172799',
    );
    expect(dashboardUrl({ allUsers: true, username: ' alice ', range: ['2024-10-04', '2024-10-04'] })).toBe(
      '/api/log/dashboard?start_timestamp=1728000000&end_timestamp=1728086399&username=alice',
    );
    expect(utcDayStart('1970-01-02')).toBe(86400);
  });

  it('lists seven UTC days ending today', () => {
    const days = lastSevenUtcDays(dayjs('2026-05-10T12:00:00Z'));
    expect(days).toEqual(['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-09', '2026-05-10']);
  });
});
