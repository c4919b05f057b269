// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { topUpUrl } from './topUp';

describe('top-up link', () => {
  it('appends the user and a transaction id, keeping existing parameters', () => {
    const url = new URL(topUpUrl('https://shop.example/buy?sku=1', { username: 'alice', id: 7 }, 'tx1'));
    expect(url.searchParams.get('sku')).toBe('1');
    expect(url.searchParams.get('username')).toBe('alice');
    expect(url.searchParams.get('user_id')).toBe('7');
    expect(url.searchParams.get('transaction_id')).toBe('tx1');
  });
});
