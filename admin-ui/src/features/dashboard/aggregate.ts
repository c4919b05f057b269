import dayjs from 'dayjs';
import type { DashboardRow } from '../../api/types';

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

/** A calendar date (YYYY-MM-DD) as the Unix second its UTC day starts; the server groups by UTC day. */
export function utcDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
}

export interface DashboardQuery {
  /** Every user (admin view) instead of the caller. */
  allUsers: boolean;
  /** With allUsers: one user only; blank for everybody. */
  username?: string;
  /** Inclusive UTC days as YYYY-MM-DD; absent for the server's default window (the last seven UTC days). */
  range?: [string, string];
}

/** The aggregate endpoint for a query: the caller's /api/user/dashboard or the admin /api/log/dashboard. */
export function dashboardUrl(q: DashboardQuery): string {
  const params = new URLSearchParams();
  if (q.range) {
    params.set('start_timestamp', String(utcDayStart(q.range[0])));
    params.set('end_timestamp', String(utcDayStart(q.range[1]) + 86400 - 1));
  }
  if (q.allUsers && q.username?.trim()) params.set('username', q.username.trim());
  const query = params.toString();
  return `${q.allUsers ? '/api/log/dashboard' : '/api/user/dashboard'}${query ? `?${query}` : ''}`;
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
