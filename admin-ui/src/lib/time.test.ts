// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { expiryFrom, formatTime } from './time';

describe('token expiry shortcuts', () => {
  const now = 1_700_000_000;
  it('gives -1 for never and adds the period otherwise', () => {
    expect(expiryFrom('never', now)).toBe(-1);
    expect(expiryFrom('minute', now)).toBe(now + 60);
    expect(expiryFrom('hour', now)).toBe(now + 3600);
    expect(expiryFrom('day', now)).toBe(now + 86400);
    const month = expiryFrom('month', now);
    expect(month - now).toBeGreaterThanOrEqual(28 * 86400);
    expect(month - now).toBeLessThanOrEqual(31 * 86400);
  });
  it('formats unset times as a dash', () => {
    expect(formatTime(0)).toBe('-');
    expect(formatTime(-1)).toBe('-');
    expect(formatTime(now)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
