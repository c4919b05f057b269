// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dollarsToQuota, quotaHint, renderQuota, shortNumber } from './quota';

describe('quota display', () => {
  it('divides by QuotaPerUnit in currency mode, not by a fixed million', () => {
    expect(renderQuota(500000, { perUnit: 500000, inCurrency: true })).toBe('$1.00');
    expect(renderQuota(1000000, { perUnit: 500000, inCurrency: true })).toBe('$2.00');
    expect(renderQuota(1000000, { perUnit: 1000000, inCurrency: true })).toBe('$1.00');
  });

  it('shows enough digits that a small non-zero cost does not read as $0.00', () => {
    expect(renderQuota(30, { perUnit: 500000, inCurrency: true })).toBe('$0.00006');
    expect(renderQuota(0, { perUnit: 500000, inCurrency: true })).toBe('$0.00');
  });

  it('shows raw points, shortened, when currency display is off', () => {
    expect(renderQuota(30, { perUnit: 500000, inCurrency: false })).toBe('30');
    expect(renderQuota(9999, { perUnit: 500000, inCurrency: false })).toBe('9999');
    expect(shortNumber(12345)).toBe('12.3k');
    expect(shortNumber(4500000)).toBe('4.5M');
    expect(shortNumber(2000000000)).toBe('2B');
  });

  it('survives a zero QuotaPerUnit', () => {
    expect(renderQuota(100, { perUnit: 0, inCurrency: true })).toBe('$0.00');
  });

  it('converts both ways and hints inputs', () => {
    expect(dollarsToQuota(1.5, 500000)).toBe(750000);
    expect(quotaHint(500000, 500000)).toBe('≈ $1.00');
    expect(quotaHint(30, 500000)).toBe('≈ $0.00006');
  });
});
