// @vitest-environment node
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { LogRow } from '../../api/types';
import { buildSeries, daysBetween, fromDashboard, fromLogs, lastSevenUtcDays } from './aggregate';

const log = (at: string, model: string, quota: number, type = 2): LogRow => ({
  id: 0, user_id: 1, created_at: dayjs(at).unix(), type, content: '', username: 'u', token_name: 't', model_name: model, quota,
  prompt_tokens: 10, completion_tokens: 20, channel: 1, request_id: '', elapsed_time: 0, is_stream: false, system_prompt_reset: false,
});

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

  it('buckets consume logs by local day and ignores other log types', () => {
    const items = fromLogs([log('2026-03-01T10:00:00', 'm', 30), log('2026-03-01T23:59:00', 'm', 30), log('2026-03-02T00:01:00', 'm', 30), log('2026-03-02T00:02:00', 'm', 999, 1)]);
    expect(items).toHaveLength(2);
    const s = buildSeries(items, daysBetween('2026-03-01', '2026-03-02'));
    expect(s.days.map((d) => [d.day, d.requests, d.quota])).toEqual([
      ['2026-03-01', 2, 60],
      ['2026-03-02', 1, 30],
    ]);
  });

  it('lists seven UTC days ending today', () => {
    const days = lastSevenUtcDays(dayjs('2026-05-10T12:00:00Z'));
    expect(days).toEqual(['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-09', '2026-05-10']);
  });
});
