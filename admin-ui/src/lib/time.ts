import dayjs from 'dayjs';

/** Unix seconds as local "YYYY-MM-DD HH:mm:ss"; 0 or negative as "-". */
export function formatTime(seconds: number): string {
  if (!seconds || seconds <= 0) return '-';
  return dayjs.unix(seconds).format('YYYY-MM-DD HH:mm:ss');
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export type ExpiryShortcut = 'never' | 'month' | 'day' | 'hour' | 'minute';

/** Token expiry shortcuts: -1 for never, else now plus the period, in unix seconds. */
export function expiryFrom(shortcut: ExpiryShortcut, now = nowSeconds()): number {
  switch (shortcut) {
    case 'never':
      return -1;
    case 'month':
      return dayjs.unix(now).add(1, 'month').unix();
    case 'day':
      return now + 86400;
    case 'hour':
      return now + 3600;
    case 'minute':
      return now + 60;
  }
}
