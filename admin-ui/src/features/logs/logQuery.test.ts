// @vitest-environment node
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { EMPTY_FILTERS, logListUrl, logParams, logStatUrl } from './logQuery';

describe('log queries', () => {
  const filters = { ...EMPTY_FILTERS, type: 2, token_name: ' ci ', username: 'alice', channel: '3', range: [dayjs.unix(100), dayjs.unix(200)] as [dayjs.Dayjs, dayjs.Dayjs] };

  it('sends admin filters only on admin routes', () => {
    expect(logParams(filters, true)).toMatchObject({ type: 2, token_name: 'ci', username: 'alice', channel: '3', start_timestamp: 100, end_timestamp: 200 });
    const own = logParams(filters, false);
    expect(own.username).toBeUndefined();
    expect(own.channel).toBeUndefined();
  });

  it('builds list and stat URLs; the stat ignores the type', () => {
    expect(logListUrl(filters, false, 2)).toBe('/api/log/self?p=2&type=2&token_name=ci&start_timestamp=100&end_timestamp=200');
    expect(logListUrl(EMPTY_FILTERS, true, 0)).toBe('/api/log/?p=0');
    expect(logStatUrl(filters, true)).toBe('/api/log/stat?token_name=ci&start_timestamp=100&end_timestamp=200&username=alice&channel=3');
  });
});
