import type { Dayjs } from 'dayjs';
import { api, PAGE_SIZE, qs } from '../../api/client';
import type { LogRow } from '../../api/types';

export const LOG_TYPES = [0, 1, 2, 3, 4, 5] as const;
export const LOG_TOPUP = 1;
export const LOG_CONSUME = 2;

export interface LogFilters {
  type: number;
  token_name: string;
  model_name: string;
  username: string;
  channel: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

export const EMPTY_FILTERS: LogFilters = { type: 0, token_name: '', model_name: '', username: '', channel: '', range: null };

/** Query parameters One API's log routes take; admin-only filters are dropped for the self routes. */
export function logParams(f: LogFilters, admin: boolean): Record<string, string | number | undefined> {
  return {
    type: f.type || undefined,
    token_name: f.token_name.trim() || undefined,
    model_name: f.model_name.trim() || undefined,
    start_timestamp: f.range?.[0]?.unix(),
    end_timestamp: f.range?.[1]?.unix(),
    username: admin ? f.username.trim() || undefined : undefined,
    channel: admin ? f.channel.trim() || undefined : undefined,
  };
}

export function logListUrl(f: LogFilters, admin: boolean, page: number): string {
  return `${admin ? '/api/log/' : '/api/log/self'}${qs({ p: page, ...logParams(f, admin) })}`;
}

export function logStatUrl(f: LogFilters, admin: boolean): string {
  const { type: _ignored, ...rest } = logParams(f, admin);
  return `${admin ? '/api/log/stat' : '/api/log/self/stat'}${qs(rest)}`;
}

/**
 * Every row matching the filters, page after page (the API has ten rows a page and no total), up to `maxRows`.
 * Reports progress; `truncated` tells whether the cap stopped it.
 */
export async function fetchAllLogs(
  f: LogFilters,
  admin: boolean,
  maxRows: number,
  onProgress?: (rows: number) => void,
): Promise<{ rows: LogRow[]; truncated: boolean }> {
  const rows: LogRow[] = [];
  for (let page = 0; rows.length < maxRows; page++) {
    const batch = await api.get<LogRow[]>(logListUrl(f, admin, page));
    rows.push(...batch);
    onProgress?.(rows.length);
    if (batch.length < PAGE_SIZE) return { rows, truncated: false };
  }
  return { rows: rows.slice(0, maxRows), truncated: true };
}
