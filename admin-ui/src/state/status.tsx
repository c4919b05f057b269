import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Status } from '../api/types';
import type { QuotaDisplay } from '../lib/quota';

/**
 * /api/status, loaded once per page load (and after settings change): system name, logo, footer, login
 * methods, quota display. The last copy is kept in localStorage so the first paint already has the name.
 */
const STORAGE_KEY = 'status';

export const DEFAULT_STATUS: Status = {
  version: '',
  start_time: 0,
  email_verification: false,
  github_oauth: false,
  github_client_id: '',
  lark_client_id: '',
  system_name: 'One API',
  logo: '',
  footer_html: '',
  wechat_qrcode: '',
  wechat_login: false,
  server_address: '',
  turnstile_check: false,
  turnstile_site_key: '',
  top_up_link: '',
  chat_link: '',
  quota_per_unit: 500000,
  display_in_currency: true,
  oidc: false,
  oidc_client_id: '',
  oidc_well_known: '',
  oidc_authorization_endpoint: '',
  oidc_token_endpoint: '',
  oidc_userinfo_endpoint: '',
};

function cached(): Status | undefined {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? { ...DEFAULT_STATUS, ...JSON.parse(text) } : undefined;
  } catch {
    return undefined;
  }
}

interface StatusValue {
  status: Status;
  loaded: boolean;
  quota: QuotaDisplay;
  refresh: () => Promise<void>;
}

const StatusContext = createContext<StatusValue | null>(null);

export function StatusProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['status'],
    queryFn: () => api.get<Status>('/api/status'),
    placeholderData: cached,
    staleTime: 60_000,
  });
  const status = useMemo(() => ({ ...DEFAULT_STATUS, ...(query.data ?? {}) }), [query.data]);

  useEffect(() => {
    if (query.isFetched && query.data) localStorage.setItem(STORAGE_KEY, JSON.stringify(query.data));
  }, [query.isFetched, query.data]);

  useEffect(() => {
    document.title = status.system_name || 'One API';
    const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (icon) icon.href = status.logo || '/logo.svg';
  }, [status.system_name, status.logo]);

  const value = useMemo<StatusValue>(
    () => ({
      status,
      loaded: query.isFetched,
      quota: { perUnit: status.quota_per_unit || 500000, inCurrency: status.display_in_currency },
      refresh: () => client.invalidateQueries({ queryKey: ['status'] }),
    }),
    [status, query.isFetched, client],
  );
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusValue {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusProvider');
  return value;
}
