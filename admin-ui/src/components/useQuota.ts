import { useCallback } from 'react';
import { renderQuota } from '../lib/quota';
import { useStatus } from '../state/status';

/** Formats quota the way the server says (currency or points). */
export function useQuotaFormat() {
  const { quota } = useStatus();
  return useCallback((value: number, digits = 2) => renderQuota(value, quota, digits), [quota]);
}
