import dayjs from 'dayjs';
import type { DashboardRow, LogRow } from '../../api/types';

/** Usage of one model on one day; the unit every chart is drawn from. */
export interface DayModel {
  day: string;
  model: string;
  requests: number;
  quota: number;
  promptTokens: number;
  completionTokens: number;
}

export interface DayTotals {
  day: string;
  requests: number;
  quota: number;
  tokens: number;
}

export interface UsageSeries {
  days: DayTotals[];
  /** One row per day, a key per model holding that model's quota. */
  perModel: Array<Record<string, string | number>>;
  models: Array<{ model: string; requests: number; quota: number; tokens: number }>;
  totals: { requests: number; quota: number; tokens: number };
}

export function fromDashboard(rows: DashboardRow[]): DayModel[] {
  return rows.map((r) => ({
    day: r.Day,
    model: r.ModelName,
    requests: r.RequestCount,
    quota: r.Quota,
    promptTokens: r.PromptTokens,
    completionTokens: r.CompletionTokens,
  }));
}

/** Consume logs bucketed by the viewer's local day (One API bucketed in UTC and labelled in local time). */
export function fromLogs(rows: LogRow[]): DayModel[] {
  const buckets = new Map<string, DayModel>();
  for (const r of rows) {
    if (r.type !== 2) continue;
    const day = dayjs.unix(r.created_at).format('YYYY-MM-DD');
    const key = `${day}\u0000${r.model_name}`;
    const b = buckets.get(key) ?? { day, model: r.model_name, requests: 0, quota: 0, promptTokens: 0, completionTokens: 0 };
    b.requests += 1;
    b.quota += r.quota;
    b.promptTokens += r.prompt_tokens;
    b.completionTokens += r.completion_tokens;
    buckets.set(key, b);
  }
  return [...buckets.values()];
}

/** Every day from `start` to `end` inclusive, as YYYY-MM-DD. */
export function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let d = dayjs(start);
  const last = dayjs(end);
  while (!d.isAfter(last, 'day') && out.length < 400) {
    out.push(d.format('YYYY-MM-DD'));
    d = d.add(1, 'day');
  }
  return out;
}

/** The charts' data: days padded so a quiet day shows as zero, models sorted by quota (largest first). */
export function buildSeries(items: DayModel[], days: string[]): UsageSeries {
  const byDay = new Map(days.map((d) => [d, { day: d, requests: 0, quota: 0, tokens: 0 }]));
  const perModelDay = new Map(days.map((d) => [d, { day: d } as Record<string, string | number>]));
  const models = new Map<string, { model: string; requests: number; quota: number; tokens: number }>();
  for (const it of items) {
    const tokens = it.promptTokens + it.completionTokens;
    let day = byDay.get(it.day);
    if (!day) {
      day = { day: it.day, requests: 0, quota: 0, tokens: 0 };
      byDay.set(it.day, day);
      perModelDay.set(it.day, { day: it.day });
    }
    day.requests += it.requests;
    day.quota += it.quota;
    day.tokens += tokens;
    const row = perModelDay.get(it.day)!;
    row[it.model] = ((row[it.model] as number | undefined) ?? 0) + it.quota;
    const m = models.get(it.model) ?? { model: it.model, requests: 0, quota: 0, tokens: 0 };
    m.requests += it.requests;
    m.quota += it.quota;
    m.tokens += tokens;
    models.set(it.model, m);
  }
  const sortedDays = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  const totals = sortedDays.reduce((acc, d) => ({ requests: acc.requests + d.requests, quota: acc.quota + d.quota, tokens: acc.tokens + d.tokens }), { requests: 0, quota: 0, tokens: 0 });
  return {
    days: sortedDays,
    perModel: [...perModelDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day))),
    models: [...models.values()].sort((a, b) => b.quota - a.quota || a.model.localeCompare(b.model)),
    totals,
  };
}

/** The last seven UTC days, as /api/user/dashboard reports them. */
export function lastSevenUtcDays(now = dayjs()): string[] {
  const today = now.toDate();
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const out: string[] = [];
  for (let i = 6; i >= 0; i--) {
    out.push(new Date(end.getTime() - i * 86400000).toISOString().slice(0, 10));
  }
  return out;
}
