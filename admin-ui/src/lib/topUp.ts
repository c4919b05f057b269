import type { User } from '../api/types';

/** TopUpLink with the user appended, as shops behind it expect (username, user_id, transaction_id). */
export function topUpUrl(link: string, user: Pick<User, 'username' | 'id'>, transactionId: string): string {
  const url = new URL(link);
  url.searchParams.set('username', user.username);
  url.searchParams.set('user_id', String(user.id));
  url.searchParams.set('transaction_id', transactionId);
  return url.toString();
}
